package dev.chainrule.optim.train;

import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.model.HeldOutRows;
import dev.chainrule.optim.model.Validation;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The entries a saved model carries of the run that trained it, one set for the program's {@code
 * train --save} and the Spark launcher's {@code --save} and {@code --checkpoint}: the epochs its
 * weights had trained ({@value ModelCheckpoint#EPOCH_KEY}), the share of the training rows the
 * run held out ({@value HeldOutRows#METADATA_KEY}) and early stopping's record. A run that loads
 * the file ({@code train --load}) numbers its epochs from the file's and holds out the same rows:
 * without them it restarted at epoch 1 and validated on rows the file's run trained on.
 */
public final class SavedRunMetadata {
  private SavedRunMetadata() {}

  /**
   * The entries of a file saved after a run.
   *
   * @param history the run's epochs (numbered over the whole run, a resumed one's too)
   * @param validation the share held out and the patience the run had
   * @param first the epochs the model had trained before the run, for a history with no weights'
   *     epoch
   * @return the epoch count of the weights saved, the share held out, and under patience the
   *     best epoch's record when the weights are that epoch's (else entries saying none is held)
   */
  public static Map<String, String> afterRun(History history, Validation validation, int first) {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put(ModelCheckpoint.EPOCH_KEY, Integer.toString(
        history.weightsEpoch() < 0 ? first : history.weightsEpoch() + 1));
    entries.put(HeldOutRows.METADATA_KEY, Double.toString(validation.fraction()));
    entries.putAll(records(history, validation));
    return entries;
  }

  /**
   * Early stopping's record of a file saved after a run: the best epoch's when the weights saved
   * are that epoch's under patience; else entries that say the file holds none.
   *
   * @param history the run's epochs
   * @param validation the run's validation share and patience
   * @return the record's entries
   */
  public static Map<String, String> records(History history, Validation validation) {
    EpochResult best = history.result(history.bestEpoch()).orElse(null);
    boolean atBest = best != null && history.weightsEpoch() == best.epoch();
    return ResumedRun.metadataOf(validation.stopsEarly() && atBest
        ? new EarlyStoppingRecord(Monitor.VALIDATION_LOSS, 0, validation.patience(), best,
            0, true) : null, null);
  }

  /**
   * The entries of a periodic checkpoint beside its own progress (a loop of one's own records
   * where in an epoch it is; early stopping's record is {@link PeriodicCheckpoints}'s).
   *
   * @param epochsDone the epochs completed when it was written
   * @param validationShare the share of the training rows the run holds out, 0 for none
   * @return the epoch count and the share held out
   */
  public static Map<String, String> checkpoint(int epochsDone, double validationShare) {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put(ModelCheckpoint.EPOCH_KEY, Integer.toString(epochsDone));
    entries.put(HeldOutRows.METADATA_KEY, Double.toString(validationShare));
    return entries;
  }
}
