package dev.chainrule.core;

import java.util.function.DoubleBinaryOperator;

/**
 * The loops of one binary operation ∘ over the storage layouts that {@link Elementwise#zip}
 * tells apart. The common arithmetic has a loop per operation ({@link Arithmetic}), because one
 * loop shared by every operation calls a different function object each time and the JIT can
 * then neither inline the call nor vectorize the loop; rarer operations run through
 * {@link #of(DoubleBinaryOperator)}.
 */
interface BinaryLoops {
  /** out[i] = x[i] ∘ y[i] for i in [from, to). */
  void arrays(double[] x, double[] y, double[] out, int from, int to);

  /** out[i] = x[i] ∘ s (s ∘ x[i] when {@code swapped}) for i in [from, to). */
  void scalar(double[] x, double s, boolean swapped, double[] out, int from, int to);

  /**
   * out[start + j] = x[start + j] ∘ y[j] (y[j] ∘ x[start + j] when {@code swapped}) for
   * j in [0, length): one row of a bias-like broadcast.
   */
  void block(double[] x, double[] y, boolean swapped, double[] out, int start, int length);

  /** The operation on two numbers, for layouts without a loop of their own. */
  double apply(double a, double b);

  /** Loops that call {@code f} for every element. */
  static BinaryLoops of(DoubleBinaryOperator f) {
    return new BinaryLoops() {
      @Override
      public void arrays(double[] x, double[] y, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
          out[i] = f.applyAsDouble(x[i], y[i]);
        }
      }

      @Override
      public void scalar(double[] x, double s, boolean swapped, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
          out[i] = swapped ? f.applyAsDouble(s, x[i]) : f.applyAsDouble(x[i], s);
        }
      }

      @Override
      public void block(double[] x, double[] y, boolean swapped, double[] out, int start,
          int length) {
        for (int j = 0, i = start; j < length; j++, i++) {
          out[i] = swapped ? f.applyAsDouble(y[j], x[i]) : f.applyAsDouble(x[i], y[j]);
        }
      }

      @Override
      public double apply(double a, double b) {
        return f.applyAsDouble(a, b);
      }
    };
  }
}
