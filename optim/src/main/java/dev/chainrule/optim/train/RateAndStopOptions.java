package dev.chainrule.optim.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.nn.Module;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.LearningRateSchedule;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.PerStepScheduler;
import dev.chainrule.optim.PlateauReduction;

/**
 * The options that steer a run across its epochs, each checked as it is set: what sets the
 * learning rate (a schedule per epoch or per step, or a reduction on a plateau; one of them at
 * most, checked at {@link Trainer.Builder#build()}), and when the run stops early and with which
 * epoch's weights it ends. Part of the body of {@link Trainer.Builder}, whose public setters these
 * are; {@link TrainerOptions} holds the rest.
 */
abstract sealed class RateAndStopOptions extends TrainerOptions permits Trainer.Builder {
  LearningRateSchedule schedule;
  LearningRateSchedule stepSchedule;
  Monitor plateauMonitor;
  PlateauReduction plateau;
  Monitor monitor = Monitor.VALIDATION_LOSS;
  int patience;
  double minDelta;
  boolean restoreBest;

  /** A copy, for the trainer: a builder changed after {@code build()} changes no trainer. */
  RateAndStopOptions(RateAndStopOptions other) {
    super(other);
    schedule = other.schedule;
    stepSchedule = other.stepSchedule;
    plateauMonitor = other.plateauMonitor;
    plateau = other.plateau;
    monitor = other.monitor;
    patience = other.patience;
    minDelta = other.minDelta;
    restoreBest = other.restoreBest;
  }

  /** The defaults, for {@link Trainer#builder}. */
  RateAndStopOptions(Module model, Loss loss, Optimizer optimizer) {
    super(model, loss, optimizer);
  }

  /**
   * Sets the learning rate at the start of every epoch from the optimizer's initial rate. Not
   * with {@link #reduceLearningRateOnPlateau} or {@link #scheduleEveryStep}.
   *
   * @param newSchedule the learning rate per epoch
   * @return this builder
   */
  public Trainer.Builder schedule(LearningRateSchedule newSchedule) {
    this.schedule = checkNotNull(newSchedule, "trainer: schedule is null");
    return self();
  }

  /**
   * Sets the learning rate before every optimizer step, by a schedule counted in steps ({@link
   * LearningRateSchedule#oneCycle}, {@link LearningRateSchedule#cosineWarmRestarts}, a {@code
   * warmUp} of so many steps): step k of the optimizer runs at the schedule's rate at k from
   * the optimizer's initial rate, as a {@link PerStepScheduler} sets it (PyTorch's {@code
   * scheduler.step()} after every batch). The index is the optimizer's {@link
   * Optimizer#stepCount()}, so a schedule spans the optimizer's whole life: a second {@link
   * Trainer#fit} call goes on where the first stopped, and so does a run resumed at {@link
   * #initialEpoch} with the optimizer loaded from its checkpoint. A run is refused before its
   * first step when the schedule has no rate for its last (a one-cycle built for fewer steps
   * than {@code epochs} × batches per epoch). An epoch's {@link EpochResult#learningRate()} is
   * its last step's. Not with {@link #schedule} or {@link #reduceLearningRateOnPlateau}.
   *
   * @param newSchedule the learning rate per optimizer step
   * @return this builder
   */
  public Trainer.Builder scheduleEveryStep(LearningRateSchedule newSchedule) {
    this.stepSchedule = checkNotNull(newSchedule, "trainer: the per-step schedule is null");
    return self();
  }

  /**
   * Multiplies the optimizer's learning rate by {@code factor} when the watched figure has not
   * improved for more than {@code patience} epochs: PyTorch's {@code ReduceLROnPlateau(optimizer,
   * mode, factor, patience)} with its other defaults (a relative threshold of 10⁻⁴, no cooldown,
   * no floor, eps 10⁻⁸), the mode (min or max) being the figure's. See {@link
   * #reduceLearningRateOnPlateau(Monitor, PlateauReduction)}.
   *
   * @param watched the figure to watch
   * @param factor the factor of each reduction, in (0, 1)
   * @param patience epochs without improvement tolerated, at least 0 (0 reduces after each)
   * @return this builder
   */
  public Trainer.Builder reduceLearningRateOnPlateau(Monitor watched, double factor, int patience) {
    return reduceLearningRateOnPlateau(watched, PlateauReduction.of(factor, patience));
  }

  /**
   * Lowers the optimizer's learning rate when the watched figure stops improving, by the rule
   * of {@link PlateauReduction} (PyTorch's {@code ReduceLROnPlateau}, Keras's callback of that
   * name): after each epoch's figure is known and its listeners have heard it, before its
   * checkpoint, so that a checkpoint holds the rate the next epoch runs at. The rate each epoch
   * ran at is its {@link EpochResult#learningRate()}, in {@link History#learningRates()}.
   *
   * <p>It is independent of {@link #earlyStopping}: each keeps its own record of the best
   * figure, by its own threshold (early stopping's absolute {@code minDelta}, this one's
   * relative threshold by default), and the reduction is made on the epoch a run stops at too,
   * as a PyTorch loop's {@code scheduler.step(loss)} is. Its record starts afresh with each
   * {@link Trainer#fit} call (as Keras's does) and at {@link #initialEpoch}: no checkpoint holds
   * it. The rate it leaves is the optimizer's own, which {@code fit} calls share and
   * checkpoints keep.
   *
   * @param watched the figure to watch; {@link Monitor#TRAINING_LOSS} needs no validation data
   * @param reduction when and how far to reduce
   * @return this builder
   * @throws IllegalArgumentException when the figure is {@link Monitor#VALIDATION_ACCURACY} and
   *     the loss counts no accuracy ({@link Loss.Outputs#VALUES})
   */
  public Trainer.Builder reduceLearningRateOnPlateau(Monitor watched, PlateauReduction reduction) {
    checkNotNull(watched, "trainer: the plateau's monitor is null");
    checkNotNull(reduction, "trainer: the plateau reduction is null");
    checkArgument(watched != Monitor.VALIDATION_ACCURACY || loss.outputs() != Loss.Outputs.VALUES,
        "trainer: the plateau reduction watches the validation accuracy, which is not a number"
            + " for the loss %s (its outputs are values, not classes); watch VALIDATION_LOSS",
        loss);
    this.plateauMonitor = watched;
    this.plateau = reduction;
    return self();
  }

  /**
   * Stops when the monitored figure has not improved by more than {@code minDelta} for {@code
   * patience} epochs; needs validation data unless the figure is {@link Monitor#TRAINING_LOSS}.
   *
   * @param delta the least change that counts as an improvement, finite and non-negative
   * @param epochsWithoutImprovement epochs without improvement before stopping, positive
   * @param watched the figure to watch
   * @return this builder
   * @throws IllegalArgumentException when the patience is not positive, the delta is NaN,
   *     negative or infinite, or the figure is {@link Monitor#VALIDATION_ACCURACY} and the loss
   *     counts no accuracy ({@link Loss.Outputs#VALUES})
   */
  public Trainer.Builder earlyStopping(Monitor watched, int epochsWithoutImprovement, double delta) {
    checkArgument(epochsWithoutImprovement > 0, "trainer: patience must be positive, got %s",
        epochsWithoutImprovement);
    checkNotNull(watched, "trainer: monitor is null");
    // NaN compares false with everything, so no epoch would ever improve; a negative delta
    // counts a worse epoch as better, and an infinite one makes improving impossible.
    checkArgument(delta >= 0 && delta < Double.POSITIVE_INFINITY,
        "trainer: early stopping's min delta must be finite and non-negative, got %s", delta);
    checkArgument(watched != Monitor.VALIDATION_ACCURACY || loss.outputs() != Loss.Outputs.VALUES,
        "trainer: early stopping watches the validation accuracy, which is not a number for"
            + " the loss %s (its outputs are values, not classes); watch VALIDATION_LOSS", loss);
    this.monitor = watched;
    this.patience = epochsWithoutImprovement;
    this.minDelta = delta;
    return self();
  }

  /**
   * Ends the run with the weights of its best epoch by the monitored figure ({@link
   * #earlyStopping earlyStopping}'s, the validation loss by default), not those of its last:
   * Keras's {@code restore_best_weights}, except that it applies whenever {@link Trainer#fit}
   * returns, stopped early or not. The parameters and buffers (batch normalization's running statistics, say) are
   * copied, in their own types, each time an epoch beats the best, and put back in place, bit for
   * bit, before listeners hear {@code onTrainingEnd}; {@link History#weightsEpoch()} says which
   * epoch's weights the model holds. The optimizer's state (moments, step counts, learning rate)
   * goes back with them, as it belongs to those weights; periodic checkpoints hold the weights of
   * the epoch they were written at. A run that diverges ends with a {@link DivergenceException}
   * and the weights it diverged with. Off by default, as in Keras: turning it on changes what a
   * run ends with, and keeps a second copy of the model's parameters in memory.
   *
   * @param restore whether the run ends with its best epoch's weights; needs validation data
   *     unless the monitored figure is {@link Monitor#TRAINING_LOSS}
   * @return this builder
   */
  public Trainer.Builder restoreBestWeights(boolean restore) {
    this.restoreBest = restore;
    return self();
  }

  /**
   * The check of {@link Trainer.Builder#build()} that one option at most sets the learning rate.
   *
   * @throws IllegalArgumentException as {@code build()} documents
   */
  void checkRateSetters() {
    // A schedule is a function of the epoch from the initial rate: set at each epoch's start, it
    // would undo every reduction (as Keras's LearningRateScheduler callback does). Multiplying
    // the two is a third rule, which PyTorch's schedulers stepped on one optimizer follow for
    // some schedules (MultiStepLR) and not others (CosineAnnealingLR's recursion).
    checkArgument(schedule == null || plateau == null, "trainer: both a schedule (%s) and a"
        + " reduction on a plateau set the learning rate, and the schedule would undo each"
        + " reduction at the next epoch's start; use one of them", schedule);
    // Each would overwrite the other's rate: at each epoch's start, or before each step.
    checkArgument(schedule == null || stepSchedule == null, "trainer: both schedule(%s), set at"
        + " each epoch's start, and scheduleEveryStep(%s), set before each step, set the"
        + " learning rate, and each would overwrite the other's; compose one schedule counted"
        + " in steps", schedule, stepSchedule);
    checkArgument(plateau == null || stepSchedule == null, "trainer: both a per-step schedule"
        + " (%s) and a reduction on a plateau set the learning rate, and the schedule would undo"
        + " each reduction at the next step; use one of them", stepSchedule);
  }
}
