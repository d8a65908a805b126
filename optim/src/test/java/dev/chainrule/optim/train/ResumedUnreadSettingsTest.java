package dev.chainrule.optim.train;

import static dev.chainrule.optim.train.ResumedRecordsTest.builder;
import static dev.chainrule.optim.train.ResumedRecordsTest.interrupted;
import static dev.chainrule.optim.train.ResumedRecordsTest.model;
import static dev.chainrule.optim.train.ResumedSettingsTest.edited;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.LearningRateSchedule;
import dev.chainrule.optim.Optimizer;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recorded settings a resumed Trainer cannot read are noted, not checked: a seed that is not a
 * whole number, a batch size of 0, a clipping limit of +∞ (the trainer records no clipping as
 * 0, never as Infinity). Found by mutation testing: the batch size's note could be dropped or
 * accept 0, and +∞ could be read as a limit, without a test failing.
 */
class ResumedUnreadSettingsTest {
  private static final LearningRateSchedule COSINE = LearningRateSchedule.cosine(30, 1e-4);
  private static final UnaryOperator<Trainer.Builder> RUN =
      b -> b.schedule(COSINE).clipGradientNorm(1.0);
  private static final int K = 8;

  private static List<String> notes(Path checkpoint) {
    Sequential model = model(5);
    Optimizer adam = Adam.builder().learningRate(0.05).build(model);
    return builder(model, adam, RUN).resume(ResumedRun.load(checkpoint, model, adam)).build()
        .notes();
  }

  private static String unread(String key, String value, String kind) {
    return "edited.safetensors: its \"" + key + "\" metadata (" + value + ") is not " + kind
        + "; this run's setting is not checked against it";
  }

  @Test
  void entriesThatCannotBeReadAreNoted(@TempDir Path dir) {
    Path checkpoint = interrupted(RUN, K, dir);
    assertEquals(List.of(), notes(checkpoint), "the premise: an unchanged resume notes nothing");
    assertEquals(List.of(unread(SavedRunMetadata.SEED_KEY, "x", "a seed")),
        notes(edited(checkpoint, dir, m -> m.put(SavedRunMetadata.SEED_KEY, "x"))));
    assertEquals(List.of(unread(RunSettings.CLIP_NORM_KEY, "Infinity", "a limit")),
        notes(edited(checkpoint, dir, m -> m.put(RunSettings.CLIP_NORM_KEY, "Infinity"))));
    assertEquals(List.of(unread(RunSettings.CLIP_NORM_KEY, "abc", "a limit")),
        notes(edited(checkpoint, dir, m -> m.put(RunSettings.CLIP_NORM_KEY, "abc"))));
  }

  /**
   * A negative step count or fit call is no count or call: noted, and the run counts its steps
   * from the epochs and goes on with a first call's batch orders. A count of 0 is one (a
   * checkpoint before any step), not noted.
   */
  @Test
  void negativeCountsAndCallsAreNoted(@TempDir Path dir) {
    Path checkpoint = interrupted(RUN, K, dir);
    assertEquals(List.of("edited.safetensors: its \"" + RunSettings.STEP_COUNT_KEY + "\" metadata"
        + " (-1) is not a step count; a per-step schedule counts the steps before the checkpoint"
        + " from its epochs"),
        notes(edited(checkpoint, dir, m -> m.put(RunSettings.STEP_COUNT_KEY, "-1"))));
    assertEquals(List.of(),
        notes(edited(checkpoint, dir, m -> m.put(RunSettings.STEP_COUNT_KEY, "0"))));
    assertEquals(List.of("edited.safetensors: its \"" + RunSettings.FIT_CALL_KEY + "\" metadata"
        + " (-3) is not a later fit call's index; the run goes on with the batch orders of a"
        + " trainer's first fit call"),
        notes(edited(checkpoint, dir, m -> m.put(RunSettings.FIT_CALL_KEY, "-3"))));
  }

  @Test
  void aBatchSizeOfZeroIsNotedAsNoBatchSizeAlone(@TempDir Path dir) {
    // Only that note: "its run trained in batches of 0" beside it contradicted it.
    Path checkpoint = interrupted(RUN, K, dir);
    assertEquals(List.of(unread(SavedRunMetadata.BATCH_SIZE_KEY, "0", "a batch size")),
        notes(edited(checkpoint, dir, m -> m.put(SavedRunMetadata.BATCH_SIZE_KEY, "0"))));
  }
}
