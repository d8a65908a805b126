package dev.chainrule.optim.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Strings.lenientFormat;

import dev.chainrule.optim.LearningRateSchedule;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.PerStepScheduler;
import dev.chainrule.optim.data.Dataset;
import java.util.OptionalInt;

/**
 * The start of {@link Trainer.Builder#scheduleEveryStep}'s schedule in a {@link Trainer#fit}
 * call: the checks that it goes on where the run stopped and reaches the run's end, made before
 * the first step so that a run refused leaves the optimizer as it was.
 */
final class StepScheduling {
  private StepScheduling() {}

  /**
   * The scheduler of a fit of {@code epochs − initialEpoch} epochs of {@code steps.batches()}
   * steps each, counting from the optimizer's steps so far.
   *
   * @param steps the steps of each epoch, this fit's and, before its initial epoch, the resumed
   *     run's
   * @param firstFit whether this is the trainer's first fit, the one that resumes at {@code
   *     initialEpoch}
   * @param laterCall whether the run resumed was a trainer's second or later fit call, whose
   *     optimizer also holds the earlier calls' steps, which no count here knows
   * @throws IllegalArgumentException when the run resumes at an epoch the optimizer's step count
   *     does not match (for a later call's run, falls short of), or the schedule has no rate for
   *     one of the run's steps or the step after its last (a {@code OneCycle} built for fewer
   *     steps than the run takes, even by one)
   */
  static PerStepScheduler start(LearningRateSchedule schedule, Optimizer optimizer, Steps steps,
      int initialEpoch, int epochs, boolean firstFit, boolean laterCall) {
    int batches = steps.batches();
    long taken = optimizer.stepCount();
    // A count the checkpoint records is exact, for a later call's run too, and for a run that
    // was itself resumed in another batch size, whose count no epochs × batches gives: such a
    // checkpoint was refused whatever batch size resumed it.
    boolean exact = steps.recorded() >= 0;
    // Else counted in the batches the checkpoint's run took them in: resumed in another batch
    // size, the run was refused for the count this one's batches would have given (9 steps where
    // the checkpoint's 12 were right), though resume documents that another batch size goes on.
    long resumedAt = exact ? steps.recorded() : (long) initialEpoch * steps.resumedBatches();
    // A resumed run's optimizer must hold the run's count: a fresh one (0 steps) would start the
    // schedule over mid-run, a warm-up again at a trained model. Epoch 0 may follow earlier fit
    // calls: the schedule goes on from them, as a PyTorch scheduler stepped across loops does,
    // and so does a resumed trainer's second fit, which follows its first. A later call's run
    // holds its earlier calls' steps too, so its count can only be bounded from below, unless
    // recorded.
    boolean held = laterCall && !exact ? taken >= resumedAt : taken == resumedAt;
    checkArgument(initialEpoch == 0 || !firstFit || held, "trainer: the run resumes at epoch %s"
        + " with a per-step schedule, which goes on from the optimizer's step count, but the"
        + " optimizer has taken %s steps where the run had taken %s%s by then (%s); %s",
        initialEpoch, taken, laterCall && !exact ? "at least " : "", resumedAt, exact
            ? "as its checkpoint records" : initialEpoch + " epochs of " + steps.resumedBatches()
                + " batches" + (steps.resumedSize() > 0
                    ? " of " + steps.resumedSize() + ", the checkpoint's batch size" : ""),
        steps.resumedSize() > 0 || exact
            ? "load its state from the checkpoint (ResumedRun.load does)"
            // ResumedRun first: a checkpoint's count need not be whole epochs of one batch
            // size (a run resumed in another, a later fit call), which this arithmetic needs.
            : "resume a trainer's checkpoint with ResumedRun.load and resume, which go on from"
                + " the step count and batch size it records (ModelCheckpoint.load with"
                + " initialEpoch passes only when the state's steps are that many epochs of"
                + " this run's batches)");
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
          + " them, which PyTorch's scheduler.step() after the last step computes: %s%s", taken,
          last, epochs - initialEpoch, batches, taken, last + 1, e.getMessage(),
          // A resume must keep the checkpoint's schedule (build() refuses another), so in
          // smaller batches than the checkpoint's the way out is the checkpoint's batch size.
          steps.resumedSize() > 0 ? "; but a resumed run keeps its checkpoint's schedule,"
              + " built for the steps of that run's batches of " + steps.resumedSize() + ", and"
              + " this one's are smaller: resume in batchSize(" + steps.resumedSize() + ")"
              // Alone, the count is checked as whole epochs of those batches: offered only
              // where it is (a run itself resumed in another size took other counts).
              + (taken == (long) initialEpoch * steps.resumedBatches() ? ", or train with"
                  + " initialEpoch(" + initialEpoch + ") alone in batchSize("
                  + steps.resumedSize() + ") and a schedule built for the run's steps" : "")
              : ""), e);
    }
    return scheduler;
  }

  /**
   * The steps of each epoch of a fit, and of the run it resumes: another batch size goes on
   * ({@link Trainer.Builder#resume}), and the steps the checkpoint's run took before it were
   * taken in its own batches.
   *
   * @param batches the batches of each of this fit's epochs
   * @param resumedBatches those of each epoch before the initial one
   * @param resumedSize the checkpoint's batch size when it is another than this run's, else 0
   * @param recorded the optimizer's step count the resumed checkpoint records, else -1
   */
  record Steps(int batches, int resumedBatches, int resumedSize, long recorded) {
    /**
     * The steps of a fit of {@code train} under {@code o}.
     *
     * @param resuming whether the fit goes on from {@code o.resumed}, whose recorded step count
     *     (when it has one), else recorded batch size, counted the steps before it
     */
    static Steps of(Dataset train, TrainingOptions o, boolean resuming) {
      int batches = train.batches(o.batchSize, o.seed, o.dropLast).batchCount();
      OptionalInt saved = resuming ? RunSettings.batchSize(o.resumed.settings())
          : OptionalInt.empty();
      long recorded = resuming ? RunSettings.stepCount(o.resumed.settings()).orElse(-1) : -1;
      return saved.isEmpty() || saved.getAsInt() == o.batchSize
          ? new Steps(batches, batches, 0, recorded)
          : new Steps(batches, train.batches(saved.getAsInt(), o.seed, o.dropLast).batchCount(),
              saved.getAsInt(), recorded);
    }
  }
}
