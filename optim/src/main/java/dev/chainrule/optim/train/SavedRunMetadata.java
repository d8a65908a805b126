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
 * run held out ({@value HeldOutRows#METADATA_KEY}), its batch size ({@value #BATCH_SIZE_KEY}) and
 * early stopping's record. A run that loads the file ({@code train --load}) numbers its epochs
 * from the file's, holds out the same rows and draws batches of the same size: without them it
 * restarted at epoch 1, validated on rows the file's run trained on, or went back to the default
 * batch size, each time without a word, and ended elsewhere than one uninterrupted run.
 */
public final class SavedRunMetadata {
  private SavedRunMetadata() {}

  /**
   * The metadata key of the run's batch size, the samples of each optimizer step (the last
   * batch of an epoch may hold fewer), as a decimal integer.
   */
  public static final String BATCH_SIZE_KEY = "chainrule.batch_size";

  /**
   * The metadata key of the run's seed, as a decimal integer: the program's files and the Spark
   * launcher's record the one seed of their run under it, {@link Trainer}'s periodic checkpoints
   * the seed of the batch orders ({@link Trainer.Builder#seed}).
   */
  public static final String SEED_KEY = "chainrule.seed";

  /**
   * The entries of a file saved after a run.
   *
   * @param history the run's epochs (numbered over the whole run, a resumed one's too)
   * @param validation the share held out and the patience the run had
   * @param first the epochs the model had trained before the run, for a history with no weights'
   *     epoch
   * @param batchSize the run's batch size, positive
   * @return the epoch count of the weights saved, the share held out, the batch size, and under
   *     patience the best epoch's record when the weights are that epoch's (else entries saying
   *     none is held)
   */
  public static Map<String, String> afterRun(History history, Validation validation, int first,
      int batchSize) {
    return afterRun(history, validation, first, batchSize, Monitor.VALIDATION_LOSS);
  }

  /**
   * The entries of a file saved after a run whose patience watched {@code watched}: as {@link
   * #afterRun(History, Validation, int, int)}, with a record that names that figure, so that a
   * run loaded from the file goes on watching it (or is refused for watching another).
   *
   * @param history the run's epochs (numbered over the whole run, a resumed one's too)
   * @param validation the share held out and the patience the run had
   * @param first the epochs the model had trained before the run
   * @param batchSize the run's batch size, positive
   * @param watched the figure the run's early stopping watched
   * @return the entries, in order
   */
  public static Map<String, String> afterRun(History history, Validation validation, int first,
      int batchSize, Monitor watched) {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put(ModelCheckpoint.EPOCH_KEY, Integer.toString(
        history.weightsEpoch() < 0 ? first : history.weightsEpoch() + 1));
    entries.put(HeldOutRows.METADATA_KEY, Double.toString(validation.fraction()));
    entries.put(BATCH_SIZE_KEY, batchSize(batchSize));
    entries.putAll(records(history, validation, watched));
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
    return records(history, validation, Monitor.VALIDATION_LOSS);
  }

  /**
   * {@link #records(History, Validation)} of a run whose patience watched {@code watched}, which
   * that form takes to be {@link Monitor#VALIDATION_LOSS}: a record of the wrong figure would
   * have a run loaded from the file refused for watching the one its run did watch.
   *
   * @param history the run's epochs
   * @param validation the run's validation share and patience
   * @param watched the figure the run's early stopping watched
   * @return the record's entries
   */
  public static Map<String, String> records(History history, Validation validation,
      Monitor watched) {
    EpochResult best = history.result(history.bestEpoch()).orElse(null);
    boolean atBest = best != null && history.weightsEpoch() == best.epoch();
    return ResumedRun.metadataOf(validation.stopsEarly() && atBest
        ? new EarlyStoppingRecord(watched, 0, validation.patience(), best, 0, true) : null, null);
  }

  /**
   * The entries of a periodic checkpoint beside its own progress (a loop of one's own records
   * where in an epoch it is; early stopping's record is {@link PeriodicCheckpoints}'s).
   *
   * @param epochsDone the epochs completed when it was written
   * @param validationShare the share of the training rows the run holds out, 0 for none
   * @param batchSize the run's batch size, positive
   * @return the epoch count, the share held out and the batch size
   */
  public static Map<String, String> checkpoint(int epochsDone, double validationShare,
      int batchSize) {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put(ModelCheckpoint.EPOCH_KEY, Integer.toString(epochsDone));
    entries.put(HeldOutRows.METADATA_KEY, Double.toString(validationShare));
    entries.put(BATCH_SIZE_KEY, batchSize(batchSize));
    return entries;
  }

  /** The entry's text, refusing a size no run has, which a resume would take up. */
  private static String batchSize(int size) {
    if (size <= 0) {
      throw new IllegalArgumentException("SavedRunMetadata: the batch size must be positive, got "
          + size);
    }
    return Integer.toString(size);
  }
}
