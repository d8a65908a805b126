package dev.chainrule.autograd.check;

import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.autograd.check.Probe.Difference;
import dev.chainrule.autograd.check.Probe.Sample;
import java.util.Locale;

/**
 * A comparison about to be called wrong, re-examined along its step by the gradient theorem: f's
 * change between two points is its slope's integral between them, kinks and all. The step from
 * x − h·d to x + h·d is cut into stretches; over each one where the engine's slope does not jump
 * between its ends (no kink inside), the trapezoid of the engine's slopes at the ends must give
 * f's change across it. A rule wrong by a factor, a sign or a missing term fails over every such
 * stretch; a right one passes them all, however many kinks lie in the others.
 *
 * <p>After training, a ReLU network's loss bends at dozens of units within the step along a
 * weight's random direction (40 of 64 stretches of a 20-256-256-5 MLP after 200 Adam steps), so
 * its central differences neither settle nor jump as the step shrinks, and a scalar loss has no
 * outputs to set apart ({@link NearKinks}): right gradients were called wrong.
 */
final class BetweenKinks {
  /**
   * The numbers of stretches tried, each when the one before left fewer than a quarter of them
   * without a jump: each costs a forward and a backward pass of f per stretch, and only a
   * comparison about to be called wrong pays it.
   */
  private static final int[] STRETCHES = {16, 64, 256};
  /**
   * How near the point, as a fraction of the step, the engine's slopes either side bound its
   * value at the point: a subgradient at a kink there lies between them (relu's 0 between 0 and
   * 1; a rule of 5 for |x| at 0 does not), and the nearest of a trained network's kinks lies
   * about a fortieth of the step away. A rule wrong only nearer a kink than this, or at the
   * stretches' few samples that fall on one, cannot be told from the kink.
   */
  private static final double NEAR = 1e-4;

  private BetweenKinks() {}

  /**
   * {@code wrong}, the verdict the central differences at steps h, h/10 and h/100 gave
   * ({@code numericals} the latter two), unless the stretches of the step without a kink show
   * otherwise: all agreeing with the engine, the disagreement is the kinks'; some agreeing and
   * fewer than half disagreeing, inconclusive. Along a function without a jump in the engine's
   * slope at all (a smooth one), the verdict stands as it was.
   */
  static Diagnosis confirm(Probe probe, Worst worst, double[] numericals, Diagnosis wrong) {
    if (!betweenItsNeighbours(probe, worst)) {
      return wrong;
    }
    Tally judged = null;
    for (int stretches : STRETCHES) {
      Tally tally = Tally.of(probe, worst, stretches);
      if (tally == null || tally.smooth() == stretches) {
        return wrong;  // a value not finite along the step, or no kink to blame
      }
      if (tally.smooth() * 4 < stretches) {
        continue;
      }
      judged = tally;
      if (tally.disagreeing() == 0 || tally.disagreeing() * 2 > tally.smooth()) {
        break;
      }
    }
    String steps = String.format(Locale.ROOT, "central differences at steps %.1g, %.1g and %.1g"
        + " give %.10g, %.10g and %.10g", worst.step(), worst.step() / 10, worst.step() / 100,
        worst.numerical(), numericals[0], numericals[1]);
    if (judged == null) {
      return new Diagnosis(wrong.verdict(), wrong.detail() + String.format(Locale.ROOT,
          "; the engine's slope jumps in more than three quarters of %d stretches of the step,"
          + " too many kinks to compare f with it between them", STRETCHES[STRETCHES.length - 1]));
    }
    String kinks = String.format(Locale.ROOT, "the engine's slope jumps within the step, in %d of"
        + " the %d stretches it was cut into: kinks near the point, not at it", judged.stretches()
        - judged.smooth(), judged.stretches());
    if (judged.disagreeing() == 0) {
      return new Diagnosis(Verdict.FINITE_DIFFERENCE_ARTEFACT, String.format(Locale.ROOT,
          "%s, and %s; over each of the other %d stretches f changes by what the engine's"
          + " slopes integrate to there, as a right rule's do and a wrong one's do not (f's"
          + " change is its slope's integral): the disagreement is the kinks', not the rule's",
          steps, kinks, judged.smooth()));
    }
    String against = judged.worst();
    if (judged.disagreeing() * 2 > judged.smooth()) {
      return new Diagnosis(wrong.verdict(), wrong.detail() + String.format(Locale.ROOT,
          "; %s, but over %d of the other %d stretches f's change disagrees with what the"
          + " engine's slopes integrate to there (%s), which kinks do not explain", kinks,
          judged.disagreeing(), judged.smooth(), against));
    }
    return new Diagnosis(Verdict.INCONCLUSIVE, String.format(Locale.ROOT, "%s, and %s; over %d of"
        + " the other %d stretches f changes by what the engine's slopes integrate to there, over"
        + " %d it does not (%s): a rule wrong over part of the step, or kinks too close together"
        + " to tell apart; check at a point farther from kinks (a network at its initialisation)"
        + " or node by node (localize)", steps, kinks, judged.smooth() - judged.disagreeing(),
        judged.smooth(), judged.disagreeing(), against));
  }

  /**
   * Whether the engine's value at the point lies between its slopes {@link #NEAR} either side,
   * within the check's tolerance: the stretches never judge the value at the point itself, which
   * is where a wrong subgradient at a kink lives.
   */
  private static boolean betweenItsNeighbours(Probe probe, Worst worst) {
    double near = NEAR * worst.step();
    double below = probe.sample(worst.input(), worst.direction(), worst.weights(), -near).slope();
    double above = probe.sample(worst.input(), worst.direction(), worst.weights(), near).slope();
    double low = Math.min(below, above);
    double high = Math.max(below, above);
    double value = worst.analytical();
    return value >= low - worst.tolerance(value, low) && value <= high + worst.tolerance(value,
        high);
  }

  /**
   * The stretches of one cut of the step: how many, how many without a jump in the engine's
   * slope, and how many of those disagree with f's change, the worst of them described.
   */
  private record Tally(int stretches, int smooth, int disagreeing, String worst) {
    /** The tally of {@code stretches} equal stretches, or null if a value is not finite. */
    static Tally of(Probe probe, Worst worst, int stretches) {
      double h = worst.step();
      Sample previous = probe.sample(worst.input(), worst.direction(), worst.weights(), -h);
      int smooth = 0;
      int disagreeing = 0;
      double excess = 0;
      String described = "";
      for (int k = 1; k <= stretches; k++) {
        double from = h * (2.0 * (k - 1) - stretches) / stretches;
        double to = h * (2.0 * k - stretches) / stretches;
        Sample next = probe.sample(worst.input(), worst.direction(), worst.weights(), to);
        double before = previous.slope();
        double after = next.slope();
        Difference difference = Difference.of(next.output(), previous.output(), worst.weights());
        double numerical = difference.change() / (to - from);
        if (!Double.isFinite(before) || !Double.isFinite(after) || !Double.isFinite(numerical)
            || !Double.isFinite(difference.size())) {
          return null;
        }
        previous = next;
        if (worst.violation(before, after) > 1) {
          continue;  // a jump: a kink inside, over which the trapezoid says nothing
        }
        smooth++;
        // The trapezoid's own error is (to − from)²·f‴/12, far below the tolerance over a
        // stretch of at most a sixteenth of the step.
        double analytical = (before + after) / 2;
        double beyond = Math.abs(analytical - numerical) - worst.tolerance(analytical, numerical)
            - Rounding.share(difference, (to - from) / 2);
        if (beyond > 0) {
          disagreeing++;
          if (beyond > excess) {
            excess = beyond;
            described = String.format(Locale.ROOT, "%.10g against %.10g from %.3g to %.3g along"
                + " the step", numerical, analytical, from, to);
          }
        }
      }
      return new Tally(stretches, smooth, disagreeing, described);
    }
  }
}
