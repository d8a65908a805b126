package dev.chainrule.optim;

import java.util.Locale;

/**
 * The cosine curve that the {@code cosine} schedule and its warm restarts anneal along,
 * and the floor both refuse, in one place so that a cycle of the one is bitwise the other.
 */
final class CosineCurve {
  private CosineCurve() {}

  /**
   * Refuses a floor above the base rate: the formula would then rise from η₀ to η_min, a
   * warm-up nobody asked for (the trainer's "annealing" to 5 from 0.001 reached 3.75), where
   * a rising rate is {@code warmUp}'s to give. Equal is allowed: a constant rate.
   *
   * @param schedule the schedule, as the message names it: any type, so that the curve needs
   *     nothing of the schedules that use it
   */
  static void checkFloor(String name, Object schedule, double minRate, double baseRate) {
    // Tested first: rate() asks at every step of a per-step schedule, and the message's
    // arguments would be boxed on each call.
    if (minRate > baseRate) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s: the minimum rate %s is above the"
          + " base rate %s that %s anneals from, so the rate would climb to it; give a minimum"
          + " rate of at most the base rate (the optimizer's learning rate)", name, minRate,
          baseRate, schedule));
    }
  }

  /**
   * The cosine at {@code index} of {@code length}, PyTorch's closed form in its order of
   * operations: η_min + (η₀ − η_min)·(1 + cos(π·index/length))/2.
   */
  static double annealed(double baseRate, double minRate, long index, long length) {
    return minRate + (baseRate - minRate) * (1 + Math.cos(Math.PI * index / length)) / 2;
  }
}
