package dev.chainrule.spark;

import static dev.chainrule.spark.InProcessLaunch.launch;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.spark.InProcessLaunch.Outcome;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run resumed from a checkpoint taken inside its first epoch is a resumed run: its JSON line
 * says where it began ({@code first_epoch} 1), as README promises of every resume. The field was
 * given only when the first epoch trained was past the first, so such a resume's line read as a
 * fresh run's (a hunter, session 54, killing a run at epoch 0, step 21).
 */
class MidFirstEpochResumeTest {
  @TempDir
  static Path dir;

  @Test
  void aResumeInsideTheFirstEpochSaysSo() throws Exception {
    ResumeFixture blobs = ResumeFixture.checkpointed(dir, "run.safetensors");
    // The fixture's checkpoint is at the first epoch's end (epoch 1, step 0; 48 training rows in
    // batches of 32 make two steps an epoch); as one taken after the first step, epoch 0, step 1.
    Path inside = EditedCheckpoint.copy(blobs.checkpoint(), dir.resolve("inside.safetensors"),
        metadata -> {
          assertEquals("1", metadata.put(Progress.PREFIX + "epoch", "0"), "the fixture's epoch");
          assertEquals("0", metadata.put(Progress.PREFIX + "step", "1"), "the fixture's step");
        });
    Outcome resumed = launch("--csv", blobs.csv().toString(), "--label", "class", "--epochs",
        "2", "--json", "--resume", inside.toString());
    assertEquals(0, resumed.code(), resumed.err());
    assertEquals(1, resumed.launch().report.get("first_epoch"));
  }
}
