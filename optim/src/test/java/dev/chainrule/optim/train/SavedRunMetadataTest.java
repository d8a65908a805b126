package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.model.HeldOutRows;
import dev.chainrule.optim.model.Validation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The entries a saved model carries of its run ({@link SavedRunMetadata}), which a later {@code
 * train --load} reads back: the epoch count it resumes from, the share it holds out, the batch
 * size, and early stopping's record only when the weights saved are the best epoch's. The program
 * and the Spark launcher are its callers, so these are the module's own checks of the entries.
 */
class SavedRunMetadataTest {
  private static final Validation PATIENT = new Validation(0.25, 2);
  private static final String RECORDS = RecordMetadata.RECORDS_KEY;
  private static final String BEST_EPOCH = RecordMetadata.EARLY_STOPPING + "best_epoch";

  private static EpochResult epoch(int epoch, double validationLoss) {
    return new EpochResult(epoch, 1.0, 0.5, validationLoss, 0.5, 0.01, 0.1, 8);
  }

  /** Three epochs whose second is best, the weights being those of {@code weightsEpoch}. */
  private static History history(int weightsEpoch) {
    return new History(List.of(epoch(0, 0.9), epoch(1, 0.4), epoch(2, 0.6)), true, 1,
        weightsEpoch);
  }

  @Test
  void weightsOfTheBestEpochCarryItsRecordAndCountItsEpochsFromOne() {
    Map<String, String> m = SavedRunMetadata.afterRun(history(1), PATIENT, 7, 16);
    assertEquals("2", m.get(ModelCheckpoint.EPOCH_KEY), "epoch 1 (from 0) is two epochs trained");
    assertEquals("0.25", m.get(HeldOutRows.METADATA_KEY));
    assertEquals("16", m.get(SavedRunMetadata.BATCH_SIZE_KEY));
    assertEquals("early_stopping", m.get(RECORDS));
    assertEquals("2", m.get(BEST_EPOCH));
    assertEquals("2", m.get(RecordMetadata.EARLY_STOPPING + "patience"));
    assertEquals("0.4", m.get(RecordMetadata.EARLY_STOPPING + "best.validation_loss"));
  }

  @Test
  void theFirstEpochsWeightsCountOneEpochNotTheEpochsBefore() {
    // Epoch 0's weights have trained one epoch; the run's starting count is only for no weights.
    History first = new History(List.of(epoch(0, 0.3), epoch(1, 0.5)), false, 0, 0);
    Map<String, String> m = SavedRunMetadata.afterRun(first, PATIENT, 7, 16);
    assertEquals("1", m.get(ModelCheckpoint.EPOCH_KEY));
    assertEquals("1", m.get(BEST_EPOCH));
  }

  @Test
  void noListedWeightsKeepTheEpochsTheModelHadAndNoRecord() {
    Map<String, String> m = SavedRunMetadata.afterRun(history(-1), PATIENT, 7, 16);
    assertEquals("7", m.get(ModelCheckpoint.EPOCH_KEY));
    assertEquals("none", m.get(RECORDS));
  }

  @Test
  void lastEpochsWeightsThatAreNotTheBestHoldNoRecord() {
    // A resume from this file must not take epoch 1's record for weights that are epoch 2's.
    Map<String, String> m = SavedRunMetadata.afterRun(history(2), PATIENT, 7, 16);
    assertEquals("3", m.get(ModelCheckpoint.EPOCH_KEY));
    assertEquals("none", m.get(RECORDS));
    assertEquals(null, m.get(BEST_EPOCH));
  }

  @Test
  void withoutPatienceTheBestEpochsWeightsHoldNoRecord() {
    Map<String, String> m = SavedRunMetadata.records(history(1), new Validation(0.25, 0));
    assertEquals(Map.of(RECORDS, "none"), m);
  }

  /**
   * A run that watched a metric of its own records that monitor, with the metric's best value,
   * so that a run loaded from the file watches it again ({@code train --monitor}); the old form
   * recorded the validation loss whatever the run had watched.
   */
  @Test
  void theRecordNamesTheFigureTheRunWatched() {
    Monitor f1 = Monitor.metric("macro-f1", Monitor.Mode.MAX);
    EpochResult best = new EpochResult(1, 1.0, 0.5, 0.4, 0.5, 0.01, 0.1, 8,
        Map.of("macro-f1", 0.75));
    History run = new History(List.of(best), true, 1, 1);
    Map<String, String> m = SavedRunMetadata.afterRun(run, PATIENT, 0, 16, f1);
    assertEquals("metric:macro-f1:max", m.get(RecordMetadata.EARLY_STOPPING + "monitor"));
    assertEquals(Monitor.metric("macro-f1", Monitor.Mode.MAX), ResumedRun.of(m, "f").earlyStopping()
        .orElseThrow().monitor(), "read back as the monitor watched");
    assertEquals("VALIDATION_LOSS", SavedRunMetadata.records(history(1), PATIENT)
        .get(RecordMetadata.EARLY_STOPPING + "monitor"), "the old form's figure");
  }

  @Test
  void aRunOfNoEpochsHasNoBestAndNoRecord() {
    History none = new History(List.of(), false, -1, -1);
    assertEquals(Map.of(RECORDS, "none"), SavedRunMetadata.records(none, PATIENT));
  }

  @Test
  void aPeriodicCheckpointCarriesItsCountShareAndBatchSizeOnly() {
    assertEquals(Map.of(ModelCheckpoint.EPOCH_KEY, "3", HeldOutRows.METADATA_KEY, "0.1",
        SavedRunMetadata.BATCH_SIZE_KEY, "1"), SavedRunMetadata.checkpoint(3, 0.1, 1));
  }

  @Test
  void aBatchSizeNoRunHasIsRefusedNamingIt() {
    for (int size : new int[] {0, -4}) {
      String message = assertThrows(IllegalArgumentException.class,
          () -> SavedRunMetadata.afterRun(history(1), PATIENT, 7, size)).getMessage();
      assertTrue(message.contains("SavedRunMetadata") && message.contains("batch size")
          && message.endsWith("got " + size), message);
    }
    assertThrows(IllegalArgumentException.class, () -> SavedRunMetadata.checkpoint(3, 0.1, 0));
  }
}
