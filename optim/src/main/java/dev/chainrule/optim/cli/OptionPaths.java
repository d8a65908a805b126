package dev.chainrule.optim.cli;

import dev.chainrule.optim.checkpoint.AtomicFile;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The checks of the files an option names, made before any work so that a run is never lost to
 * a path that fails at its end: one rule for the program's commands and the Spark launcher, whose
 * path checks were written twice and came to exit differently ({@code --save folder} was a usage
 * error of {@code train} and a failure of the launcher). Each check returns the first refusal,
 * naming the option and the path, or empty; the caller throws it as its usage error or its
 * failure, as {@link PathRefusal#usage()} says.
 */
public final class OptionPaths {
  private OptionPaths() {}

  /**
   * A file to be read: it must exist, be a file and be readable.
   *
   * @param option the option's long name, such as {@code --csv}
   * @param file the file
   * @return the refusal, or empty when the file can be read
   */
  public static Optional<PathRefusal> readableFile(String option, Path file) {
    Optional<PathRefusal> empty = empty(option, file, "file")
        .or(() -> undecodable(option, file));
    if (empty.isPresent()) {
      return empty;
    }
    if (!Files.exists(file)) {
      return Optional.of(PathRefusal.byFileSystem(option + " " + file + ": no such file"));
    }
    if (Files.isDirectory(file)) {
      return Optional.of(PathRefusal.wrongKind(option + " " + file + " is a folder, not a file"));
    }
    if (!Files.isReadable(file)) {
      return Optional.of(PathRefusal.byFileSystem(option + " " + file
          + ": the file is not readable"));
    }
    return Optional.empty();
  }

  /**
   * A file to be written (replaced if it exists): its folder must exist and be writable, and what
   * is there now, if anything, must be a regular file.
   *
   * @param option the option's long name, such as {@code --save}
   * @param file the file
   * @param exampleName a name for such a file, suggested in the folder's place ({@code
   *     model.safetensors} for a checkpoint)
   * @return the refusal, or empty when the file can be written
   */
  public static Optional<PathRefusal> writableFile(String option, Path file,
      String exampleName) {
    Optional<PathRefusal> empty = empty(option, file, "file")
        .or(() -> undecodable(option, file));
    if (empty.isPresent()) {
      return empty;
    }
    if (Files.isDirectory(file)) {
      return Optional.of(PathRefusal.wrongKind(option + " " + file + " is a folder; give a file"
          + " name, such as " + file.resolve(exampleName)));
    }
    // A device or a FIFO is no file to write either: the path is of the wrong kind, as a
    // folder's; what else keeps the file from being written is the file system's refusal.
    boolean special = Files.exists(file) && !Files.isRegularFile(file);
    Optional<String> why = AtomicFile.whyUnwritable(file);
    if (why.isPresent()) {
      String message = option + " " + file + why.get();
      return Optional.of(special ? PathRefusal.wrongKind(message)
          : PathRefusal.byFileSystem(message));
    }
    return writableFolder(option, file, writtenFolder(file));
  }

  /** The folder a write of {@code file} lands in: a symbolic link's target's, as writes follow. */
  private static Path writtenFolder(Path file) {
    Path absolute = file.toAbsolutePath();
    try {
      return absolute.toRealPath().getParent();
    } catch (IOException e) {
      // A file still to create (or a link to one): whyUnwritable found its folder there.
      return absolute.getParent();
    }
  }

  /**
   * Creates and deletes a file in {@code folder}, the only sure test: Files.isWritable reads the
   * permission bits, which root passes, so {@code --out /sys/kernel} trained first and then
   * failed naming the charts' temporary file, and {@code --save /proc/x.st} wrote a rescue file.
   * A probe that cannot be deleted refuses the folder too: the write's rename would fail there.
   * The message names the option and its path, and the probe only when it is left behind.
   *
   * @param option the option, such as {@code --save}
   * @param given the path the option gave
   * @param folder the folder the command will write in
   * @return the refusal, or empty when a file could be written there
   */
  public static Optional<PathRefusal> writableFolder(String option, Path given, Path folder) {
    Path probe;
    try {
      probe = Files.createTempFile(folder, ".chainrule-probe-", ".tmp");
    } catch (IOException e) {
      String why = reason(e);
      // reason() falls back to the exception's message, which may name the probe.
      String shown = e.getMessage() != null && why.equals(e.getMessage())
          ? "input/output failure" : why;
      return Optional.of(PathRefusal.byFileSystem(option + " " + given + ": cannot write in the"
          + " folder " + folder + " (" + shown + ")", e));
    }
    try {
      Files.deleteIfExists(probe);
      return Optional.empty();
    } catch (IOException e) {
      // A folder that takes new files but lets none be removed or renamed (chattr +a) refuses
      // the rename every write ends with, and the clean-up of its temporary file: the command
      // trained, then failed to save, and left a temporary file and this probe at each attempt.
      return Optional.of(PathRefusal.byFileSystem(option + " " + given + ": the folder " + folder
          + " lets files be created but not deleted (" + reason(e) + "), so a file cannot be"
          + " written there: every write renames a temporary file into place; the empty probe "
          + probe.getFileName() + " could not be deleted and is left in it", e));
    }
  }

  /**
   * An output must not be a file the command reads: writing the model over the data it trains on
   * (or predictions over the model) would lose the input. Paths are compared as files, so
   * {@code ./a.csv} and {@code a.csv} are one.
   *
   * @param outputOption the output's option, such as {@code --save}
   * @param output the file to write, or null when none is written
   * @param inputOption the input's option, such as {@code --csv}
   * @param input the file read
   * @return the refusal, or empty when the output is another file
   */
  public static Optional<PathRefusal> notTheInput(String outputOption, Path output,
      String inputOption, Path input) {
    try {
      if (output != null && Files.exists(output) && Files.exists(input)
          && Files.isSameFile(output, input)) {
        return Optional.of(PathRefusal.wrongKind(outputOption + " " + output + " is the file "
            + inputOption + " reads; writing it would replace that input: give another path"));
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(PathRefusal.byFileSystem(outputOption + " " + output
          + ": cannot compare it with " + inputOption + " " + input + " (" + reason(e) + ")", e));
    }
  }

  /**
   * An empty path (an unset shell variable, {@code --csv ""}) names the working folder to Java:
   * it was refused as "--csv  is a folder, not a file", naming no path at all, and {@code --out
   * ''} wrote the charts there unasked.
   *
   * @param option the option's long name
   * @param path the path
   * @param kind what the option names, "file" or "folder"
   * @return the refusal, a usage error, or empty when the path is not empty
   */
  public static Optional<PathRefusal> empty(String option, Path path, String kind) {
    return path.toString().isEmpty()
        ? Optional.of(PathRefusal.wrongKind(option + " is empty: give the path of a " + kind))
        : Optional.empty();
  }

  /**
   * A name whose bytes the system's encoding for file names could not decode reaches Java with
   * U+FFFD in their place, which a UTF-8 name can hold: the path names another file than the one
   * given (a save made "m\uFFFD.st", a read said no such file). The Spark launcher's paths
   * came through as such; the program's are refused by its option parser in these words.
   *
   * @param option the option's long name
   * @param path the path
   * @return the refusal, a usage error, or empty when the name holds no U+FFFD
   */
  public static Optional<PathRefusal> undecodable(String option, Path path) {
    return undecodableName(path.toString(), System.getProperty("sun.jnu.encoding", "UTF-8"))
        .map(why -> PathRefusal.wrongKind(option + " " + why));
  }

  /**
   * Why a name holding U+FFFD cannot be used, or empty when it holds none.
   *
   * @param name the name as Java received it
   * @param encoding the system's encoding for file names ({@code sun.jnu.encoding})
   * @return the refusal's words, starting with the quoted name
   */
  public static Optional<String> undecodableName(String name, String encoding) {
    return name.indexOf('\uFFFD') < 0 ? Optional.empty() : Optional.of("'" + name + "': the"
        + " name's bytes are not valid in the system's encoding for file names (" + encoding
        + ", sun.jnu.encoding), so Java cannot name that file; rename the file to a name in "
        + encoding + ", or run under a locale whose encoding the name is in (e.g."
        + " LC_ALL=en_US.ISO-8859-1 for Latin-1 names)");
  }

  /**
   * Why creating a folder or writing a file failed, in words.
   *
   * @param e the file system's failure
   * @return the reason, without the file's name
   */
  public static String reason(IOException e) {
    if (e instanceof FileAlreadyExistsException exists) {
      return exists.getFile() + " is a file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "the file system refused it";  // createDirectories makes parents: a special folder
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason().toLowerCase(Locale.ROOT);
    }
    return e.getMessage() == null ? "input/output failure" : e.getMessage();
  }
}
