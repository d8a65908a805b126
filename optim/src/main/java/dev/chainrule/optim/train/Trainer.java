package dev.chainrule.optim.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import dev.chainrule.autograd.HookHandle;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.PerStepScheduler;
import dev.chainrule.optim.data.Dataset;

/**
 * Fits a model: epochs of shuffled mini-batches, each a forward pass, the loss, backward, optional
 * gradient clipping and an optimizer step; then validation, listeners, a reduction of the
 * learning rate on a plateau, periodic checkpoints and early stopping. Batch, mini-batch and
 * stochastic gradient descent are batch sizes N, n and 1 of this one loop.
 *
 * <p>The model, the loss and the layers inside may be the user's own: any {@link Module}, any
 * {@link Loss} (its {@link Loss#reduction()} weights the batch losses, its {@link Loss#outputs()}
 * says whether and how accuracy is counted). An optimizer over part of the model freezes the
 * rest: their gradients are cleared before every batch, as the optimizer's are, and clipping
 * measures the stepped parameters' norm alone.
 *
 * <p>Everything random is seeded, so the same seed gives a bitwise-identical loss history on one
 * thread.
 *
 * <p>A run that diverges stops with a {@link DivergenceException} naming the epoch and batch: when
 * a batch's loss is NaN or infinite, or larger per sample than {@link Builder#divergenceFactor
 * Trainer.Builder.divergenceFactor} times the untrained model's (its loss before the run's first
 * step on up to {@value #REFERENCE_ROWS} training rows spread evenly over the data: the larger of
 * its score in evaluation mode and its loss in training mode, where batch normalization and
 * dropout act as they will in the run), or when an epoch's mean loss per sample is more
 * than {@value #EPOCH_DIVERGENCE_FACTOR} times the untrained model's (a loss bounded by a clamp, as
 * binary cross-entropy is, saturates instead of exploding), or when the gradient's norm is not
 * finite (with clipping, which computes it), or a parameter is no longer finite (checked at the end
 * of each epoch, and when a loss turns non-finite, to blame the step that caused it). Each check
 * uses a value the loop has anyway or runs once per epoch, so none costs a pass over the gradients
 * per step.
 */
public final class Trainer {
  /** Rows of training data the untrained model's loss is measured on, for the explosion check. */
  static final int REFERENCE_ROWS = 1024;

  /**
   * The default {@link Builder#divergenceFactor Trainer.Builder.divergenceFactor}: how many times
   * the untrained model's loss per sample a batch may reach.
   */
  public static final double DIVERGENCE_FACTOR = 1e6;

  /**
   * How many times the untrained model's loss per sample an epoch's mean may reach. A loss
   * bounded by a clamp never explodes: binary cross-entropy caps each sample at 100, so a network
   * driven into saturation (XOR with Adam at a learning rate of 1e9) sits at 50 per sample, 72
   * times the untrained 0.69, forever, far below the batch limit, and used to finish its run at
   * chance with nothing said. A run that trains spends no whole epoch 10 times worse than where
   * it started.
   */
  public static final double EPOCH_DIVERGENCE_FACTOR = 10;

  /** Odd, so that the calls' seeds differ; the golden ratio's bits, as SplittableRandom's. */
  private static final long SEED_STEP = 0x9E3779B97F4A7C15L;

  private final Builder options;
  /** Calls of {@link #fit} so far: each shuffles with a seed of its own. */
  private int fits;

  private Trainer(Builder options) {
    this.options = options;
  }

  /**
   * Options for training {@code model} on {@code loss} with {@code optimizer}.
   *
   * @param model the model
   * @param loss the loss to minimise
   * @param optimizer the optimizer that updates the model
   * @return a builder with the defaults
   * @throws IllegalArgumentException when the optimizer updates none of the model's parameters
   */
  public static Builder builder(Module model, Loss loss, Optimizer optimizer) {
    return new Builder(model, loss, optimizer);
  }

  /**
   * Options of a training run; defaults: 10 epochs, batches of 32, seed 0, the optimizer's rate
   * throughout (no schedule, no reduction on a plateau), no early stopping, the last epoch's
   * weights kept, divergence factor 10⁶.
   */
  public static final class Builder extends RateAndStopOptions {
    // The setters, each checking its argument, are in TrainerOptions and RateAndStopOptions: the
    // name users write must stay Trainer.Builder, and the documented options outgrew this file.

    /** A copy, for the trainer: a builder changed after {@link #build()} changes no trainer. */
    private Builder(Builder other) {
      super(other);
    }

    private Builder(Module model, Loss loss, Optimizer optimizer) {
      super(model, loss, optimizer);
    }

    /**
     * The trainer with these options, as they are now: changing this builder afterwards changes
     * no trainer it built.
     *
     * @return the trainer
     * @throws IllegalArgumentException when the initial epoch leaves no epoch to run, the model
     *     ends in the softmax or sigmoid its loss applies itself to the logits it takes, or two of
     *     a schedule, a per-step schedule and a reduction on a plateau are set, or updates in
     *     backward with gradient clipping or a listener that reads gradients
     */
    public Trainer build() {
      LossPairing.requireLogitsForLogitLoss(model, loss);
      checkRateSetters();
      checkRun();
      return new Trainer(new Builder(this));
    }
  }

  /**
   * Trains without validation data.
   *
   * @param train the training data
   * @return the epochs run
   * @throws IllegalArgumentException when the training data has no rows
   * @throws IllegalStateException when early stopping, restoring the best weights or a reduction
   *     on a plateau watches a validation figure
   */
  public History fit(Dataset train) {
    return fit(train, null);
  }

  /**
   * Trains on {@code train}, scoring {@code validation} (may be null) after every epoch. Each
   * call on one trainer draws batch orders of its own, as Keras's {@code fit} called in a loop
   * does (a loop of one-epoch calls would otherwise train on one order forever); a new trainer
   * with the same seed repeats the first call's, and {@link Builder#initialEpoch
   * Trainer.Builder.initialEpoch} resumes a run with the orders it would have had. The schedule,
   * though, starts again at the initial epoch on every call, as under Keras's {@code
   * LearningRateScheduler}: a loop of one-epoch calls keeps the first epoch's rate. To decay across epochs, run them in one call (a listener sees
   * each epoch end), or build a trainer per call with {@link Builder#initialEpoch
   * Trainer.Builder.initialEpoch}. So does the record of a reduction on a plateau start again,
   * from the optimizer's current rate. A {@link Builder#scheduleEveryStep
   * Trainer.Builder.scheduleEveryStep} schedule does not: it counts the optimizer's steps, and
   * goes on.
   *
   * @param train the training data
   * @param validation the data scored after every epoch, or null
   * @return the epochs run
   * @throws IllegalArgumentException when the training or validation data has no rows, a
   *     schedule cannot scale the optimizer's base rate (a cosine's minimum above it), or the
   *     per-step schedule cannot go on from the optimizer's step count or has no rate for one of
   *     the run's steps (nothing has changed then)
   * @throws IllegalStateException when early stopping, restoring the best weights or a reduction
   *     on a plateau watches a validation figure and {@code validation} is null
   */
  public History fit(Dataset train, Dataset validation) {
    checkNotNull(train, "trainer: training data is null");
    // With no rows an epoch takes no step, and every mean over its samples is 0/0 = NaN.
    checkArgument(train.size() > 0,
        "trainer: the training data has no rows; an epoch would take no step and its loss would"
            + " be 0/0 = NaN");
    checkArgument(validation == null || validation.size() > 0,
        "trainer: the validation data has no rows; its loss and accuracy would be 0/0 = NaN");
    Builder o = options;
    boolean monitored = validation != null || !o.monitor.needsValidation();
    checkState(o.patience == 0 || monitored,
        "trainer: early stopping on %s needs validation data", o.monitor);
    // Without validation data every epoch is the best, and restoring would silently keep the last.
    checkState(!o.restoreBest || monitored, "trainer: restoring the best epoch's weights by %s"
        + " needs validation data to tell the best", o.monitor);
    checkState(o.plateau == null || validation != null || !o.plateauMonitor.needsValidation(),
        "trainer: reducing the learning rate on a plateau of %s needs validation data; pass some,"
            + " or watch TRAINING_LOSS", o.plateauMonitor);
    // Checked before anything changes (the epochs' scheduler is made later, once the model
    // trains): a schedule that cannot scale the optimizer's base rate, as a cosine to a minimum
    // above it.
    if (o.schedule != null) {
      o.schedule.checkBaseRate(o.optimizer.initialLearningRate());
    }
    // Checked before anything changes; it sets the first step's rate.
    PerStepScheduler stepScheduler = o.stepSchedule == null ? null : StepScheduling.start(
        o.stepSchedule, o.optimizer, train.batches(o.batchSize, o.seed, o.dropLast).batchCount(),
        o.initialEpoch, o.epochs, fits == 0);
    // A model handed over in evaluation mode trains in training mode, whole; one in training
    // mode keeps its modules' own modes, so that a part left in evaluation mode on purpose (a
    // frozen batch normalization) stays frozen. Validation scores run in the thread's
    // evaluation mode, which changes no module's own.
    if (!o.model.isTraining()) {
      o.model.train();
    }
    if (!o.updateInBackward) {
      return epochs(train, validation, monitored, stepScheduler);
    }
    // For this run only; every batch zeroes the gradients first anyway.
    o.optimizer.zeroGrad();
    try (HookHandle inBackward = o.optimizer.updateInBackward()) {
      return epochs(train, validation, monitored, stepScheduler);
    }
  }

  /** The epochs of a {@link #fit} whose settings are checked, in batch orders of the call's own. */
  private History epochs(Dataset train, Dataset validation, boolean monitored,
      PerStepScheduler stepScheduler) {
    long seed = options.seed + fits++ * SEED_STEP;
    return EpochLoop.run(options, seed, train, validation, monitored, stepScheduler);
  }
}
