package dev.chainrule.examples.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tick marks at round numbers (1, 2 or 5 times a power of ten), with labels that show just enough
 * decimals to tell neighbouring ticks apart.
 *
 * @param values the tick positions in increasing order, all inside the range they were made for
 * @param decimals digits after the decimal point in every label
 */
record Ticks(List<Double> values, int decimals) {
  Ticks {
    values = List.copyOf(values);
  }

  /** Round-number ticks inside {@code range}, about {@code target} of them. */
  static Ticks nice(Range range, int target) {
    return around(range, roundStep(range.span() / target));
  }

  /** Ticks at whole numbers only (epochs), about {@code target} of them. */
  static Ticks whole(Range range, int target) {
    return around(range, Math.max(1, roundStep(range.span() / target)));
  }

  /** The label of {@code value}: fixed decimals, and never "-0". */
  String label(double value) {
    String text = String.format(Locale.ROOT, "%." + decimals + "f", value);
    return text.matches("-0(\\.0*)?") ? text.substring(1) : text;
  }

  private static Ticks around(Range range, double step) {
    List<Double> values = new ArrayList<>();
    // Each tick is an integer times the step, so rounding errors do not pile up from tick to tick;
    // the small tolerances keep a tick that lands on an end of the range (up to rounding) in it.
    long first = (long) Math.ceil(range.min() / step - 1e-9);
    for (long i = first; i * step <= range.max() + 1e-9 * step; i++) {
      values.add(i * step);
    }
    int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
    return new Ticks(values, decimals);
  }

  /**
   * The round number (1, 2 or 5 × 10^k) nearest to {@code rough} on a log scale, so the count of
   * ticks comes out nearest the target (rounding up instead would turn 0.21 into 0.5 and leave
   * three ticks where five were asked for). The thresholds are the geometric means √2, √10, √50.
   */
  private static double roundStep(double rough) {
    double power = Math.pow(10, Math.floor(Math.log10(rough)));
    double mantissa = rough / power;
    double nice = mantissa < Math.sqrt(2) ? 1 : mantissa < Math.sqrt(10) ? 2
        : mantissa < Math.sqrt(50) ? 5 : 10;
    return nice * power;
  }
}
