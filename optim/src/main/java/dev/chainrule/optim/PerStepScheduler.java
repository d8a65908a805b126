package dev.chainrule.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Drives an optimizer's learning rate by a {@link LearningRateSchedule} counted in optimizer
 * steps, as PyTorch's {@code OneCycleLR} and {@code CosineAnnealingWarmRestarts} are driven:
 * made, it sets the rate of the optimizer's next step, as PyTorch's schedulers set the first when
 * they are built; then call {@link #step()} after each {@code optimizer.step()} (PyTorch's {@code
 * scheduler.step()}). Step k (from 0) runs at the schedule's rate at k.
 *
 * <p>It keeps no count of its own: the index is the optimizer's {@link Optimizer#stepCount()},
 * which its state saves as {@code "step"}, and the base rate is by default its {@link
 * Optimizer#initialLearningRate()}, saved as {@code "initial_lr"}. So a scheduler made over an
 * optimizer restored with {@link Optimizer#loadState} (or {@code ModelCheckpoint.load}) goes on at
 * the step where the saved run stopped, at its rates, with nothing else to save (PyTorch's
 * scheduler has a {@code state_dict} of its own to keep beside the optimizer's). And {@link
 * #step()} called twice between two optimizer steps sets the same rate twice, where PyTorch's
 * would skip a step of the schedule.
 */
public final class PerStepScheduler {
  private final Optimizer optimizer;
  private final LearningRateSchedule schedule;
  private final double baseRate;

  private PerStepScheduler(Optimizer optimizer, LearningRateSchedule schedule, double baseRate) {
    this.optimizer = checkNotNull(optimizer, "PerStepScheduler: the optimizer is null");
    this.schedule = checkNotNull(schedule, "PerStepScheduler: the schedule is null");
    checkArgument(baseRate >= 0 && baseRate < Double.POSITIVE_INFINITY,
        "PerStepScheduler: the base rate must be finite and non-negative, got %s", baseRate);
    // Before the first rate, so that a schedule reached later (a warm-up's tail) is refused now.
    schedule.checkBaseRate(baseRate);
    this.baseRate = Hyperparameters.unsignedZero(baseRate);
    step();
  }

  /**
   * A scheduler from the optimizer's initial learning rate (the peak, for {@link
   * LearningRateSchedule#oneCycle}), which sets the rate of the optimizer's next step.
   *
   * @param optimizer the optimizer whose learning rate to set
   * @param schedule the learning rate per optimizer step
   * @return the scheduler
   * @throws IllegalArgumentException when the schedule has no rate for the optimizer's next step
   */
  public static PerStepScheduler of(Optimizer optimizer, LearningRateSchedule schedule) {
    checkNotNull(optimizer, "PerStepScheduler: the optimizer is null");
    return new PerStepScheduler(optimizer, schedule, optimizer.initialLearningRate());
  }

  /**
   * A scheduler from an explicit base rate η₀, which sets the rate of the optimizer's next step.
   *
   * @param optimizer the optimizer whose learning rate to set
   * @param schedule the learning rate per optimizer step
   * @param baseRate the learning rate the schedule scales, finite and non-negative
   * @return the scheduler
   * @throws IllegalArgumentException when the schedule has no rate for the optimizer's next step
   */
  public static PerStepScheduler of(Optimizer optimizer, LearningRateSchedule schedule,
      double baseRate) {
    return new PerStepScheduler(optimizer, schedule, baseRate);
  }

  /**
   * Sets the optimizer's learning rate to the schedule's rate at its step count, the rate of its
   * next step, and returns it. Call it after each {@code optimizer.step()}.
   *
   * @return the learning rate set
   * @throws IllegalArgumentException when the schedule has no rate there (a {@link OneCycle}
   *     asked for a step past its total) or gives no valid rate (an overflow)
   */
  public double step() {
    double rate = rateAt(optimizer.stepCount());
    optimizer.setLearningRate(rate);
    return rate;
  }

  /**
   * The rate of optimizer step {@code step}, checked as {@link #step()} checks it, without setting
   * it: a run can ask for its last step's before it takes its first.
   *
   * @param step the 0-based optimizer step
   * @return the schedule's rate there
   * @throws IllegalArgumentException when the schedule has no valid rate there
   */
  public double rateAt(long step) {
    checkArgument(step >= 0 && step <= Integer.MAX_VALUE, "PerStepScheduler: step %s is outside"
        + " the steps a schedule counts, 0 to 2^31 - 1", step);
    return LearningRateScheduler.checkedRate("PerStepScheduler", schedule, baseRate, "step",
        (int) step);
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
   * The optimizer whose rate is set, and whose step count is the schedule's index.
   *
   * @return the optimizer
   */
  public Optimizer optimizer() {
    return optimizer;
  }
}
