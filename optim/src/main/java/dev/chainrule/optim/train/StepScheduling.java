package dev.chainrule.optim.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Strings.lenientFormat;

import dev.chainrule.optim.LearningRateSchedule;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.PerStepScheduler;

/**
 * The start of {@link Trainer.Builder#scheduleEveryStep}'s schedule in a {@link Trainer#fit}
 * call: the checks that it goes on where the run stopped and reaches the run's end, made before
 * the first step so that a run refused leaves the optimizer as it was.
 */
final class StepScheduling {
  private StepScheduling() {}

  /**
   * The scheduler of a fit of {@code epochs − initialEpoch} epochs of {@code batches} steps each,
   * counting from the optimizer's steps so far.
   *
   * @param firstFit whether this is the trainer's first fit, the one that resumes at {@code
   *     initialEpoch}
   * @param laterCall whether the run resumed was a trainer's second or later fit call, whose
   *     optimizer also holds the earlier calls' steps, which no count here knows
   * @throws IllegalArgumentException when the run resumes at an epoch the optimizer's step count
   *     does not match (for a later call's run, falls short of), or the schedule has no rate for
   *     one of the run's steps or the step after its last (a {@code OneCycle} built for fewer
   *     steps than the run takes, even by one)
   */
  static PerStepScheduler start(LearningRateSchedule schedule, Optimizer optimizer, int batches,
      int initialEpoch, int epochs, boolean firstFit, boolean laterCall) {
    long taken = optimizer.stepCount();
    long resumedAt = (long) initialEpoch * batches;
    // A resumed run's optimizer must hold the run's count: a fresh one (0 steps) would start the
    // schedule over mid-run, a warm-up again at a trained model. Epoch 0 may follow earlier fit
    // calls: the schedule goes on from them, as a PyTorch scheduler stepped across loops does,
    // and so does a resumed trainer's second fit, which follows its first. A later call's run
    // holds its earlier calls' steps too, so its count can only be bounded from below.
    boolean held = laterCall ? taken >= resumedAt : taken == resumedAt;
    checkArgument(initialEpoch == 0 || !firstFit || held, "trainer: the run resumes at epoch %s"
        + " with a per-step schedule, which goes on from the optimizer's step count, but the"
        + " optimizer has taken %s steps where the run had taken %s%s by then (%s epochs of %s"
        + " batches); load its state from the run's checkpoint (ModelCheckpoint.load), with the"
        + " same batch size", initialEpoch, taken, laterCall ? "at least " : "", resumedAt,
        initialEpoch, batches);
    long last = taken + (long) (epochs - initialEpoch) * batches - 1;
    // Outside the try below: a base rate the schedule refuses is no step without a rate.
    schedule.checkBaseRate(optimizer.initialLearningRate());
    double before = optimizer.learningRate();
    PerStepScheduler scheduler;
    try {
      scheduler = PerStepScheduler.of(optimizer, schedule);
      scheduler.rateAt(last);
      // And the step after the last, as a PyTorch loop's last scheduler.step() computes it: a
      // one-cycle one step short has a rate at the run's last step (its final minimum, the rate
      // after its own last step), but is a cycle built for fewer steps, which PyTorch refuses.
      scheduler.rateAt(last + 1);
    } catch (IllegalArgumentException e) {
      optimizer.setLearningRate(before);
      throw new IllegalArgumentException(lenientFormat("trainer: the per-step schedule is"
          + " shorter than the run: it has no rate for one of the run's steps, %s to %s (%s"
          + " epochs of %s batches after the optimizer's %s steps so far), or for step %s after"
          + " them, which PyTorch's scheduler.step() after the last step computes: %s", taken,
          last, epochs - initialEpoch, batches, taken, last + 1, e.getMessage()), e);
    }
    return scheduler;
  }
}
