package dev.chainrule.spark;

import static dev.chainrule.spark.InProcessLaunch.launch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.spark.InProcessLaunch.Outcome;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint's whole-number entries are read as numbers, as the program's train --load reads
 * the step entry (examples' MidEpochFiles, through optim's MetadataNumbers): "0.0" and " 0" are
 * step 0, where --resume refused them as malformed while train --load took the same file for one
 * at an epoch's end. What is no count (a word, a fraction, a negative) is refused, naming the
 * entry and the file.
 */
class StepEntrySpellingTest {
  @TempDir
  static Path dir;

  private static ResumeFixture blobs;

  @BeforeAll
  static void run() throws Exception {
    blobs = ResumeFixture.checkpointed(dir, "run.safetensors");
  }

  /** The fixture's checkpoint with its step entry spelt {@code step}, as a file of its own. */
  private static Path withStep(String step, String name) {
    return EditedCheckpoint.copy(blobs.checkpoint(), dir.resolve(name), metadata ->
        assertEquals("0", metadata.put(Progress.PREFIX + "step", step), "the fixture's step"));
  }

  @Test
  void anEpochsEndSpeltOtherwiseResumes() {
    for (String end : new String[] {"0.0", " 0"}) {
      Path file = withStep(end, "end.safetensors");
      Outcome resumed = launch("--csv", blobs.csv().toString(), "--label", "class", "--epochs",
          "2", "--resume", file.toString());
      assertEquals(0, resumed.code(), "step '" + end + "': " + resumed.err());
      assertEquals(2, resumed.launch().report.get("first_epoch"), "step '" + end + "'");
    }
  }

  @Test
  void aStepThatIsNoCountIsRefusedNamingTheEntryAndTheFile() {
    Path file = withStep("three", "damaged.safetensors");
    Outcome refused = launch("--csv", blobs.csv().toString(), "--label", "class", "--epochs",
        "2", "--resume", file.toString());
    assertEquals(1, refused.code(), refused.err());
    assertEquals("error: damaged.safetensors: the metadata's \"chainrule.spark.step\" is"
        + " \"three\", not a number of the kind it records", refused.err().strip());
  }

  /** The spellings themselves, on Progress.of: whole numbers of at least 0, blanks around. */
  @Test
  void theStepIsACountOfSteps() {
    assertEquals(3, progressWithStep("3.0").step());
    assertEquals(3, progressWithStep("\t3 ").step());
    assertEquals(0, progressWithStep("0E+2").step());
    for (String wrong : new String[] {"-1", "0.5", "", "3 steps", "1e10"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> progressWithStep(wrong), "'" + wrong + "'");
      assertEquals("f.safetensors: the metadata's \"chainrule.spark.step\" is \"" + wrong
          + "\", not a number of the kind it records", e.getMessage());
    }
  }

  private static Progress progressWithStep(String step) {
    return Progress.of(Map.of(Progress.PREFIX + "epoch", "1", Progress.PREFIX + "step", step,
        Progress.PREFIX + "epoch_loss", "0.0", Progress.PREFIX + "epoch_samples", "0",
        Progress.PREFIX + "epoch_correct", "0"), "f.safetensors");
  }
}
