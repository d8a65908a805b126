package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A run that keeps its best weights and whose best epoch was its first (index 0) needs that
 * epoch's weights from beside a later checkpoint, as it does for any earlier epoch. Were epoch 0
 * taken for "no best epoch", a run resumed from the checkpoint of epoch 3 without those weights
 * at hand would go on, take the checkpoint's weights (epoch 3's) for the best, and restore them
 * at the end as the first epoch's, without a word.
 */
class FirstEpochBestWeightsNeededTest {
  /** A run resumed at epoch 3 whose record's best epoch is {@code best}, no weights at hand. */
  private static Optional<ResumeChecks.Misfit> misfit(int best) {
    EarlyStoppingRecord record = new EarlyStoppingRecord(Monitor.TRAINING_LOSS, 0, 5,
        new EpochResult(best, 0.5, 0.5, 0.5, 0.5, 0.1, 1, 4), 2 - best, true);
    Map<String, String> metadata = new LinkedHashMap<>(ResumedRun.metadataOf(record, null));
    metadata.put("epoch", "3");
    ResumedRun run = ResumedRun.of(metadata, "run.safetensors");
    return ResumeChecks.misfit(run, Monitor.TRAINING_LOSS, 0, true, true);
  }

  @Test
  void aFirstEpochBestNotAtHandIsRefusedWhenRestoring() {
    assertEquals(Optional.of(ResumeChecks.Misfit.NO_BEST_WEIGHTS), misfit(0));
  }

  @Test
  void theBoundariesAroundIt() {
    // Another earlier epoch is refused alike; the checkpoint's own epoch (index 2) holds the
    // best weights itself and goes on.
    assertEquals(Optional.of(ResumeChecks.Misfit.NO_BEST_WEIGHTS), misfit(1));
    assertEquals(Optional.empty(), misfit(2));
  }
}
