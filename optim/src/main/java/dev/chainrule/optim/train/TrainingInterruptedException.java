package dev.chainrule.optim.train;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Locale;

/**
 * Training stopped because its thread was interrupted ({@link Thread#interrupt}, {@code
 * Future.cancel(true)} on the task that runs it). {@link Trainer#fit} looks at the thread's
 * interrupt status before every batch's step and before writing a periodic checkpoint, and
 * throws this at the first of those it finds set: every optimizer step before is whole, none is
 * half-applied, and the previous checkpoint is intact. The interrupt status stays set, as Java's
 * convention asks of code that does not stop at once: the code above sees it too. The cause is
 * an {@link InterruptedException}, so code that looks for one in a cause chain finds it.
 *
 * <p>Unchecked, as {@link DivergenceException} and the checkpoint's exception are: {@code fit}
 * declares no checked exception, and a checked {@code InterruptedException} would make every
 * caller handle what only a caller that interrupts can cause. Not a {@code
 * java.util.concurrent.CancellationException}, which says that a task's result is not available
 * to the one who asked for it, takes no cause, and carries nothing of where the run stood: this
 * names the epoch and the batch it stopped at, and keeps the epochs that completed.
 *
 * <p>The message counts from 1, e.g. {@code training interrupted at epoch 3, batch 7 of 12,
 * before its step: ...}; the accessors count from 0 like {@link BatchResult}.
 */
public final class TrainingInterruptedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The epoch, from 0 (the message counts from 1). */
  private final int epoch;

  /** The steps of the epoch that ran, each whole. */
  private final int stepsDone;
  private final transient History history;

  /**
   * For training loops other than {@link Trainer} (a distributed one, say), which stop the same
   * way.
   *
   * @param epoch the epoch the run stopped in, from 0
   * @param stepsDone the steps of that epoch that ran, each whole: the index of the step that
   *     did not run, or, before a checkpoint, the steps it was to hold
   * @param stepName what a step is, as the message names it: "batch", "round"
   * @param steps steps in the epoch
   * @param beforeCheckpoint whether the run stopped before writing a checkpoint (or as the
   *     thread's interruption made its writing fail), rather than before a step
   * @param history the epochs that completed
   */
  public TrainingInterruptedException(int epoch, int stepsDone, String stepName, int steps,
      boolean beforeCheckpoint, History history) {
    super(message(epoch, stepsDone, checkNotNull(stepName), steps, beforeCheckpoint),
        new InterruptedException("the thread's interrupt status was set"));
    this.epoch = epoch;
    this.stepsDone = stepsDone;
    this.history = checkNotNull(history);
  }

  private static String message(int epoch, int stepsDone, String stepName, int steps,
      boolean beforeCheckpoint) {
    String where = beforeCheckpoint
        ? String.format(Locale.ROOT, "after %s %d of %d, its checkpoint not written (any previous"
            + " one is intact)", stepName, stepsDone, steps)
        : String.format(Locale.ROOT, "%s %d of %d, before its step", stepName, stepsDone + 1,
            steps);
    return String.format(Locale.ROOT, "training interrupted at epoch %d, %s: the thread was"
        + " interrupted (Thread.interrupt, Future.cancel(true)); every step before is whole, and"
        + " the thread's interrupt status stays set", epoch + 1, where);
  }

  /**
   * The epoch the run stopped in, from 0.
   *
   * @return the epoch, from 0, as {@link EpochResult#epoch()} (the message counts from 1)
   */
  public int epoch() {
    return epoch;
  }

  /**
   * The steps of {@link #epoch()} that ran before the run stopped, each whole: the index, from
   * 0, of the batch whose step did not run, or all of the epoch's (those the checkpoint was to
   * hold, for a loop that checkpoints within an epoch) when it stopped before a checkpoint.
   *
   * @return how many of the epoch's steps ran
   */
  public int stepsDone() {
    return stepsDone;
  }

  /**
   * The epochs that completed before the run stopped (possibly none): with the epoch whose
   * checkpoint was not written, when it stopped there.
   *
   * @return the epochs that completed
   */
  public History history() {
    return history;
  }
}
