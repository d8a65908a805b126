package dev.chainrule.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Lowers an optimizer's learning rate when a figure watched once an epoch stops improving:
 * PyTorch's {@code ReduceLROnPlateau}, by the rule of {@link PlateauReduction}. Call {@link
 * #step} after each epoch with its figure (the validation loss, say); the next epoch runs at the
 * rate it leaves.
 *
 * <p>Unlike a {@link LearningRateSchedule}, this is not a function of the epoch: it multiplies
 * the optimizer's current rate, and its record (the best figure, the bad epochs, the cooldown)
 * lives in this object. The optimizer's state, and so a checkpoint, keeps the reduced rate; the
 * record is {@link #state()} (PyTorch's {@code state_dict()} holds the same three), which a new
 * scheduler over the restored optimizer takes with {@link #loadState} to go on as the saved one
 * would have. Without it, a new scheduler goes on from the saved rate with a fresh record.
 *
 * <p>With {@link ParameterGroup}s the reduction lowers the optimizer's one rate, which each group
 * scales, and the floor and eps apply to it: a group's floor is {@code minRate} times its scale.
 * PyTorch reduces each group's own rate, floored at the same {@code min_lr} for every group and
 * each skipped by its own {@code eps}, so its groups' rates stop being in proportion.
 */
public final class PlateauScheduler {
  private final Optimizer optimizer;
  private final PlateauReduction reduction;
  private final boolean higherIsBetter;
  private double best;
  private int badEpochs;
  private int cooldownLeft;

  /**
   * A scheduler's record between two epochs: PyTorch's {@code best}, {@code num_bad_epochs} and
   * {@code cooldown_counter}. The settings it was kept under are not in it: a record goes with
   * the {@link PlateauReduction} and the direction (min or max) of the scheduler that kept it.
   *
   * @param best the best figure so far, +∞ (−∞ when maximizing) before any improved, either
   *     infinity after a figure that was one and improved; not NaN, which no figure improves on
   * @param badEpochs bad epochs in a row since the last improvement, reduction or cooldown epoch,
   *     at least 0
   * @param cooldownLeft epochs of cooldown still to run, at least 0
   */
  public record State(double best, int badEpochs, int cooldownLeft) {
    /**
     * Checks the record.
     *
     * @param best the best figure so far
     * @param badEpochs bad epochs in a row
     * @param cooldownLeft cooldown epochs left
     */
    public State {
      // A NaN best would make every later figure a non-improvement: the rate would fall forever.
      checkArgument(!Double.isNaN(best), "PlateauScheduler: the best figure must not be NaN");
      checkArgument(badEpochs >= 0, "PlateauScheduler: bad epochs must not be negative, got %s",
          badEpochs);
      checkArgument(cooldownLeft >= 0,
          "PlateauScheduler: the cooldown left must not be negative, got %s", cooldownLeft);
    }
  }

  private PlateauScheduler(Optimizer optimizer, PlateauReduction reduction,
      boolean higherIsBetter) {
    this.optimizer = checkNotNull(optimizer, "PlateauScheduler: the optimizer is null");
    this.reduction = checkNotNull(reduction, "PlateauScheduler: the reduction is null");
    this.higherIsBetter = higherIsBetter;
    // PyTorch's mode_worse: every finite figure improves on it.
    this.best = higherIsBetter ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
  }

  /**
   * A scheduler for a figure where lower is better, a loss (PyTorch's {@code mode='min'}).
   *
   * @param optimizer the optimizer whose rate to lower
   * @param reduction when and how far
   * @return the scheduler
   */
  public static PlateauScheduler minimizing(Optimizer optimizer, PlateauReduction reduction) {
    return new PlateauScheduler(optimizer, reduction, false);
  }

  /**
   * A scheduler for a figure where higher is better, an accuracy ({@code mode='max'}).
   *
   * @param optimizer the optimizer whose rate to lower
   * @param reduction when and how far
   * @return the scheduler
   */
  public static PlateauScheduler maximizing(Optimizer optimizer, PlateauReduction reduction) {
    return new PlateauScheduler(optimizer, reduction, true);
  }

  /**
   * Records an epoch's figure and lowers the optimizer's rate when the plateau has lasted longer
   * than the patience (PyTorch's {@code scheduler.step(metric)}).
   *
   * @param figure the epoch's figure; NaN counts as no improvement
   * @return the optimizer's learning rate for the next epoch
   */
  public double step(double figure) {
    if (reduction.improves(figure, best, higherIsBetter)) {
      best = figure;
      badEpochs = 0;
    } else {
      badEpochs++;
    }
    if (cooldownLeft > 0) {
      cooldownLeft--;
      badEpochs = 0;
    }
    if (badEpochs > reduction.patience()) {
      optimizer.setLearningRate(reduction.reduce(optimizer.learningRate()));
      // As PyTorch: the cooldown starts and the count resets even when eps skipped the reduction.
      cooldownLeft = reduction.cooldown();
      badEpochs = 0;
    }
    return optimizer.learningRate();
  }

  /**
   * The record: the best figure, the bad epochs and the cooldown left, as after the last {@link
   * #step}.
   *
   * @return the record, for a checkpoint
   */
  public State state() {
    return new State(best, badEpochs, cooldownLeft);
  }

  /**
   * Replaces the record with one {@link #state()} gave, from a scheduler with these settings (the
   * same {@link PlateauReduction} and direction; the caller compares them, as they are not in
   * the record): the next {@link #step} acts as the saved scheduler's would have. The optimizer's
   * rate is not touched: it comes back with the optimizer's own state.
   *
   * <p>Every best but NaN can come from a step, so every one loads: +∞ and −∞ alike in either
   * direction. The infinity a scheduler starts from is there until a figure improves on it, and
   * the other is a figure that improves on every best (a loss of −∞ when minimizing): once it is
   * the best, no figure improves on it: every epoch is bad and the rate falls each time the
   * patience runs out, as PyTorch's does and as the saved scheduler's would have.
   *
   * @param state the record to go on from
   * @throws IllegalArgumentException when the record cannot come from these settings: more bad
   *     epochs than the patience (a step that reaches more reduces and starts again from 0), or
   *     more cooldown left than the cooldown; nothing changes then
   */
  public void loadState(State state) {
    checkNotNull(state, "PlateauScheduler: the state is null");
    checkArgument(state.badEpochs() <= reduction.patience(), "PlateauScheduler: a record of %s"
        + " bad epochs cannot come from a patience of %s (a step past it reduces and counts"
        + " from 0): it was kept under other settings than %s", state.badEpochs(),
        reduction.patience(), reduction);
    checkArgument(state.cooldownLeft() <= reduction.cooldown(), "PlateauScheduler: a record with"
        + " %s cooldown epochs left cannot come from a cooldown of %s: it was kept under other"
        + " settings than %s", state.cooldownLeft(), reduction.cooldown(), reduction);
    best = state.best();
    badEpochs = state.badEpochs();
    cooldownLeft = state.cooldownLeft();
  }

  /**
   * Whether the figure is maximised (an accuracy) rather than minimised.
   *
   * @return true for a scheduler made by {@link #maximizing}
   */
  public boolean higherIsBetter() {
    return higherIsBetter;
  }

  /**
   * The best figure so far.
   *
   * @return the best figure, or +∞ (−∞ when maximizing) before any improved
   */
  public double best() {
    return best;
  }

  /**
   * Bad epochs in a row since the last improvement, reduction or cooldown epoch.
   *
   * @return the count
   */
  public int badEpochs() {
    return badEpochs;
  }

  /**
   * The settings.
   *
   * @return when and how far the rate is lowered
   */
  public PlateauReduction reduction() {
    return reduction;
  }

  /**
   * The optimizer whose rate is lowered.
   *
   * @return the optimizer
   */
  public Optimizer optimizer() {
    return optimizer;
  }
}
