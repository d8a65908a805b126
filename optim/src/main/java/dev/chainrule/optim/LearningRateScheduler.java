package dev.chainrule.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Drives an optimizer's learning rate by a {@link LearningRateSchedule} counted in epochs: call
 * {@link #apply} at the start of each epoch with its index. A schedule counted in optimizer steps
 * is {@link PerStepScheduler}'s.
 *
 * <p>The base rate is fixed when the scheduler is made, by default the optimizer's {@link
 * Optimizer#initialLearningRate()} (the rate it was built with, or the saved one after {@link
 * Optimizer#loadState}), not its current rate. That is what makes resuming safe: an optimizer
 * restored with {@code loadState} holds the scheduled rate of the epoch it stopped at, and taking
 * that as the base would apply the decay twice; and it holds the saved run's base, so a new
 * optimizer built with another rate (a default) goes on with the saved run's schedule.
 */
public final class LearningRateScheduler {
  private final Optimizer optimizer;
  private final LearningRateSchedule schedule;
  private final double baseRate;

  private LearningRateScheduler(Optimizer optimizer, LearningRateSchedule schedule,
      double baseRate) {
    this.optimizer = checkNotNull(optimizer, "LearningRateScheduler: the optimizer is null");
    this.schedule = checkNotNull(schedule, "LearningRateScheduler: the schedule is null");
    checkArgument(baseRate >= 0 && baseRate < Double.POSITIVE_INFINITY,
        "LearningRateScheduler: the base rate must be finite and non-negative, got %s", baseRate);
    // Before the first rate, so that a schedule reached later (a warm-up's tail) is refused now.
    schedule.checkBaseRate(baseRate);
    this.baseRate = Hyperparameters.unsignedZero(baseRate);
  }

  /**
   * A scheduler from the optimizer's initial learning rate.
   *
   * @param optimizer the optimizer whose learning rate to set
   * @param schedule the learning rate per epoch
   * @return the scheduler
   */
  public static LearningRateScheduler of(Optimizer optimizer, LearningRateSchedule schedule) {
    checkNotNull(optimizer, "LearningRateScheduler: the optimizer is null");
    return new LearningRateScheduler(optimizer, schedule, optimizer.initialLearningRate());
  }

  /**
   * A scheduler from an explicit base rate η₀.
   *
   * @param optimizer the optimizer whose learning rate to set
   * @param schedule the learning rate per epoch
   * @param baseRate the learning rate the schedule scales
   * @return the scheduler
   */
  public static LearningRateScheduler of(Optimizer optimizer, LearningRateSchedule schedule,
      double baseRate) {
    return new LearningRateScheduler(optimizer, schedule, baseRate);
  }

  /**
   * Sets the optimizer's learning rate to the schedule's rate at {@code epoch} and returns it.
   *
   * @param epoch the 0-based epoch
   * @return the learning rate set
   */
  public double apply(int epoch) {
    double rate = checkedRate("LearningRateScheduler", schedule, baseRate, "epoch", epoch);
    optimizer.setLearningRate(rate);
    return rate;
  }

  /**
   * The schedule's rate at {@code index}, refused when it is not a rate, with a message naming
   * the applier, the schedule and the index ({@code "step 40"}).
   */
  static double checkedRate(String applier, LearningRateSchedule schedule, double baseRate,
      String unit, int index) {
    double rate = schedule.rate(baseRate, index);
    // Named here: the optimizer would refuse the rate as if it had been given one. A NaN is not
    // an overflow to end sooner: a schedule of one's own computed something undefined there.
    checkArgument(!Double.isNaN(rate), "%s: the schedule %s gives NaN at %s %s from the base"
        + " rate %s, which is no learning rate; a schedule's rate is a number from 0 up",
        applier, schedule, unit, index, baseRate);
    checkArgument(rate >= 0 && rate < Double.POSITIVE_INFINITY, "%s: the schedule %s gives %s"
        + " at %s %s from the base rate %s (it overflowed or went below 0); end the growth sooner"
        + " or lower its factor", applier, schedule, rate, unit, index, baseRate);
    return rate;
  }

  /**
   * The rate the schedule scales.
   *
   * @return the base rate
   */
  public double baseRate() {
    return baseRate;
  }

  /**
   * The schedule.
   *
   * @return the schedule
   */
  public LearningRateSchedule schedule() {
    return schedule;
  }

  /**
   * The optimizer whose rate is set.
   *
   * @return the optimizer
   */
  public Optimizer optimizer() {
    return optimizer;
  }
}
