package dev.chainrule.optim.train;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.optim.checkpoint.CheckpointException;
import java.util.List;
import java.util.function.Supplier;

/**
 * Where a training loop stops when its thread is interrupted ({@link Thread#interrupt}, {@code
 * Future.cancel(true)}): before a step, so that the steps before are whole (an optimizer step
 * stopped half-way would leave some parameters updated and others not, and moments that match
 * neither), and before writing a checkpoint, whose file channel an interrupted thread cannot
 * write through anyway. The interrupt status is read, never cleared: the code that runs the loop
 * sees it too. It throws a {@link TrainingInterruptedException}, once the listeners heard the
 * run end with the epochs that completed. A look at a flag per step: nothing beside a step's
 * arithmetic.
 *
 * <p>Public for loops of their own that stop as {@link Trainer} does (the Spark trainer's).
 */
public final class Interruptions {
  private final List<TrainingListener> listeners;
  private final String stepName;
  private final int steps;
  /** The epochs that completed, when the run stops. */
  private final Supplier<History> partial;

  /**
   * The stops of one run.
   *
   * @param listeners told the run ended, as at a divergence
   * @param stepName what a step is, as the message names it: "batch", "round"
   * @param steps steps per epoch
   * @param partial the history of the epochs that completed, asked when the run stops
   */
  public Interruptions(List<TrainingListener> listeners, String stepName, int steps,
      Supplier<History> partial) {
    this.listeners = List.copyOf(listeners);
    this.stepName = checkNotNull(stepName);
    this.steps = steps;
    this.partial = checkNotNull(partial);
  }

  /**
   * Stops the run before step {@code step} of epoch {@code epoch} when the thread is interrupted.
   *
   * @param epoch the epoch, from 0
   * @param step the step about to run, from 0 within its epoch
   * @throws TrainingInterruptedException when it is, after the listeners heard the run end
   */
  public void beforeStep(int epoch, int step) {
    if (Thread.currentThread().isInterrupted()) {
      throw stopped(new TrainingInterruptedException(epoch, step, stepName, steps, false,
          partial.get()));
    }
  }

  /**
   * Stops the run when the step that threw {@code failure} failed because the thread was
   * interrupted: the thread is interrupted now, or the failure is, or is caused by, an {@link
   * InterruptedException} (a blocking wait's, which clears the status: it is set again). The
   * step was not applied, so the steps before are whole. Returns otherwise, for the caller to
   * throw the failure.
   *
   * @param epoch the epoch, from 0
   * @param step the step that failed, from 0 within its epoch
   * @param failure what the step threw
   * @throws TrainingInterruptedException when the thread was interrupted, the failure
   *     suppressed in it, after the listeners heard the run end
   */
  public void afterFailedStep(int epoch, int step, Throwable failure) {
    boolean interrupted = Thread.currentThread().isInterrupted();
    for (Throwable t = failure; t != null && !interrupted; t = t.getCause()) {
      interrupted = t instanceof InterruptedException;
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
      TrainingInterruptedException stop = new TrainingInterruptedException(epoch, step, stepName,
          steps, false, partial.get());
      stop.addSuppressed(failure);
      throw stopped(stop);
    }
  }

  /**
   * Runs {@code save}, a checkpoint's, unless the thread is interrupted; a save that fails while
   * it is (interrupted during the write, which closes the file's channel) is the interruption
   * too, with the checkpoint's failure suppressed in it: the previous checkpoint is intact
   * either way, as checkpoints are written atomically.
   *
   * @param epoch the epoch the checkpoint is taken in, from 0
   * @param stepsDone the steps of that epoch it holds
   * @param save writes the checkpoint
   * @throws TrainingInterruptedException when the thread is interrupted, after the listeners
   *     heard the run end
   * @throws CheckpointException when the save fails otherwise
   */
  public void save(int epoch, int stepsDone, Runnable save) {
    CheckpointException failed = null;
    if (!Thread.currentThread().isInterrupted()) {
      try {
        save.run();
        return;
      } catch (CheckpointException e) {
        if (!Thread.currentThread().isInterrupted()) {
          throw e;
        }
        failed = e;
      }
    }
    TrainingInterruptedException stop = new TrainingInterruptedException(epoch, stepsDone,
        stepName, steps, true, partial.get());
    if (failed != null) {
      stop.addSuppressed(failed);
    }
    throw stopped(stop);
  }

  private TrainingInterruptedException stopped(TrainingInterruptedException stop) {
    for (TrainingListener listener : listeners) {
      // The interruption is what happened; a listener failing to close (a file it writes
      // through a channel, which the interrupt status closes) is kept beside it.
      try {
        listener.onTrainingEnd(stop.history());
      } catch (RuntimeException e) {
        stop.addSuppressed(e);
      }
    }
    return stop;
  }
}
