package dev.chainrule.optim;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Lowers an optimizer's learning rate when a figure watched once an epoch stops improving:
 * PyTorch's {@code ReduceLROnPlateau}, by the rule of {@link PlateauReduction}. Call {@link
 * #step} after each epoch with its figure (the validation loss, say); the next epoch runs at the
 * rate it leaves.
 *
 * <p>Unlike a {@link LearningRateSchedule}, this is not a function of the epoch: it multiplies
 * the optimizer's current rate, and its record (the best figure, the bad epochs, the cooldown)
 * lives in this object alone. The optimizer's state, and so a checkpoint, keeps the reduced
 * rate; a new scheduler over a restored optimizer goes on from that rate with a fresh record.
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
