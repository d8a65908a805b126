package dev.chainrule.optim.train;

/**
 * Hears the progress of {@link Trainer#fit}: progress bars, loss histories, plots and logs are
 * listeners. Every method does nothing by default.
 */
public interface TrainingListener {
  /**
   * After each optimizer step.
   *
   * @param batch the step just taken
   */
  default void onBatchEnd(BatchResult batch) {}

  /**
   * After each epoch, with its training and validation figures.
   *
   * @param epoch the epoch just finished
   */
  default void onEpochEnd(EpochResult epoch) {}

  /**
   * Once, when training stops: after the last epoch, early, or at a divergence (with the epochs
   * that completed, before {@link DivergenceException} is thrown).
   *
   * @param history the epochs run, or null when none ran
   */
  default void onTrainingEnd(History history) {}
}
