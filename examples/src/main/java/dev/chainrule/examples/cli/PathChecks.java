package dev.chainrule.examples.cli;

import dev.chainrule.optim.checkpoint.AtomicFile;
import dev.chainrule.optim.data.CommandLinePaths;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Checks of the files a command will read or write, made before any work so that a run is never
 * lost to a path that fails at its end. Each refusal is in the user's words, naming the option and
 * the path: a {@link PathUsage} (exit 2) for a path of the wrong kind for its option, which the
 * command line is to correct, and a {@link Failure} (exit 1) for one the file system refuses.
 */
public final class PathChecks {
  private PathChecks() {}

  /**
   * Creates the output folder if needed; it must then be a writable folder.
   *
   * @param option the option's long name, such as {@code --hidden}
   * @param folder the folder
   */
  public static void requireOutputFolder(String option, Path folder) {
    // An empty path is the working folder to Java: --out '' wrote the charts there unasked.
    requireNotEmpty(option, folder, "folder");
    if (Files.exists(folder) && !Files.isDirectory(folder)) {
      throw new PathUsage(option + " " + folder + " is a file, not a folder");
    }
    for (Path above = folder.toAbsolutePath().getParent(); above != null;
        above = above.getParent()) {
      if (Files.exists(above)) {
        if (!Files.isDirectory(above)) {
          throw new Failure(option + " " + folder + ": " + above + " is a file, not a folder");
        }
        break;
      }
    }
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new Failure(option + " " + folder + ": cannot create the folder (" + reason(e) + ")",
          e);
    }
    if (!Files.isWritable(folder)) {
      throw new Failure(option + " " + folder + ": the folder is not writable");
    }
    probeFolder(option, folder, folder);
  }

  /**
   * Creates and deletes a file in {@code folder}, the only sure test: Files.isWritable reads the
   * permission bits, which root passes, so {@code --out /sys/kernel} trained first and then
   * failed naming the charts' temporary file, and {@code --save /proc/x.st} wrote a rescue file.
   * The message names the option and its path, never the probe's name.
   *
   * @param option the option, such as {@code --save}
   * @param given the path the option gave
   * @param folder the folder the command will write in
   */
  private static void probeFolder(String option, Path given, Path folder) {
    Path probe = null;
    try {
      probe = Files.createTempFile(folder, ".chainrule-probe-", ".tmp");
    } catch (IOException e) {
      String why = reason(e);
      // reason() falls back to the exception's message, which may name the probe.
      String shown = e.getMessage() != null && why.equals(e.getMessage())
          ? "input/output failure" : why;
      throw new Failure(option + " " + given + ": cannot write in the folder " + folder + " ("
          + shown + ")", e);
    } finally {
      if (probe != null) {
        try {
          Files.deleteIfExists(probe);
        } catch (IOException ignored) {
          // Only a hidden empty file is left; the write the command does is what matters.
        }
      }
    }
  }

  /**
   * A folder to read from must exist and be a folder: a data folder that is missing, or a file,
   * was reported as the first file not found in it ("no train-images-idx3-ubyte[.gz] in
   * x.csv"), which hid the slip in the path.
   *
   * @param option the option's long name, such as {@code --data}
   * @param folder the folder
   * @param advice what to do when there is no such folder (such as where the data comes from),
   *     after a semicolon, or "" for nothing
   */
  public static void requireFolder(String option, Path folder, String advice) {
    // An empty path is the working folder to Java, and the refusal named a missing file "in ".
    requireNotEmpty(option, folder, "folder");
    if (!Files.exists(folder)) {
      throw new Failure(option + " " + folder + ": no such folder"
          + (advice.isEmpty() ? "" : "; " + advice));
    }
    if (!Files.isDirectory(folder)) {
      throw new PathUsage(option + " " + folder + " is a file, not a folder");
    }
  }

  /**
   * A file's name as typed must not end in a separator, which names a folder: {@code --save
   * m.safetensors/} was read as {@code m.safetensors} (a Path drops the separator) and wrote that
   * file.
   *
   * @param option the option's long name, such as {@code --save}
   * @param typed the option's value as typed, or null when it was not typed
   */
  public static void requireFileName(String option, String typed) {
    CommandLinePaths.folderSpelling(option, typed).ifPresent(why -> {
      throw new PathUsage(why);
    });
  }

  /**
   * A file to be written (replaced if it exists): its folder must exist and be writable, and what
   * is there now, if anything, must be a regular file.
   *
   * @param option the option's long name, such as {@code --hidden}
   * @param file the file
   * @param exampleName a name for such a file, suggested in the folder's place ({@code
   *     model.safetensors} for a checkpoint)
   */
  public static void requireWritableFile(String option, Path file, String exampleName) {
    requireNotEmpty(option, file);
    if (Files.isDirectory(file)) {
      throw new PathUsage(option + " " + file + " is a folder; give a file name, such as "
          + file.resolve(exampleName));
    }
    // A device or a FIFO is no file to write either: the path is of the wrong kind, as a
    // folder's; what else keeps the file from being written is the file system's refusal.
    boolean special = Files.exists(file) && !Files.isRegularFile(file);
    AtomicFile.whyUnwritable(file).ifPresent(why -> {
      String message = option + " " + file + why;
      throw special ? new PathUsage(message) : new Failure(message);
    });
    probeFolder(option, file, writtenFolder(file));
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
   * An output must not be a file the command reads: writing the model over the data it trains on
   * (or predictions over the model) would lose the input. Paths are compared as files, so
   * {@code ./a.csv} and {@code a.csv} are one.
   *
   * @param outputOption the output's option, such as {@code --save}
   * @param output the file to write, or null when none is written
   * @param inputOption the input's option, such as {@code --csv}
   * @param input the file read
   */
  public static void requireNotTheInput(String outputOption, Path output, String inputOption,
      Path input) {
    try {
      if (output != null && Files.exists(output) && Files.exists(input)
          && Files.isSameFile(output, input)) {
        throw new PathUsage(outputOption + " " + output + " is the file " + inputOption
            + " reads; writing it would replace that input: give another path");
      }
    } catch (IOException e) {
      throw new Failure(outputOption + " " + output + ": cannot compare it with " + inputOption
          + " " + input + " (" + reason(e) + ")", e);
    }
  }

  /**
   * An empty path (an unset shell variable, {@code --csv ""}) names the working folder, and was
   * refused as "--csv  is a folder, not a file", naming no path at all.
   */
  private static void requireNotEmpty(String option, Path file) {
    requireNotEmpty(option, file, "file");
  }

  private static void requireNotEmpty(String option, Path path, String kind) {
    if (path.toString().isEmpty()) {
      throw new PathUsage(option + " is empty: give the path of a " + kind);
    }
  }

  /**
   * A file to be read: it must exist, be a file and be readable.
   *
   * @param option the option's long name, such as {@code --hidden}
   * @param file the file
   */
  public static void requireReadableFile(String option, Path file) {
    requireNotEmpty(option, file);
    if (!Files.exists(file)) {
      throw new Failure(option + " " + file + ": no such file");
    }
    if (Files.isDirectory(file)) {
      throw new PathUsage(option + " " + file + " is a folder, not a file");
    }
    if (!Files.isReadable(file)) {
      throw new Failure(option + " " + file + ": the file is not readable");
    }
  }

  /**
   * The failure to report when writing a file that passed {@link #requireWritableFile} failed
   * after all (disk full, a file-size limit): the option and the file, and that the previous file
   * is intact, which holds for files written through an atomic replacement.
   *
   * @param option the option's long name, such as {@code --output}
   * @param file the file
   * @param e why writing failed
   * @return the failure, to throw
   */
  public static Failure writeFailed(String option, Path file, IOException e) {
    return new Failure(option + " " + file + ": cannot write the file (" + reason(e)
        + "); any previous file there is left as it was", e);
  }

  /**
   * Why creating a folder or writing a file failed, in words.
   *
   * @param e the file system's failure
   * @return the reason, without the file's name
   */
  public static String reason(IOException e) {
    if (e instanceof java.nio.file.FileAlreadyExistsException exists) {
      return exists.getFile() + " is a file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "the file system refused it";  // createDirectories makes parents: a special folder
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason().toLowerCase(Locale.ROOT);
    }
    return e.getMessage() == null ? "input/output failure" : e.getMessage();
  }
}
