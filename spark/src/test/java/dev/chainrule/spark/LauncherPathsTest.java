package dev.chainrule.spark;

import static dev.chainrule.spark.InProcessLaunch.launch;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.spark.InProcessLaunch.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's file options refused as train refuses them: an output that would replace a file
 * other than a checkpoint (replaced, exit 0), and an empty path (refused naming no path), usage
 * errors as paths of the wrong kind for their options ({@link LauncherPathKindsTest} has the
 * rule's other cases).
 */
class LauncherPathsTest {
  @TempDir
  static Path dir;

  private static Path csv;

  @BeforeAll
  static void data() throws Exception {
    LocalSpark.context();
    csv = TestData.csv(dir.resolve("blobs.csv"), TestData.blobs(60, 11), "class");
  }

  @Test
  void anOutputThatWouldReplaceAnotherKindOfFileIsAUsageError() throws Exception {
    Path notes = Files.writeString(dir.resolve("notes.txt"), "my notes");
    for (String option : List.of("--save", "--checkpoint")) {
      Outcome refused = launch("--csv", csv.toString(), "--label", "class", "--epochs", "1",
          option, notes.toString());
      assertEquals(2, refused.code(), option);
      assertEquals("error: " + option + " " + notes + " would replace a file that is not a"
          + " safetensors checkpoint; give the path of a new file, or of a checkpoint to replace"
          + " (remove the file first if it is meant to go) (see 'chainrule-spark --help')",
          refused.err().strip());
    }
    assertEquals("my notes", Files.readString(notes), "the file is intact");

    // A checkpoint, as a second run writes over the first's, is replaced as before.
    Path model = dir.resolve("model.safetensors");
    for (int run = 0; run < 2; run++) {
      Outcome saved = launch("--csv", csv.toString(), "--label", "class", "--epochs", "1",
          "--save", model.toString(), "--checkpoint", dir.resolve("run.safetensors").toString());
      assertEquals(0, saved.code(), saved.err());
    }
  }

  @Test
  void saveAndCheckpointMustBeTwoFiles() {
    Path both = dir.resolve("both.safetensors");
    // Another spelling of the same path: normalized, it is the same file.
    Path spelled = dir.resolve("./both.safetensors");
    Outcome refused = launch("--csv", csv.toString(), "--label", "class", "--epochs", "1",
        "--save", both.toString(), "--checkpoint", spelled.toString());
    assertEquals(2, refused.code());
    assertEquals("error: --save and --checkpoint name one file, " + spelled + ": the saved model"
        + " would replace the run's checkpoint, and the run could not be resumed; give two paths"
        + " (see 'chainrule-spark --help')", refused.err().strip());
    assertEquals(false, Files.exists(both), "nothing ran");
  }

  /**
   * --resume K --save K replaced the checkpoint with the saved model, which the next --resume
   * refused as "not a checkpoint of Spark training".
   */
  @Test
  void saveAndResumeMustBeTwoFiles() throws Exception {
    Path checkpoint = dir.resolve("resumed.safetensors");
    Outcome first = launch("--csv", csv.toString(), "--label", "class", "--epochs", "1",
        "--checkpoint", checkpoint.toString());
    assertEquals(0, first.code(), first.err());
    byte[] written = Files.readAllBytes(checkpoint);
    Path spelled = dir.resolve("./resumed.safetensors");
    Outcome refused = launch("--csv", csv.toString(), "--label", "class", "--epochs", "2",
        "--resume", checkpoint.toString(), "--save", spelled.toString());
    assertEquals(2, refused.code(), refused.err());
    assertEquals("error: --save and --resume name one file, " + checkpoint + ": the saved model"
        + " would replace the checkpoint the run resumes from, and the run could not be resumed"
        + " again; give two paths (--checkpoint " + checkpoint + " goes on writing the run's"
        + " checkpoint there) (see 'chainrule-spark --help')", refused.err().strip());
    assertArrayEquals(written, Files.readAllBytes(checkpoint), "the checkpoint is as it was");
  }

  @Test
  void anEmptyPathIsNamedAsEmpty() {
    for (String option : List.of("--csv", "--save", "--checkpoint", "--resume")) {
      Outcome refused = option.equals("--csv") ? launch("--csv", "", "--label", "class")
          : launch("--csv", csv.toString(), "--label", "class", option, "");
      // A path of the wrong kind, as train has it: a usage error.
      assertEquals(2, refused.code(), option);
      assertEquals("error: " + option + " is empty: give the path of a file (see"
          + " 'chainrule-spark --help')", refused.err().strip());
    }
  }

  /** A Path drops a trailing separator: --save m.safetensors/ wrote m.safetensors, exit 0. */
  @Test
  void anOutputEndingInASeparatorIsRefused() {
    for (String option : List.of("--save", "--checkpoint")) {
      String typed = dir.resolve("sep-" + option.substring(2) + ".safetensors") + "/";
      Outcome refused = launch("--csv", csv.toString(), "--label", "class", "--epochs", "1",
          option, typed);
      assertEquals(2, refused.code(), option);
      assertEquals("error: " + option + " " + typed + " ends in '/', which names a folder, not a"
          + " file: give the file's name without it (see 'chainrule-spark --help')",
          refused.err().strip());
      assertEquals(false, Files.exists(Path.of(typed.substring(0, typed.length() - 1))), option);
    }
  }
}
