package dev.chainrule.core;

/**
 * The comparisons of float64 arrays, elementwise, with a scalar or with an array of the same
 * length, 1 or 0 in arithmetic that vectorizes, and the template of their float32 twin
 * ({@code CompareF32}, generated at build time). Masks such as {@code x.gt(0)} are built on
 * every backward pass and by every dropout layer.
 */
final class CompareF64 {
  private CompareF64() {}

  /**
   * out[i] = x[i] ∘ s for i in [from, to), 1 or 0 ({@code out} must not be {@code x}): x > s
   * exactly when x − s > 0 (gradual underflow keeps a difference of unequal numbers from being 0,
   * and an overflow keeps its sign), which {@link SignGate#opening} turns into 1 or 0. Where the
   * difference is NaN (a NaN, or ∞ − ∞) the opening is NaN, and a scan whose branch numbers never
   * take compares those elements exactly. The int conditional move this replaces was compiled as
   * a branch when the first data HotSpot profiled were lopsided (a dropout mask of p = 0.1), and
   * never recompiled: on random data then, 1.3–1.4 ms for 512 × 512 against 0.21–0.23.
   */
  static void scalar(BinaryOp op, double[] x, double s, double[] out, int from, int to) {
    switch (op) {
      case GT -> { for (int i = from; i < to; i++) { out[i] = SignGate.opening(x[i] - s); } }
      case LT -> { for (int i = from; i < to; i++) { out[i] = SignGate.opening(s - x[i]); } }
      case GE -> { for (int i = from; i < to; i++) { out[i] = 1 - SignGate.opening(s - x[i]); } }
      case LE -> { for (int i = from; i < to; i++) { out[i] = 1 - SignGate.opening(x[i] - s); } }
      case EQ -> {
        for (int i = from; i < to; i++) {
          out[i] = 1 - SignGate.opening(x[i] - s) - SignGate.opening(s - x[i]);
        }
      }
      case NE -> {
        for (int i = from; i < to; i++) {
          out[i] = SignGate.opening(x[i] - s) + SignGate.opening(s - x[i]);
        }
      }
      default -> throw new AssertionError("not a comparison: " + op);
    }
    for (int i = from; i < to; i++) {
      if (out[i] != out[i]) {
        out[i] = BinaryF64.apply(op, x[i], s);
      }
    }
  }

  /** out[i] = x[i] ∘ y[i] for a comparison, computed as the scalar form's comment says. */
  static void arrays(BinaryOp op, double[] x, double[] y, double[] out) {
    int n = out.length;
    fill(op, x, y, out, 0, n);
    for (int i = 0; i < n; i++) {
      if (out[i] != out[i]) {
        out[i] = BinaryF64.apply(op, x[i], y[i]);
      }
    }
  }

  /**
   * out[i] = x[i] ∘ y[i − from] for i in [from, to), one row of a bias-like broadcast, where
   * {@code out} already holds that row of y from {@code from} on (as {@code BinaryF64.block}
   * copies it, so that the loop reads and writes at one index): in place, then the NaN
   * differences compared exactly from y itself.
   */
  static void row(BinaryOp op, double[] x, double[] y, double[] out, int from, int to) {
    fill(op, x, out, out, from, to);
    for (int i = from; i < to; i++) {
      if (out[i] != out[i]) {
        out[i] = BinaryF64.apply(op, x[i], y[i - from]);
      }
    }
  }

  /** out[i] = the opening form of a[i] ∘ b[i], NaN where a[i] − b[i] is; b may be out. */
  private static void fill(BinaryOp op, double[] a, double[] b, double[] out, int from, int to) {
    switch (op) {
      case GT -> { for (int i = from; i < to; i++) { out[i] = SignGate.opening(a[i] - b[i]); } }
      case LT -> { for (int i = from; i < to; i++) { out[i] = SignGate.opening(b[i] - a[i]); } }
      case GE -> { for (int i = from; i < to; i++) { out[i] = 1 - SignGate.opening(b[i] - a[i]); } }
      case LE -> { for (int i = from; i < to; i++) { out[i] = 1 - SignGate.opening(a[i] - b[i]); } }
      case EQ -> {
        for (int i = from; i < to; i++) {
          out[i] = 1 - SignGate.opening(a[i] - b[i]) - SignGate.opening(b[i] - a[i]);
        }
      }
      case NE -> {
        for (int i = from; i < to; i++) {
          out[i] = SignGate.opening(a[i] - b[i]) + SignGate.opening(b[i] - a[i]);
        }
      }
      default -> throw new AssertionError("not a comparison: " + op);
    }
  }
}
