package dev.chainrule.spark;

import static dev.chainrule.spark.InProcessLaunch.beforeSpark;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.chainrule.spark.InProcessLaunch.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's paths follow train's exit-code rule, checked before Spark starts: a path of the
 * wrong kind for its option (empty, a folder where a file goes, a device as an output, an output
 * that is the {@code --csv} file) is a usage error, exit 2 with the usage form; a path the file
 * system refuses (missing, under a file, in a folder nothing can be written in) is the run's
 * failure, exit 1. The launcher's own checks made every one of them exit 1, where train's made
 * the first kind exit 2; the words are train's, from the checks both now share.
 */
class LauncherPathKindsTest {
  private static final String USAGE = " (see 'chainrule-spark --help')";

  @TempDir
  static Path dir;

  private static Path csv;
  private static Path folder;

  @BeforeAll
  static void files() throws Exception {
    csv = TestData.csv(dir.resolve("blobs.csv"), TestData.blobs(60, 11), "class");
    folder = Files.createDirectory(dir.resolve("folder"));
  }

  /** An option, its path, and the exit code and one line the launcher gives for them. */
  private record Row(String option, String path, int code, String err) {}

  @Test
  void pathsOfTheWrongKindAreUsageErrorsAndRefusedPathsFailures() {
    Path missing = dir.resolve("none");
    List<Row> rows = new ArrayList<>(List.of(
        new Row("--csv", "", 2, "--csv is empty: give the path of a file" + USAGE),
        new Row("--csv", folder.toString(), 2, "--csv " + folder + " is a folder, not a file"
            + USAGE),
        new Row("--csv", missing + ".csv", 1, "--csv " + missing + ".csv: no such file"),
        new Row("--resume", "", 2, "--resume is empty: give the path of a file" + USAGE),
        new Row("--resume", folder.toString(), 2, "--resume " + folder + " is a folder, not a"
            + " file" + USAGE),
        new Row("--resume", missing + ".st", 1, "--resume " + missing + ".st: no such file")));
    for (String option : List.of("--save", "--checkpoint")) {
      String example = option.equals("--save") ? "model" : "checkpoint";
      rows.addAll(List.of(
          new Row(option, "", 2, option + " is empty: give the path of a file" + USAGE),
          new Row(option, folder.toString(), 2, option + " " + folder + " is a folder; give a"
              + " file name, such as " + folder.resolve(example + ".safetensors") + USAGE),
          new Row(option, folder + "/m.st/", 2, option + " " + folder + "/m.st/ ends in '/',"
              + " which names a folder, not a file: give the file's name without it" + USAGE),
          new Row(option, "/dev/null", 2, option + " /dev/null is not a regular file (a device,"
              + " a FIFO or a socket); give the path of a file to create or replace" + USAGE),
          new Row(option, csv.toString(), 2, option + " " + csv + " is the file --csv reads;"
              + " writing it would replace that input: give another path" + USAGE),
          new Row(option, missing + "/m.st", 1, option + " " + missing + "/m.st: the folder "
              + missing + " does not exist"),
          new Row(option, csv + "/m.st", 1, option + " " + csv + "/m.st: " + csv + " is a file,"
              + " not a folder")));
    }
    assertAll(rows.stream().map(row -> () -> {
      Outcome run = beforeSpark(Stream.concat(Stream.of("--label", "class", "--epochs", "1"),
          row.option().equals("--csv") ? Stream.of("--csv", row.path())
              : Stream.of("--csv", csv.toString(), row.option(), row.path()))
          .toArray(String[]::new));
      assertEquals(row.code(), run.code(), row + ": " + run.err());
      assertEquals("error: " + row.err(), run.err().strip(), row.toString());
      assertEquals("", run.out(), row + ": refused before any work");
    }));
    assertFalse(Files.exists(folder.resolve("m.st")), "nothing was written");
    assertEquals(List.of(), folderListing(), "the folder is as it was");
  }

  /**
   * A folder the permission bits would let root write in but the file system refuses (Linux's
   * /proc): the probe train's checks make finds it, a failure before the run (the launcher
   * trained and then failed the save, rescuing the model).
   */
  @Test
  void aFolderNothingCanBeWrittenInIsAFailure() {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")),
        "a Linux /proc");
    Outcome run = beforeSpark("--csv", csv.toString(), "--label", "class", "--save",
        "/proc/m.safetensors");
    assertEquals(1, run.code(), run.err());
    // Root passes the permission bits and meets the probe's refusal; others the bits'.
    String err = run.err().strip();
    assertEquals(true, err.startsWith("error: --save /proc/m.safetensors: cannot write in the"
        + " folder /proc (") || err.equals("error: --save /proc/m.safetensors: the folder /proc"
        + " is not writable"), err);
    assertEquals("", run.out());
  }

  private static List<Path> folderListing() {
    try (Stream<Path> files = Files.list(folder)) {
      return files.toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
