package dev.chainrule.examples.plot;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * An interval of data values shown along one axis.
 *
 * @param min the value at the low end (left or bottom)
 * @param max the value at the high end, greater than {@code min}
 */
record Range(double min, double max) {
  Range {
    checkArgument(Double.isFinite(min) && Double.isFinite(max) && min < max,
        "range: [%s, %s] is not an interval", min, max);
  }

  /**
   * The range from {@code low} to {@code high}; when they are equal (a flat curve, a single
   * point), a unit around the value, or a tenth of its size when that is larger, so it still shows.
   */
  static Range covering(double low, double high) {
    if (low < high) {
      return new Range(low, high);
    }
    double half = Math.max(0.5, Math.abs(low) * 0.1);
    return new Range(low - half, high + half);
  }

  double span() {
    return max - min;
  }

  /** The range grown by {@code fraction} of its span at each end. */
  Range padded(double fraction) {
    return new Range(min - fraction * span(), max + fraction * span());
  }

  /** Where {@code value} lies, as a fraction from {@code min} (0) to {@code max} (1). */
  double fraction(double value) {
    return (value - min) / span();
  }

  /** The value at {@code fraction} of the way from {@code min} to {@code max}. */
  double at(double fraction) {
    return min + fraction * span();
  }
}
