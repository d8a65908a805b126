package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * max and min keep Math.max's and Math.min's folds, which their kernels no longer call: the first
 * NaN wins (two NaNs of other signs in the pool tell which), +0.0 is above −0.0, ties and
 * infinities change nothing. Arrays drawn from a small pool make ties, zeros of both signs and
 * NaNs common; each result must be the fold's bit for bit.
 */
class ExtremesFoldTest {
  private static final double[] POOL = {0.0, -0.0, 1, -1, 2, Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY, Double.NaN, Double.MIN_VALUE, -Double.MIN_VALUE,
      Double.longBitsToDouble(0xfff8_0000_0000_0002L)};

  @Test
  void maxAndMinAreMathsFolds() {
    SplittableRandom random = new SplittableRandom(66);
    for (int trial = 0; trial < 3_000; trial++) {
      double[] values = new double[1 + random.nextInt(40)];
      // Pools of two or three values make long runs of ties and of one zero's sign.
      int kinds = 2 + random.nextInt(POOL.length - 1);
      int offset = random.nextInt(POOL.length);
      for (int i = 0; i < values.length; i++) {
        values[i] = POOL[(offset + random.nextInt(kinds)) % POOL.length];
      }
      for (DType type : DType.values()) {
        Tensor x = Tensor.vector(values).to(type);
        // The fold over the values as the type holds them (±MIN_VALUE is ±0.0 in float32). The
        // first NaN ends it with its own bits, as Math.max's Java code returns them: C2's
        // intrinsic returns Double.NaN's bits instead, so a fold through Math.max alone changed
        // its answer once this loop was compiled (from the 8th run in one JVM; PIT's runs).
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (double v : x.toArray()) {
          if (v != v) {
            max = v;
            min = v;
            break;
          }
          max = Math.max(max, v);
          min = Math.min(min, v);
        }
        String what = type + " " + java.util.Arrays.toString(values);
        same(max, x.max().item(), "max of " + what);
        same(min, x.min().item(), "min of " + what);
        // Along the last axis of a [1, n] matrix: the same fold, one row.
        same(max, x.reshape(1, values.length).max(1, false).item(), "max(1) of " + what);
      }
    }
  }

  @Test
  void signIsPyTorchsOnEveryValueClass() {
    // −1 below 0, 1 above, +0.0 for both zeros and for NaN (torch.sign(nan) is 0), in arithmetic
    // and a second pass for the NaNs: the lengths cross the pass's scan of every element.
    double[] values = {-0.0, 0.0, Double.NaN, Double.MIN_VALUE, -Double.MIN_VALUE, 3,
        Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -1e300, Double.longBitsToDouble(
            0xfff8_0000_0000_0001L)};
    double[] expected = {0.0, 0.0, 0.0, 1, -1, 1, -1, 1, -1, 0.0};
    for (DType type : DType.values()) {
      Tensor signs = Tensor.vector(values).to(type).sign();
      for (int i = 0; i < values.length; i++) {
        // float32 holds ±MIN_VALUE as ±0.0, whose sign is +0.0.
        double want = type == DType.FLOAT32 && Math.abs(values[i]) == Double.MIN_VALUE
            ? 0.0 : expected[i];
        same(want, signs.flatGet(i), "sign(" + values[i] + ") in " + type);
      }
    }
  }

  private static void same(double expected, double actual, String what) {
    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual), what);
  }
}
