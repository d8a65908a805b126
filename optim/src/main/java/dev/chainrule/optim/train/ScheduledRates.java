package dev.chainrule.optim.train;

import dev.chainrule.optim.LearningRateSchedule;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.PerStepScheduler;

/**
 * Checks, before a {@link Trainer#fit} call's first step, that the optimizer would take a step at
 * every rate its schedule will set ({@link Optimizer#checkStepAt}): an AdamW whose η·λ an
 * epoch schedule raised to 1 stopped at that epoch with its weights half trained, where a
 * one-cycle too short is refused up front. Only schedules know their rates ahead; a reduction on
 * a plateau only lowers the rate, which the first step checks as it is.
 */
final class ScheduledRates {
  private ScheduledRates() {}

  /**
   * Refuses the run when a step at one of its scheduled rates would be refused.
   *
   * @param stepScheduler the run's per-step scheduler, which has checked every step's rate, or
   *     null
   * @param batches steps per epoch
   * @throws IllegalStateException naming the rate, where the schedule sets it, and the
   *     optimizer's refusal
   */
  static void check(TrainingOptions o, PerStepScheduler stepScheduler, int batches) {
    Optimizer optimizer = o.optimizer;
    // Each rate above every earlier one is checked: the optimizers' checks (AdamW's η·λ < 1)
    // refuse a rate from some height up, so a lower one passes when a higher one did.
    double highest = -1;
    if (o.schedule != null) {
      LearningRateSchedule schedule = o.schedule;
      double base = optimizer.initialLearningRate();
      for (int epoch = o.initialEpoch; epoch < o.epochs; epoch++) {
        double rate = schedule.rate(base, epoch);
        if (!(rate >= 0 && rate < Double.POSITIVE_INFINITY)) {
          return;  // not a rate: the epochs' scheduler refuses it at that epoch, in its words
        }
        if (rate > highest) {
          highest = rate;
          check(optimizer, rate, "the schedule " + schedule + " sets it at epoch " + epoch);
        }
      }
    }
    if (stepScheduler != null) {
      long first = optimizer.stepCount();
      long last = first + (long) (o.epochs - o.initialEpoch) * batches - 1;
      for (long step = first; step <= last; step++) {
        double rate = stepScheduler.rateAt(step);
        if (rate > highest) {
          highest = rate;
          check(optimizer, rate, "the per-step schedule " + stepScheduler.schedule()
              + " sets it at step " + step);
        }
      }
    }
  }

  private static void check(Optimizer optimizer, double rate, String where) {
    try {
      optimizer.checkStepAt(rate);
    } catch (IllegalStateException e) {
      throw new IllegalStateException("trainer: a step at the learning rate " + rate + " (" + where
          + ") would be refused: " + e.getMessage(), e);
    }
  }
}
