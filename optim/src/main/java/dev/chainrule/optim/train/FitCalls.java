package dev.chainrule.optim.train;

import dev.chainrule.autograd.HookHandle;
import dev.chainrule.optim.PerStepScheduler;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.data.MiniBatches;

/**
 * A trainer's {@link Trainer#fit} calls, one after another: each call's checks and set-up before
 * its epochs (the first step's rate, the model's training mode, updates in backward for the call
 * alone), its index and the seed of its batch orders, and the resumed run's records, which only
 * the first call goes on from. {@link TrainingEpochs} runs the epochs themselves.
 */
final class FitCalls {
  private final TrainingOptions options;
  /**
   * The index of the next call, each of which shuffles with a seed of its own: from 0, or from
   * the call of the run the trainer resumes, which its checkpoint records.
   */
  private int next;
  /** The index of the trainer's first call: 0, or the resumed run's call. */
  private final int first;
  /** Whether the next call is the one that goes on from {@code options.resumed}. */
  private boolean resuming;

  /** The calls of a trainer built with {@code options}, its own copy. */
  FitCalls(TrainingOptions options) {
    this.options = options;
    this.resuming = options.resumed != null;
    this.next = resuming ? RunSettings.call(options.resumed.settings()) : 0;
    this.first = next;
  }

  /** {@link Trainer#fit(Dataset, Dataset)}: the next call, as it documents. */
  History fit(Dataset train, Dataset validation) {
    FitChecks.require(options, train, validation);
    Registration.requireSomethingToTrain(options.optimizer);
    if (resuming) {
      FrozenParameters.requireAsSaved(options.resumed, options.model);
    }
    TrainingOptions o = options;
    boolean monitored = o.monitored(validation);
    // Checked before anything changes; it sets the first step's rate.
    PerStepScheduler stepScheduler = o.stepSchedule == null
        || ResumeChecks.outOfPatience(o, monitored) ? null : StepScheduling.start(
        o.stepSchedule, o.optimizer, StepScheduling.Steps.of(train, o, resuming),
        o.initialEpoch, o.epochs, next == first, first > 0);
    // A model handed over in evaluation mode trains in training mode, whole; one in training
    // mode keeps its modules' own modes, so that a part left in evaluation mode on purpose (a
    // frozen batch normalization) stays frozen. Validation scores run in the thread's
    // evaluation mode, which changes no module's own.
    if (!o.model.isTraining()) {
      o.model.train();
    }
    // Asked once the first step's rate is set, which decides whether plain SGD updates linearly.
    if (!o.updateTiming.inBackward(o)) {
      return epochs(train, validation, monitored, stepScheduler, false);
    }
    // For this run only; every batch zeroes the gradients first anyway.
    o.optimizer.zeroGrad();
    try (HookHandle inBackward = o.optimizer.updateInBackward()) {
      return epochs(train, validation, monitored, stepScheduler, true);
    }
  }

  /** The epochs of a call whose settings are checked, in batch orders of the call's own. */
  private History epochs(Dataset train, Dataset validation, boolean monitored,
      PerStepScheduler stepScheduler, boolean updatesInBackward) {
    // The records of a resumed run are the first call's to go on from, as its batch orders are:
    // those of the call that wrote the checkpoint. A resume counted from call 0 again drew the
    // first call's orders in a later call's epochs, and ended elsewhere, silently.
    ResumedRun resumed = resuming ? options.resumed : null;
    resuming = false;
    // The first call keeps the seed, which pinned histories and resumed runs rely on. The seed
    // plus a multiple of SplittableRandom's γ, as later calls once had, made call k's epoch e
    // call 0's epoch k + e: a loop of calls replayed the first call's orders one epoch on.
    int call = next++;
    long seed = call == 0 ? options.seed : MiniBatches.streamSeed(options.seed, call);
    return TrainingEpochs.run(options, call, seed, train, validation, monitored, stepScheduler,
        updatesInBackward, resumed);
  }
}
