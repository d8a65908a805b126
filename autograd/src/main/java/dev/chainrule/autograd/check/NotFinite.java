package dev.chainrule.autograd.check;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a check's report says when its worst comparison is not finite: which value (the function's,
 * the engine's or the central difference's), and whether it is an overflow, which says nothing
 * about the derivative, or a point where the function is not differentiable.
 */
final class NotFinite {
  private NotFinite() {}

  /**
   * Names what is not finite and what that means. No smaller step is tried: a step cannot repair
   * a value that is already infinite at the point, and one that leaves the domain at h may not at
   * h / 100, which would then look like agreement.
   */
  static String detail(Probe probe, Worst worst, int[] position) {
    int input = worst.input();
    int index = worst.index();
    int output = worst.output();
    double value = worst.value();
    double analytical = worst.analytical();
    double numerical = worst.numerical();
    double step = worst.step();
    String where = String.format(Locale.ROOT,
        "not finite at input %d %s", input, position.length > 0
        ? Arrays.toString(position) : "(projection)");
    String what = index >= 0 ? "output element " + output + " is " + value
        : "the projected output ⟨w, f⟩ is " + value;
    // ±∞ (or NaN, where partial sums overflowed both ways) from finite elements: the check's own
    // weighted sum overflowed, and neither the function nor its rule is at fault.
    if (!Double.isFinite(value) && index < 0 && everyWeightedElementFinite(probe, worst)) {
      return String.format(Locale.ROOT,
          "%s: %s, every element of which is finite (engine %s, central"
          + " difference %s): the weighted sum overflows float64, which says nothing about the"
          + " derivative; check it at smaller values", where, what, analytical, numerical);
    }
    if (Double.isInfinite(value) && overflows(probe, worst)) {
      return String.format(Locale.ROOT,
          "%s: %s, as it is a step away on either side (engine %s, central"
          + " difference %s): the function's value overflows float64 there, which says nothing"
          + " about the derivative; check it at smaller values", where, what, analytical,
          numerical);
    }
    if (!Double.isFinite(value)) {
      return String.format(Locale.ROOT,
          "%s: %s (engine %s, central difference %s): the function is not"
          + " differentiable there", where, what, analytical, numerical);
    }
    if (!Double.isFinite(numerical)) {
      return String.format(Locale.ROOT,
          "%s: the central difference at step %.1g is %s while the function's"
          + " value is finite (engine %s): the step leaves the function's domain or overflows"
          + " it; check at a point farther from the domain's edge or with a smaller step", where,
          step, numerical, analytical);
    }
    return String.format(Locale.ROOT,
        "%s: the engine's gradient is %s while the function (%.10g) and its"
        + " central difference (%.10g) are finite: the rule divides by zero or overflows, or the"
        + " function is not differentiable there", where, analytical, value, numerical);
  }

  /** Whether the output elements the projection weighs are all finite at the point. */
  private static boolean everyWeightedElementFinite(Probe probe, Worst worst) {
    double[] w = worst.weights().toArray();
    double[] at = probe.outputAt(worst.input(), worst.direction(), 0).toArray();
    for (int j = 0; j < at.length; j++) {
      if (w[j] != 0 && !Double.isFinite(at[j])) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether every weighted output element that is infinite at the point is infinite a step away
   * on both sides too: an overflow, which persists around the point, rather than a pole or the
   * edge of the domain (log at 0), where the neighbours are finite or NaN.
   */
  private static boolean overflows(Probe probe, Worst worst) {
    double[] w = worst.weights().toArray();
    double[] at = probe.outputAt(worst.input(), worst.direction(), 0).toArray();
    double[] plus = probe.outputAt(worst.input(), worst.direction(), worst.step()).toArray();
    double[] minus = probe.outputAt(worst.input(), worst.direction(), -worst.step()).toArray();
    boolean any = false;
    for (int j = 0; j < at.length; j++) {
      if (w[j] != 0 && Double.isInfinite(at[j])) {
        any = true;
        if (!Double.isInfinite(plus[j]) || !Double.isInfinite(minus[j])) {
          return false;
        }
      }
    }
    return any;
  }
}
