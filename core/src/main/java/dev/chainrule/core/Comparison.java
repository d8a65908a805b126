package dev.chainrule.core;

/**
 * The six comparisons as {@link BinaryLoops}, 1 where true and 0 where false (NaN compares false
 * except in ≠), with loops of their own for equal shapes and for a scalar: masks such as
 * {@code x.gt(0)} are built on every backward pass through a ReLU. A scalar on the left is the
 * mirrored comparison on the right (s &lt; x is x &gt; s).
 */
enum Comparison implements BinaryLoops {
  EQ, NE, LT, LE, GT, GE;

  @Override
  public void arrays(double[] x, double[] y, double[] out, int from, int to) {
    switch (this) {
      case EQ -> { for (int i = from; i < to; i++) { out[i] = x[i] == y[i] ? 1 : 0; } }
      case NE -> { for (int i = from; i < to; i++) { out[i] = x[i] != y[i] ? 1 : 0; } }
      case LT -> { for (int i = from; i < to; i++) { out[i] = x[i] < y[i] ? 1 : 0; } }
      case LE -> { for (int i = from; i < to; i++) { out[i] = x[i] <= y[i] ? 1 : 0; } }
      case GT -> { for (int i = from; i < to; i++) { out[i] = x[i] > y[i] ? 1 : 0; } }
      case GE -> { for (int i = from; i < to; i++) { out[i] = x[i] >= y[i] ? 1 : 0; } }
    }
  }

  @Override
  public void scalar(double[] x, double s, boolean swapped, double[] out, int from, int to) {
    switch (swapped ? mirrored() : this) {
      case EQ -> { for (int i = from; i < to; i++) { out[i] = x[i] == s ? 1 : 0; } }
      case NE -> { for (int i = from; i < to; i++) { out[i] = x[i] != s ? 1 : 0; } }
      case LT -> { for (int i = from; i < to; i++) { out[i] = x[i] < s ? 1 : 0; } }
      case LE -> { for (int i = from; i < to; i++) { out[i] = x[i] <= s ? 1 : 0; } }
      case GT -> { for (int i = from; i < to; i++) { out[i] = x[i] > s ? 1 : 0; } }
      case GE -> { for (int i = from; i < to; i++) { out[i] = x[i] >= s ? 1 : 0; } }
    }
  }

  @Override
  public void block(double[] x, double[] y, boolean swapped, double[] out, int start,
      int length) {
    for (int j = 0, i = start; j < length; j++, i++) {
      out[i] = swapped ? apply(y[j], x[i]) : apply(x[i], y[j]);
    }
  }

  @Override
  public double apply(double a, double b) {
    boolean holds = switch (this) {
      case EQ -> a == b;
      case NE -> a != b;
      case LT -> a < b;
      case LE -> a <= b;
      case GT -> a > b;
      case GE -> a >= b;
    };
    return holds ? 1 : 0;
  }

  /** The comparison with its operands exchanged: a ∘ b is b ∘' a. */
  private Comparison mirrored() {
    return switch (this) {
      case EQ, NE -> this;
      case LT -> GT;
      case LE -> GE;
      case GT -> LT;
      case GE -> LE;
    };
  }
}
