package dev.chainrule.spark;

import static dev.chainrule.spark.InProcessLaunch.launch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.optim.checkpoint.Checkpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import dev.chainrule.optim.train.History;
import dev.chainrule.spark.InProcessLaunch.Outcome;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --resume} with {@code --patience}: the launcher's checkpoint keeps early stopping's
 * record and the best epoch's weights, so a run resumed after its best epoch stops where the
 * uninterrupted run stops and saves the same model, bit for bit, and a resume without {@code
 * --patience} is refused; a checkpoint saved before records were kept resumes as it did, and
 * the launcher says the record starts afresh.
 */
class LauncherResumedPatienceTest {
  @TempDir
  static Path dir;

  private static Path csv;

  @BeforeAll
  static void data() throws Exception {
    LocalSpark.context();
    csv = TestData.csv(dir.resolve("blobs.csv"), TestData.blobs(200, 11), "class");
  }

  /** A learning rate far too large: the validation loss rises soon after its best epoch. */
  private static String[] options(String... more) {
    return Stream.concat(Stream.of("--csv", csv.toString(), "--label", "class", "--lr", "0.3",
        "--validation", "0.25", "--patience", "4", "--json"), Stream.of(more))
        .toArray(String[]::new);
  }

  @Test
  void aRunResumedAfterItsBestEpochStopsWhereTheUninterruptedOneStops() {
    Path straight = dir.resolve("straight.safetensors");
    Outcome whole = launch(options("--epochs", "30", "--save", straight.toString()));
    assertEquals(0, whole.code(), whole.err());
    History history = whole.launch().history;
    int best = history.bestEpoch();
    assertTrue(history.stoppedEarly() && history.last().epoch() == best + 4, history::toString);

    // Interrupted two epochs after the best: its checkpoint is of the run's end, epoch best + 3.
    Path checkpoint = dir.resolve("run.safetensors");
    Outcome first = launch(options("--epochs", Integer.toString(best + 3), "--checkpoint",
        checkpoint.toString()));
    assertEquals(0, first.code(), first.err());
    assertEquals(Boolean.FALSE, first.launch().report.get("stopped_early"));
    // Without --patience it would run past the stop and keep the last weights: refused, as
    // Trainer refuses a resume without the early stopping its checkpoint's run had.
    Outcome forgotten = launch("--csv", csv.toString(), "--label", "class", "--lr", "0.3",
        "--validation", "0.25", "--json", "--epochs", "30", "--resume", checkpoint.toString());
    assertEquals(1, forgotten.code(), forgotten.err());
    assertTrue(forgotten.err().contains("error: resume: run.safetensors holds early stopping's"
        + " record (patience 4, best epoch " + (best + 1) + "), and this run does not stop early;"
        + " give it earlyStopping(4) (the launcher's --patience 4) as the checkpoint's run had"
        + " it"), forgotten.err());
    Path resumedModel = dir.resolve("resumed.safetensors");
    Outcome rest = launch(options("--epochs", "30", "--resume", checkpoint.toString(), "--save",
        resumedModel.toString()));
    assertEquals(0, rest.code(), rest.err());
    assertFalse(rest.err().contains("note:"), rest.err());
    for (String field : new String[] {"stopped_early", "weights_epoch", "train_loss",
        "test_accuracy"}) {
      assertEquals(whole.launch().report.get(field), rest.launch().report.get(field), field);
    }
    assertEquals(best + 1, rest.launch().report.get("weights_epoch"), "before the resume");
    assertEquals(SafeTensors.read(straight).tensors(), SafeTensors.read(resumedModel).tensors(),
        "the same model and optimizer state, bit for bit");
  }

  @Test
  void aCheckpointSavedBeforeRecordsSaysTheRecordStartsAfresh() {
    Path checkpoint = dir.resolve("old.safetensors");
    Outcome first = launch(options("--epochs", "2", "--checkpoint", checkpoint.toString()));
    assertEquals(0, first.code(), first.err());
    Checkpoint file = SafeTensors.read(checkpoint);
    Map<String, String> metadata = new LinkedHashMap<>(file.metadata());
    metadata.keySet().removeIf(key -> key.startsWith("chainrule.records")
        || key.startsWith("chainrule.early_stopping."));
    SafeTensors.write(checkpoint, file.tensors(), metadata);

    Outcome resumed = launch(options("--epochs", "3", "--resume", checkpoint.toString()));
    assertEquals(0, resumed.code(), resumed.err());
    assertTrue(resumed.err().contains("note: old.safetensors holds no record of early stopping"
        + " (it was saved before checkpoints kept it): --patience counts afresh from the resumed"
        + " run's first epoch"), resumed.err());
  }
}
