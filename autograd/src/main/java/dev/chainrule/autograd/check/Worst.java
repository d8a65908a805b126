package dev.chainrule.autograd.check;

import dev.chainrule.autograd.check.GradCheck.Options;
import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;

/** The worst comparison so far, judged by how far it exceeds its tolerance. */
final class Worst {
  private final Options options;
  private int comparisons;
  private double violation = -1;
  private int input;
  private int index;
  private int output;
  private Tensor direction;
  private Tensor weights;
  private double analytical;
  private double numerical;

  Worst(Options options) {
    this.options = options;
  }

  void offer(int i, int k, int j, Tensor dir, Tensor w, double a, double n) {
    comparisons++;
    double v = violation(a, n);
    if (v > violation || Double.isNaN(v)) {
      violation = Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
      input = i;
      index = k;
      output = j;
      direction = dir;
      weights = w;
      analytical = a;
      numerical = n;
    }
  }

  double violation(double a, double n) {
    double tolerance = options.atol() + options.rtol() * Math.max(Math.abs(a), Math.abs(n));
    return Math.abs(a - n) / tolerance;
  }

  GradCheckReport report(Probe probe, boolean full) {
    String method = full ? "full Jacobian" : "random projection";
    boolean passed = comparisons == 0 || violation <= 1;
    double abs = Math.abs(analytical - numerical);
    double scale = Math.max(Math.abs(analytical), Math.abs(numerical));
    double rel = scale == 0 ? 0 : abs / scale;
    int[] position = index < 0 || comparisons == 0 ? new int[0]
        : unravel(index, probe.shape(input));
    Verdict verdict = Verdict.PASSED;
    String detail = "";
    if (!passed) {
      Diagnosis d = Diagnosis.of(probe, this);
      verdict = d.verdict();
      detail = d.detail();
    }
    return new GradCheckReport(passed, verdict, method, comparisons, input, position, output,
        analytical, numerical, abs, rel, options.eps(), options.atol(), options.rtol(), detail);
  }

  private static int[] unravel(int flat, Shape shape) {
    int[] dims = shape.dims();
    int[] index = new int[dims.length];
    for (int axis = dims.length - 1; axis >= 0; axis--) {
      index[axis] = flat % dims[axis];
      flat /= dims[axis];
    }
    return index;
  }

  /** Re-examines the worst comparison at a smaller step. */
  private record Diagnosis(Verdict verdict, String detail) {
    static Diagnosis of(Probe probe, Worst worst) {
      double h = worst.options.eps();
      // A smaller step steps over a kink that the first one straddles: h / 10 over nine in ten of
      // them, with a tenth of the rounding error of h / 100, which over the tens of thousands of
      // outputs of a layer can exceed the tolerance.
      double small = h;
      double numericalSmall = Double.NaN;
      for (int divisor : new int[] {10, 100}) {
        small = h / divisor;
        numericalSmall = probe.directional(worst.input, worst.direction, worst.weights, small);
        if (worst.violation(worst.analytical, numericalSmall) <= 1) {
          return new Diagnosis(Verdict.FINITE_DIFFERENCE_ARTEFACT, String.format(
              "at step %.1g the numerical value is %.10g and agrees: a kink lies within the"
                  + " first step", small, numericalSmall));
        }
      }
      double jump = probe.slopeJump(worst.input, worst.direction, worst.weights, h);
      double jumpSmall = probe.slopeJump(worst.input, worst.direction, worst.weights, small);
      double tolerance = worst.options.atol() + worst.options.rtol() * Math.abs(worst.analytical);
      // A kink's jump stays put as the step shrinks; a smooth function's shrinks with it, and
      // rounding noise (u·|f|/h: float32 values, a step as large as the `to` row's) grows 100-fold.
      boolean steady = Math.abs(jumpSmall) > 0.5 * Math.abs(jump)
          && Math.abs(jumpSmall) < 2 * Math.abs(jump);
      if (Math.abs(jumpSmall) > tolerance && steady) {
        return new Diagnosis(Verdict.FINITE_DIFFERENCE_ARTEFACT, String.format(
            "the one-sided slopes differ by %.3g at step %.1g and by %.3g at step %.1g: a kink"
                + " at the point itself, where any subgradient is defensible",
            jump, h, jumpSmall, small));
      }
      return new Diagnosis(Verdict.WRONG_DERIVATIVE, String.format(
          "at step %.1g the numerical value is %.10g, consistent with step %.1g: the"
              + " derivative is wrong", small, numericalSmall, h));
    }
  }
}
