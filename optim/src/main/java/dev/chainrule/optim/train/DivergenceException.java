package dev.chainrule.optim.train;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Locale;

/**
 * Training diverged: a batch's loss was NaN or infinite, or exploded past {@link
 * Trainer.Builder#divergenceFactor(double) its limit}; or, in checks made once an epoch or where
 * the loop has the value anyway, an epoch's mean loss grew past {@value
 * Trainer#EPOCH_DIVERGENCE_FACTOR} times the run's starting loss (or the loss at chance, when
 * the starting loss is below it), a parameter was no longer finite
 * at an epoch's end, the gradient's norm was not finite (with clipping, which computes it), or the
 * validation loss was not finite because a validation row holds a NaN or an infinity ({@link
 * Trainer}'s class documentation gives each check in full); or the optimizer refused the step
 * ({@code Optimizer.step}'s {@link dev.chainrule.optim.StepRefusedException}, kept as the cause:
 * an AdamW whose schedule raised η·λ to 1, say; any other {@link IllegalStateException}, a model
 * converted after the first step for one, passes through unchanged); or a batch's loss is a mean
 * that counts none of its rows (every target the ignore index, or of a class weighing 0), whose
 * refusal by the loss is kept as the cause and which {@link #beforeAnyStep()} lays on the data:
 * PyTorch's mean is 0/0 = NaN there. Nothing a further step could
 * repair: {@link Trainer#fit} stops at the first such batch, before its optimizer step, or at the
 * end of the epoch for the checks made there, and throws this. The message names the epoch and
 * batch counting from 1, as progress output does, e.g. {@code training diverged at epoch 3, batch 7
 * of 12: the loss is NaN}; the accessors count from 0 like {@link BatchResult}. The usual remedy is
 * a smaller learning rate.
 */
public final class DivergenceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * The advice a message gives where a backward rule may have made a gradient not finite, left
   * out under anomaly detection (whose pass stops at that rule): a program with an option of its
   * own for anomaly detection puts its words in place of these.
   */
  public static final String ANOMALY_ADVICE = "a step run under Autograd.detectAnomaly() names"
      + " the op whose rule made a gradient not finite";

  /** The epoch, from 0 (the message counts from 1). */
  private final int epoch;

  /** The batch within its epoch, from 0 (the message counts from 1). */
  private final int batch;
  private final transient History history;

  /** Whether the cause is the data or the initial parameters, not the learning rate. */
  private final boolean beforeAnyStep;

  /**
   * For training loops other than {@link Trainer} (a distributed one, say), which stop the same
   * way.
   *
   * @param epoch from 0
   * @param batch the diverging batch within its epoch, from 0
   * @param batches batches in the epoch
   * @param what what was wrong, such as {@code the loss is NaN}
   * @param history the epochs that completed
   */
  public DivergenceException(int epoch, int batch, int batches, String what, History history) {
    this(epoch, batch, batches, what, history, false);
  }

  /**
   * A run stopped, possibly before its first step changed anything: then nothing diverged (the
   * data or the initial parameters were not finite), the message says the run stopped, and no
   * smaller learning rate is the remedy.
   *
   * @param epoch from 0
   * @param batch the batch within its epoch, from 0
   * @param batches batches in the epoch
   * @param what what was wrong, such as {@code the loss is NaN}
   * @param history the epochs that completed
   * @param beforeAnyStep whether the cause is the data or the initial parameters, not the
   *     learning rate: no optimizer step had run yet, or the data hold a value that is not finite
   */
  public DivergenceException(int epoch, int batch, int batches, String what, History history,
      boolean beforeAnyStep) {
    this(epoch, batch, "batch", batches, what, history, beforeAnyStep);
  }

  /**
   * A run stopped, as {@link #DivergenceException(int, int, int, String, History, boolean)},
   * whose epochs are made of steps other than batches: a loop that averages replicas after
   * local steps counts rounds, and "batch 1 of 1" named a batch where the epoch had one round.
   *
   * @param epoch from 0
   * @param step the step within its epoch, from 0
   * @param stepName what a step is, as the message names it: "batch", "round"
   * @param steps steps in the epoch
   * @param what what was wrong, such as {@code the loss is NaN}
   * @param history the epochs that completed
   * @param beforeAnyStep whether the cause is the data or the initial parameters, not the
   *     learning rate
   */
  public DivergenceException(int epoch, int step, String stepName, int steps, String what,
      History history, boolean beforeAnyStep) {
    super(String.format(Locale.ROOT, "training %s at epoch %d, %s %d of %d: %s",
        beforeAnyStep ? "stopped" : "diverged", epoch + 1, checkNotNull(stepName), step + 1,
        steps, what));
    this.epoch = epoch;
    this.batch = step;
    this.history = checkNotNull(history);
    this.beforeAnyStep = beforeAnyStep;
  }

  /**
   * Whether the run stopped before any optimizer step, on training or validation data holding
   * a value that is not finite, or on a batch whose loss counts none of its rows: the cause is
   * the data or the initial parameters, not the learning rate.
   *
   * @return true when no step had run, or the data stopped the run (a value that is not finite,
   *     a batch that counts none of its rows) whatever ran before
   */
  public boolean beforeAnyStep() {
    return beforeAnyStep;
  }

  /**
   * The epoch of the diverging batch, from 0.
   *
   * @return the epoch at which the run diverged, from 0, as {@link EpochResult#epoch()} (the
   *     message counts from 1)
   */
  public int epoch() {
    return epoch;
  }

  /**
   * The diverging batch within its epoch, from 0 (the round, for a loop that counts rounds).
   *
   * @return the batch at which the run diverged, from 0 within its epoch (the message counts
   *     from 1)
   */
  public int batch() {
    return batch;
  }

  /**
   * The epochs that completed before the divergence (possibly none), for plots and reports.
   *
   * @return the epochs that completed
   */
  public History history() {
    return history;
  }
}
