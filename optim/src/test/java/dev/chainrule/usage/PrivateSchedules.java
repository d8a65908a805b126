package dev.chainrule.usage;

import dev.chainrule.optim.LearningRateSchedule;

/**
 * Schedules of a user's program written as private records, outside the library's packages:
 * their accessors are open to no other class without reflection made accessible.
 */
public final class PrivateSchedules {
  /** A step decay kept private to the program that trains with it. */
  private record Decay(double factor, int every) implements LearningRateSchedule {
    @Override
    public double rate(double baseRate, int epoch) {
      return baseRate * Math.pow(factor, epoch / every);
    }
  }

  /** One that hides its part behind an accessor that refuses to answer. */
  private record Hidden(double factor) implements LearningRateSchedule {
    @Override
    public double factor() {
      throw new UnsupportedOperationException("hidden");
    }

    @Override
    public double rate(double baseRate, int epoch) {
      return baseRate * factor;
    }
  }

  private PrivateSchedules() {}

  /**
   * A rate multiplied by {@code factor} every {@code every} epochs.
   *
   * @param factor the factor
   * @param every the epochs between decays
   * @return the schedule
   */
  public static LearningRateSchedule decay(double factor, int every) {
    return new Decay(factor, every);
  }

  /**
   * A constant factor behind an accessor that throws.
   *
   * @param factor the factor
   * @return the schedule
   */
  public static LearningRateSchedule hidden(double factor) {
    return new Hidden(factor);
  }
}
