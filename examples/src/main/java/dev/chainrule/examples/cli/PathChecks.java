package dev.chainrule.examples.cli;

import dev.chainrule.examples.plot.ChartFiles;
import dev.chainrule.examples.plot.ChartFormat;
import dev.chainrule.optim.checkpoint.AtomicFile;
import dev.chainrule.optim.cli.OptionPaths;
import dev.chainrule.optim.cli.PathRefusal;
import dev.chainrule.optim.data.CommandLinePaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Checks of the files a command will read or write, made before any work so that a run is never
 * lost to a path that fails at its end. Each refusal is in the user's words, naming the option and
 * the path: a {@link PathUsage} (exit 2) for a path of the wrong kind for its option, which the
 * command line is to correct, and a {@link Failure} (exit 1) for one the file system refuses.
 * The file checks and their words are optim's {@link OptionPaths}, which the Spark launcher
 * shares, so that both exit alike for the same path.
 */
public final class PathChecks {
  private PathChecks() {}

  /**
   * Creates the output folder if needed; it must then be a writable folder. Created here, before
   * any work: a folder the run could not create (under a dangling link, say) was found only when
   * the first chart or model was written, after training. A refusal after this check leaves the
   * new folder behind, empty.
   *
   * @param option the option's long name, such as {@code --out}
   * @param folder the folder
   */
  public static void requireOutputFolder(String option, Path folder) {
    // An empty path is the working folder to Java: --out '' wrote the charts there unasked.
    requireNotEmpty(option, folder, "folder");
    if (Files.isSymbolicLink(folder) && !Files.exists(folder)) {
      // Creating it failed with "dl2 is a file": the link is there, what it names is not.
      String target;
      try {
        target = String.valueOf(Files.readSymbolicLink(folder));
      } catch (IOException e) {
        target = "an unreadable target";
      }
      throw new Failure(option + " " + folder + " is a symbolic link to " + target + ", which"
          + " does not exist (or is a loop of links); create the folder it names, remove the"
          + " link, or choose another " + option);
    }
    if (Files.exists(folder) && !Files.isDirectory(folder)) {
      throw new PathUsage(option + " " + folder + notAFolder(folder));
    }
    Path existing = folder;
    if (!Files.exists(folder)) {
      existing = null;
      for (Path above = folder.toAbsolutePath().getParent(); above != null;
          above = above.getParent()) {
        if (Files.exists(above)) {
          if (!Files.isDirectory(above)) {
            throw new Failure(option + " " + folder + ": " + above + notAFolder(above));
          }
          existing = above;
          break;
        }
      }
      if (existing == null) {
        throw new Failure(option + " " + folder + ": cannot create the folder (no folder above"
            + " it exists)");
      }
    }
    // The folder to be created is made in the nearest one that exists: that one must take it.
    if (!Files.isWritable(existing)) {
      throw new Failure(option + " " + folder + ": " + (existing == folder ? "the folder is"
          + " not writable" : "cannot create the folder (" + existing + " is not writable)"));
    }
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new Failure(option + " " + folder + ": cannot create the folder (" + reason(e) + ")",
          e);
    }
    OptionPaths.writableFolder(option, folder, folder).ifPresent(PathChecks::raise);
  }

  /**
   * The charts a run may draw into {@code folder} that are already there must be replaceable: a
   * chart this user may not write (mode 0444), or a folder under a chart's name, was refused
   * after the run, which had trained and saved, ended with exit 1 naming neither the option nor
   * why, and drew no chart after it. Nor may a chart be a symbolic link out of the folder, or a
   * file the program did not write there (OwnOutputs): the writes follow links and
   * replaced whatever was there, as {@code --save} does not. Called after {@link
   * #requireOutputFolder}, before the work.
   *
   * @param option the option's long name, {@code --out}
   * @param folder the output folder
   * @param format the run's charts' format
   * @param names the charts the run may draw ({@link ChartFiles#file}), and only those: a folder
   *     named as a chart the run does not draw is no business of its
   */
  public static void requireReplaceableCharts(String option, Path folder, ChartFormat format,
      Collection<String> names) {
    requireReplaceable(option, folder, "a chart",
        names.stream().map(name -> ChartFiles.file(folder, name, format)).toList());
  }

  /**
   * The files a command writes into its output folder under names of its own ({@code graph
   * --out}'s graph.dot) that are already there must be replaceable, as {@link
   * #requireReplaceableCharts} says of charts.
   *
   * @param option the option's long name, {@code --out}
   * @param folder the output folder
   * @param names the files' names in it
   */
  public static void requireReplaceableFiles(String option, Path folder,
      Collection<String> names) {
    requireReplaceable(option, folder, "a file",
        names.stream().map(folder::resolve).toList());
  }

  /**
   * A file's name is the program's, not the user's: the advice for a file the user names ("give
   * a file name") does not fit one. What is in the way is to be removed (or made writable), or
   * the files written elsewhere with another {@code option}.
   */
  private static void requireReplaceable(String option, Path folder, String kind,
      List<Path> files) {
    String elsewhere = "choose another " + option;
    for (Path file : files) {
      // A file to create is the folder's matter, which the output folder's check has seen.
      if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      String why;
      Optional<String> foreign;
      try {
        foreign = OwnOutputs.linkOutside(folder, file);
        if (foreign.isEmpty() && Files.isRegularFile(file)) {
          foreign = OwnOutputs.foreignContent(file);
        }
      } catch (IOException e) {
        foreign = Optional.of(": cannot be read to tell what it holds (" + reason(e) + ")");
      }
      if (foreign.isPresent()) {
        // The program's own outputs are replaced silently; anything else is the user's to move.
        throw new Failure(option + " " + folder + " holds " + kind + " the program will not"
            + " replace: " + file + foreign.get() + "; remove it or " + elsewhere);
      }
      if (Files.isDirectory(file)) {
        why = " is a folder; remove it or " + elsewhere;
      } else if (!Files.isRegularFile(file)) {
        why = " is not a regular file (a device, a FIFO or a socket); remove it or " + elsewhere;
      } else if (!Files.isWritable(file)) {
        why = " is read-only (not writable by this user); make it writable, remove it or "
            + elsewhere;
      } else {
        // A link into a missing folder, a name the file system refuses: said as for any file.
        why = AtomicFile.whyUnwritable(file).orElse(null);
      }
      if (why != null) {
        throw new Failure(option + " " + folder + " holds " + kind + " the program cannot"
            + " replace: " + file + why);
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
      throw new PathUsage(option + " " + folder + notAFolder(folder));
    }
  }

  /**
   * What a path that exists and is no folder is, to follow it in a message: {@code --out
   * /dev/null} was called "a file", which a device is not.
   */
  private static String notAFolder(Path path) {
    return Files.isRegularFile(path) ? " is a file, not a folder"
        : " is not a folder (a device, a FIFO or a socket)";
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
    OptionPaths.writableFile(option, file, exampleName).ifPresent(PathChecks::raise);
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
    OptionPaths.notTheInput(outputOption, output, inputOption, input)
        .ifPresent(PathChecks::raise);
  }

  private static void requireNotEmpty(String option, Path path, String kind) {
    OptionPaths.empty(option, path, kind).ifPresent(PathChecks::raise);
  }

  /** A refusal as this program throws it: a usage error or the work's failure. */
  private static void raise(PathRefusal refusal) {
    if (refusal.usage()) {
      throw new PathUsage(refusal.message());
    }
    throw refusal.cause() == null ? new Failure(refusal.message())
        : new Failure(refusal.message(), refusal.cause());
  }

  /**
   * A file to be read: it must exist, be a file and be readable.
   *
   * @param option the option's long name, such as {@code --hidden}
   * @param file the file
   */
  public static void requireReadableFile(String option, Path file) {
    OptionPaths.readableFile(option, file).ifPresent(PathChecks::raise);
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
    return OptionPaths.reason(e);
  }
}
