package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.data.Dataset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link BestEpoch} as a loop of one's own uses it (the Spark trainer's): {@code offer} says
 * which epochs are a new best, and {@link BestEpoch#resumed} goes on from a checkpoint's record
 * kept under the loop's monitor and min delta (its best epoch, and the epochs counted without
 * improvement), starts afresh from a file with none, or from one its run kept for its history
 * alone under other settings.
 */
class BestEpochResumedTest {
  private static EpochResult loss(int epoch, double trainLoss) {
    return new EpochResult(epoch, trainLoss, 0.5, Double.NaN, Double.NaN, 0.1, 1, 4);
  }

  /** A checkpoint of epoch 3 holding {@code record}. */
  private static ResumedRun checkpoint(EarlyStoppingRecord record) {
    Map<String, String> m = new LinkedHashMap<>(ResumedRun.metadataOf(record, null));
    m.put("epoch", "3");
    return ResumedRun.of(m, "loop.safetensors");
  }

  @Test
  void offerSaysWhichEpochsAreANewBest() {
    BestEpoch best = new BestEpoch(Monitor.TRAINING_LOSS, 0, true, null, null);
    assertTrue(best.offer(loss(0, 1.0), false));
    assertFalse(best.offer(loss(1, 2.0), false), "a higher loss is no improvement");
    assertTrue(best.offer(loss(2, 0.5), false));
    assertEquals(2, best.epoch());
  }

  @Test
  void aRecordKeptUnderTheLoopsSettingsGoesOn() {
    EpochResult first = loss(1, 0.25);
    EarlyStoppingRecord record = new EarlyStoppingRecord(Monitor.TRAINING_LOSS, 0, 4, first, 1,
        false);
    BestEpoch resumed = BestEpoch.resumed(checkpoint(record), Monitor.TRAINING_LOSS, 0, null,
        null);
    assertEquals(1, resumed.epoch());
    assertEquals(first, resumed.result());
    // Epoch 3 (the first resumed) is the second since the best, as the checkpoint's count says.
    assertFalse(resumed.offer(loss(3, 0.5), false));
    assertEquals(2, resumed.epochsWithoutImprovement(3, 3));
  }

  @Test
  void aRecordWithNoBestEpochGoesOnWithItsOwnCount() {
    // Two epochs (1 and 2) ran without improvement before the checkpoint of epoch 3.
    EarlyStoppingRecord record = new EarlyStoppingRecord(Monitor.TRAINING_LOSS, 0, 4, null, 2,
        false);
    BestEpoch resumed = BestEpoch.resumed(checkpoint(record), Monitor.TRAINING_LOSS, 0, null,
        null);
    assertEquals(-1, resumed.epoch());
    assertEquals(3, resumed.epochsWithoutImprovement(3, 3));
  }

  @Test
  void noRecordOrOneKeptForHistoryUnderOtherSettingsStartsAfresh() {
    BestEpoch none = BestEpoch.resumed(ResumedRun.of(Map.of("epoch", "3"), "old.safetensors"),
        Monitor.TRAINING_LOSS, 0, null, null);
    assertEquals(-1, none.epoch());
    assertEquals(1, none.epochsWithoutImprovement(3, 3), "counted from the run's first epoch");
    EarlyStoppingRecord history = new EarlyStoppingRecord(Monitor.VALIDATION_LOSS, 0, 0,
        new EpochResult(1, 0.3, 0.5, 0.2, 0.5, 0.1, 1, 4), 1, false);
    assertEquals(-1, BestEpoch.resumed(checkpoint(history), Monitor.TRAINING_LOSS, 0, null, null)
        .epoch());
    assertSame(null, BestEpoch.resumed(checkpoint(history), Monitor.TRAINING_LOSS, 0, null, null)
        .result());
  }

  @Test
  void aRecordNotActedOnNamesItsFirstEpochAsBestEpochOne() {
    EarlyStoppingRecord record = new EarlyStoppingRecord(Monitor.TRAINING_LOSS, 0, 4,
        loss(0, 0.25), 2, false);
    String message = assertThrows(IllegalArgumentException.class,
        () -> BestEpoch.requireResumable(checkpoint(record), Monitor.TRAINING_LOSS, 0, false,
            false, p -> "earlyStopping(" + p + ")")).getMessage();
    assertTrue(message.startsWith("resume: loop.safetensors holds early stopping's record"
        + " (patience 4, best epoch 1), and this run does not stop early; give it"
        + " earlyStopping(4) as"), message);
  }

  @Test
  void aTrainerRefusingARecordItDoesNotActOnNamesEpochZeroAsBestEpochOne() {
    EarlyStoppingRecord record = new EarlyStoppingRecord(Monitor.TRAINING_LOSS, 0, 4,
        loss(0, 0.25), 2, false);
    Dense model = Dense.of(2, 1, 3L);
    Trainer.Builder builder = Trainer.builder(model, Loss.meanSquaredError(),
        Sgd.builder(0.1).build(model)).epochs(5).initialEpoch(3)
        .resume(checkpoint(record));
    String message = assertThrows(IllegalArgumentException.class, builder::build).getMessage();
    assertTrue(message.startsWith("trainer: loop.safetensors holds early stopping's record (best"
        + " epoch 1 by TRAINING_LOSS), and this run neither stops early"), message);
  }

  @Test
  void aResumedRunsHistoryHoldsAnEarlierFirstEpochAsItsBest() {
    // Epoch 0's training loss of 0 cannot be bettered: the resumed epochs 3 and 4 do not improve.
    EarlyStoppingRecord record = new EarlyStoppingRecord(Monitor.TRAINING_LOSS, 0, 10,
        loss(0, 0.0), 2, false);
    Dense model = Dense.of(2, 1, 3L);
    History history = Trainer.builder(model, Loss.meanSquaredError(),
        Sgd.builder(0.001).build(model)).epochs(5).initialEpoch(3).batchSize(2)
        .earlyStopping(Monitor.TRAINING_LOSS, 10, 0).resume(checkpoint(record)).build()
        .fit(new Dataset(
            Tensor.matrix(new double[][] {{1, 2}, {3, 4}, {5, 6}}),
            Tensor.matrix(new double[][] {{1}, {0}, {1}})));
    assertEquals(0, history.bestEpoch());
    assertEquals(record.best(), history.earlierBest());
    assertEquals(record.best(), history.result(0).orElseThrow());
  }
}
