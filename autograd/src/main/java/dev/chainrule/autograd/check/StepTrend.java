package dev.chainrule.autograd.check;

/**
 * How the central differences' error changes as the step shrinks tenfold and a hundredfold, which
 * tells what made it: a smooth function's curvature makes it fall about a hundredfold per step,
 * rounding in the function's values makes the differences scatter more, and a wrong rule leaves
 * it where it was.
 */
final class StepTrend {
  /** The least fall of the error per tenfold smaller step taken for quadratic convergence. */
  private static final double QUADRATIC = 25;
  /** The most it may fall and still be taken for curvature: a kink's error vanishes. */
  private static final double CURVED = 400;

  private StepTrend() {}

  /** Whether {@code errors} at steps h, h/10 and h/100 fell by at least QUADRATIC per step. */
  static boolean quadratic(double[] errors) {
    return errors[0] > QUADRATIC * errors[1] && errors[1] > QUADRATIC * errors[2];
  }

  /**
   * Whether the central differences' error, from step h down to {@code steps[s]}, fell as a
   * smooth function's does, by 25 to 400 times per tenfold smaller step (about 100: step²·f‴/6).
   * A kink the first step straddles leaves an error that vanishes, or one that does not fall
   * steadily, at the smaller steps.
   */
  static boolean curves(Worst worst, double[] numericals, int s) {
    double previous = Math.abs(worst.numerical() - worst.analytical());
    for (int t = 0; t <= s; t++) {
      double error = Math.abs(numericals[t] - worst.analytical());
      if (!(error * QUADRATIC <= previous && previous <= error * CURVED)) {
        return false;
      }
      previous = error;
    }
    return true;
  }

  /**
   * Whether the central differences at h, h/10 and h/100 look like rounding: they differ from
   * each other at least as much as the first differs from the engine, and more between the two
   * smaller steps than between the two larger ones. Rounding δ in f's values moves a central
   * difference by up to δ/step, tenfold per tenfold smaller step; a wrong rule's disagreement
   * stays put while the differences settle, and truncation shrinks with the step.
   */
  static boolean scatters(Worst worst, double[] numericals) {
    double n0 = worst.numerical();
    double spread = Math.max(Math.abs(n0 - numericals[0]), Math.max(Math.abs(n0 - numericals[1]),
        Math.abs(numericals[0] - numericals[1])));
    return spread >= Math.abs(n0 - worst.analytical())
        && Math.abs(numericals[1] - numericals[0]) > Math.abs(numericals[0] - n0);
  }
}
