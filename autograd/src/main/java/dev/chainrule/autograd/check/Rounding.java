package dev.chainrule.autograd.check;

import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.autograd.check.Probe.Difference;
import dev.chainrule.core.DType;
import java.util.Locale;

/**
 * How much of a central difference rounding can account for, and the verdict on a failed
 * comparison that rounding alone explains. Each value of f is rounded to its type, by up to u·|f|
 * (u the unit roundoff), so the change ⟨w, f(x + s·d) − f(x − s·d)⟩ carries up to
 * u·⟨|w|, |f(x + s·d)| + |f(x − s·d)|⟩ (Difference.size) of rounding, and the central difference,
 * the change over 2s, up to u·size/2s: 4e-5 for a sum of 3.7e5 at step 1e-6, above rtol. Within
 * that share neither a kink nor a wrong rule can be told from rounding: at a small step the change
 * is a whole number of ulps of f, and at h/10 and h/100 changes of exactly 10k and k ulps give the
 * same slope, off by the rounding, which "consistent with each other" read as a wrong rule (the
 * built-in sum of 64 × 64 values near −90 was called wrong).
 */
final class Rounding {
  /**
   * The multiple of u·size/2s taken as rounding's share: 1 is the final rounding of each value
   * alone; 2 leaves one more rounding's worth for the function's own arithmetic, a margin
   * measured (it covered 120 sums of 4,096 values at three scales, the largest 1.07 of one
   * rounding), not a bound: a longer reduction can carry more. No more: the share is an excuse,
   * and a rule off by 1e-3 on an output of 1e5 (share 2.2e-5 at step 1e-6) must still be called
   * wrong (GradCheckRoundingShareTest).
   */
  private static final double ROUNDS = 2;
  /** Larger steps, as multiples of the first, where rounding's share is 10 and 100 times less. */
  private static final double[] LARGER = {10, 100};

  private Rounding() {}

  /** The unit roundoff of a value of {@code type}: 2⁻²⁴ for float32, 2⁻⁵³ for float64. */
  static double unit(DType type) {
    return type == DType.FLOAT32 ? 0x1p-24 : 0x1p-53;
  }

  /** The most rounding can move the central difference {@code d} at step {@code step}. */
  static double share(Difference d, double step) {
    return ROUNDS * d.unit() * d.size() / (2 * step);
  }

  /**
   * Whether a full Jacobian's comparison, off by {@code disagreement} at step {@code step} for an
   * output whose value is {@code value}, lies within rounding's share judged with float64's unit
   * roundoff (the least any output has), the values at both ends taken as |value|.
   */
  static boolean evident(double disagreement, double value, double step) {
    return disagreement <= ROUNDS * 0x1p-53 * 2 * Math.abs(value) / (2 * step);
  }

  /**
   * Whether the central difference {@code numerical} at a step whose rounding share is
   * {@code share} disagrees with the engine by more than rounding could make it: only then does
   * its agreement or disagreement with anything say something.
   */
  static boolean beyond(double analytical, double numerical, double share) {
    return Math.abs(numerical - analytical) > share;
  }

  /**
   * Whether the central differences at two steps ({@code numericals}, with rounding shares
   * {@code shares}) agree with each other and not with the engine's {@code engine}, each beyond
   * its rounding share: the ground for calling a rule wrong. Agreement within rounding's share
   * at both steps can be chance.
   */
  static boolean settledApart(Worst worst, double engine, double[] numericals, double[] shares) {
    return beyond(engine, numericals[0], shares[0])
        && beyond(engine, numericals[1], shares[1])
        && worst.violation(numericals[0], numericals[1]) <= 1
        && worst.violation(engine, numericals[0]) > 1
        && worst.violation(engine, numericals[1]) > 1;
  }

  /**
   * The verdict on the worst comparison when its disagreement lies within rounding's share at
   * its step ({@code share}, with {@code size} the values' size): inconclusive, not a pass, for
   * the check then compared nothing finer than the rounding. The central differences at two
   * larger steps are reported, not judged: agreeing with each other and not with the engine,
   * they may mean a wrong rule, or a kink both straddle.
   */
  static Diagnosis diagnose(Probe probe, Worst worst, double share, double size) {
    double h = worst.step();
    double[] larger = new double[LARGER.length];
    for (int s = 0; s < LARGER.length; s++) {
      double step = h * LARGER[s];
      larger[s] = probe.difference(worst.input(), worst.direction(), worst.weights(), step)
          .change() / (2 * step);
    }
    String steps = String.format(Locale.ROOT, "%.10g at step %.1g and %.10g at %.1g", larger[0],
        h * LARGER[0], larger[1], h * LARGER[1]);
    return new Diagnosis(Verdict.INCONCLUSIVE, String.format(Locale.ROOT,
        "the disagreement, %.3g, is within"
        + " the rounding of the function's values at step %.1g (up to 2·u·|f|/step = %.3g, the"
        + " values' size |f| being %.3g): rounding, not a kink or a wrong rule, and central"
        + " differences cannot judge the engine's value at this step (at larger steps: %s); check"
        + " with a larger eps, or where the output is smaller", Math.abs(worst.numerical()
        - worst.analytical()), h, share, size / 2, steps));
  }

  /**
   * The verdict on a full Jacobian's comparison left unexamined as {@link #evident} rounding,
   * reported when the worst disagreement ({@code worst}) is a kink or a jump.
   */
  static Diagnosis undecided(double disagreement, double value, double step, String worst) {
    return new Diagnosis(Verdict.INCONCLUSIVE, String.format(Locale.ROOT,
        "the disagreement, %.3g, is within"
        + " the rounding of the output's value %.6g at step %.1g: rounding, not a kink or a wrong"
        + " rule; check with a larger eps, or where the output is smaller (the worst"
        + " disagreement: %s)", disagreement, value, step, worst));
  }

  /** What a report adds for {@code rounded} comparisons left unexamined beside {@code others}. */
  static String others(int others, int rounded) {
    if (rounded == 0) {
      return "";
    }
    if (others == 0 && rounded == 1) {
      return "; the other disagreeing comparison is within the rounding of its output's value";
    }
    return others == 0
        ? String.format(Locale.ROOT,
            "; the other %d disagreeing comparisons are within the rounding of their"
            + " outputs' values", rounded)
        : String.format(Locale.ROOT,
            ", and %d more are within the rounding of their outputs' values", rounded);
  }
}
