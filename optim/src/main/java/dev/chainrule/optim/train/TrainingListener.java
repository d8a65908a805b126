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
   * Asked after every listener has heard {@link #onEpochEnd}: true ends the run there, as early
   * stopping does (Keras's {@code model.stop_training = True}); the history says it stopped
   * early, and every listener hears {@link #onTrainingEnd}. Throwing from a listener instead
   * would lose the history and leave the others unclosed.
   *
   * @return whether the run should end after this epoch; false by default
   */
  default boolean stopRequested() {
    return false;
  }

  /**
   * Whether any of this listener's methods reads the parameters' gradients (a gradient-flow
   * record does, as each batch ends): a trainer that updates in backward ({@link
   * Trainer.Builder#updateInBackward(boolean)}) keeps none, during the run or after it. Chosen,
   * it refuses such a listener rather than let it see no gradient at all; unchosen, it updates in
   * backward only when every listener's class (or a superclass below this interface) overrides
   * this and answers false, so a listener that inherits this answer keeps the gradients of the
   * runs it hears. False by default; a listener that reads no gradient says so by overriding
   * this (a wrapper answering for another listener answers for what that one reads).
   *
   * @return whether this listener reads gradients as a batch ends
   */
  default boolean readsGradients() {
    return false;
  }

  /**
   * Once, when training stops: after the last epoch, early, or at a divergence or an interruption
   * of the thread (with the epochs that completed, before {@link DivergenceException} or {@link
   * TrainingInterruptedException} is thrown; an interrupted thread's status is still set then).
   *
   * @param history the epochs run; empty when the run diverged in its first epoch
   */
  default void onTrainingEnd(History history) {}
}
