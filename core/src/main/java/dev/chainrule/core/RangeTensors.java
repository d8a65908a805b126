package dev.chainrule.core;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Locale;

/**
 * The bodies of {@link Tensors}' float64 sequences, {@code arange}, {@code linspace} and the
 * identity; their typed forms convert these, so each value is rounded once.
 */
final class RangeTensors {
  private RangeTensors() {}

  /** See {@link Tensors#arange(double, double, double)}. */
  static Tensor arange(double start, double end, double step) {
    checkArgument(step != 0 && Double.isFinite(step),
        "arange: step must be finite and non-zero, got %s", step);
    checkArgument(Double.isFinite(start) && Double.isFinite(end),
        "arange: bounds must be finite, got %s and %s", start, end);
    double count = Math.ceil((end - start) / step);
    if (count > Tensors.LONGEST_ARRAY) {
      // Whole up to 2⁵³; past it a count of 301 digits (0 to 1 by 1e-300) says no more.
      String elements = String.format(Locale.ROOT, count < 0x1p53 ? "%.0f" : "%.3g", count);
      throw new IllegalArgumentException(String.format(Locale.ROOT, "arange: %s to %s"
          + " by %s makes %s elements, more than a Java array holds (%d)", start, end, step,
          elements, Tensors.LONGEST_ARRAY));
    }
    double[] data = new double[(int) Math.max(0, count)];
    for (int i = 0; i < data.length; i++) {
      data[i] = start + i * step;
    }
    return new Tensor(Shape.of(data.length), data);
  }

  /** See {@link Tensors#linspace(double, double, int)}. */
  static Tensor linspace(double start, double end, int count) {
    checkArgument(count >= 0, "linspace: count must not be negative, got %s", count);
    checkArgument(count <= Tensors.LONGEST_ARRAY, "linspace: %s values are more than a Java array"
        + " holds (%s)", count, Tensors.LONGEST_ARRAY);
    // A NaN or infinite bound made every value between them NaN (∞ − ∞), without a word.
    checkArgument(Double.isFinite(start) && Double.isFinite(end),
        "linspace: bounds must be finite, got %s and %s", start, end);
    double[] data = new double[count];
    double span = end - start;
    if (Double.isFinite(span)) {
      double step = count > 1 ? span / (count - 1) : 0;
      for (int i = 0; i < count; i++) {
        data[i] = start + i * step;
      }
    } else {
      // Finite bounds more than Double.MAX_VALUE apart (−1e308 to 1e308): their difference
      // overflows, and start + i·step gave NaN and ∞. Half the step is finite, and each half of
      // the values, counted from its own end, never reaches past the midpoint.
      double halfStep = count > 1 ? (end / 2 - start / 2) / (count - 1) : 0;
      for (int i = 0; i < count; i++) {
        data[i] = 2 * i < count ? start + i * halfStep * 2 : end - (count - 1 - i) * halfStep * 2;
      }
    }
    if (count > 1) {
      data[count - 1] = end;
    }
    return new Tensor(Shape.of(count), data);
  }

  /** See {@link Tensors#eye(int)}. */
  static Tensor eye(int n) {
    checkArgument(n >= 0, "eye: size must not be negative, got %s", n);
    checkArgument((long) n * n <= Integer.MAX_VALUE,
        "eye: %s × %s has more than 2^31 - 1 elements", n, n);
    double[] data = new double[n * n];
    for (int i = 0; i < n; i++) {
      data[i * n + i] = 1.0;
    }
    return new Tensor(Shape.of(n, n), data);
  }
}
