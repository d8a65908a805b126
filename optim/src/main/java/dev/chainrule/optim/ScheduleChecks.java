package dev.chainrule.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;
import java.util.Objects;

/**
 * The argument checks the learning-rate schedules share, kept out of their interface so that it
 * reads as the schedules it offers.
 */
final class ScheduleChecks {
  private ScheduleChecks() {}

  /** {@code epoch}, refused when negative. */
  static int epoch(int epoch) {
    checkArgument(epoch >= 0, "learning-rate schedule: the epoch must not be negative, got %s",
        epoch);
    return epoch;
  }

  /** Refuses a decay factor γ that is not finite and positive. */
  static void factor(String schedule, double gamma) {
    checkArgument(gamma > 0 && gamma < Double.POSITIVE_INFINITY,
        "%s: gamma must be finite and positive, got %s", schedule, gamma);
  }

  /** A copy of {@code multiStep}'s milestones, once they are checked. */
  static List<Integer> milestones(List<Integer> milestones) {
    checkNotNull(milestones, "multiStep: the milestones are null");
    checkArgument(!milestones.isEmpty(),
        "multiStep: give at least one milestone (without one the rate is constant())");
    // Not milestones.contains(null): List.of's lists throw on the question.
    checkArgument(milestones.stream().noneMatch(Objects::isNull),
        "multiStep: a milestone is null: %s", milestones);
    // A milestone at 0 would only change the base rate; a repeated one (which PyTorch counts
    // twice) or one out of order is more likely a typo than a wish for γ².
    int previous = 0;
    for (int milestone : milestones) {
      checkArgument(milestone > previous, "multiStep: the milestones must be positive and"
          + " strictly increasing, got %s", milestones);
      previous = milestone;
    }
    return List.copyOf(milestones);
  }
}
