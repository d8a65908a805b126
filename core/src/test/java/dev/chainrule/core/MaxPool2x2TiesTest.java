package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The 2×2 max pooling, whose choice of index is read from the sign bits of differences
 * ({@link MaskPick#negative}), against the general rule it must agree with (PyTorch 1.13's: a
 * later value wins only when strictly larger, so the first of equal values, −0.0 and +0.0
 * included, a NaN wins over numbers and the last NaN over the others): every window of four
 * drawn from seven values, each at every position, ties between equal infinities (whose
 * difference is NaN) included, in both types, with the value read at the chosen index.
 */
class MaxPool2x2TiesTest {
  private static final double[] VALUES = {Double.NEGATIVE_INFINITY, -1, -0.0, 0.0, 1,
      Double.POSITIVE_INFINITY, Double.NaN};

  /** The general rule over a, b, c, d: the position (0–3) of the winner. */
  private static int expected(double[] window) {
    int best = 0;
    for (int i = 1; i < 4; i++) {
      if (window[i] > window[best] || window[i] != window[i]) {
        best = i;
      }
    }
    return best;
  }

  @Test
  void everyWindowOfSevenValuesTakesTheGeneralRulesIndex() {
    int windows = VALUES.length * VALUES.length * VALUES.length * VALUES.length;
    int width = 2 * windows;
    double[] in = new double[2 * width];
    for (int w = 0; w < windows; w++) {
      in[2 * w] = VALUES[w % 7];
      in[2 * w + 1] = VALUES[w / 7 % 7];
      in[width + 2 * w] = VALUES[w / 49 % 7];
      in[width + 2 * w + 1] = VALUES[w / 343];
    }
    for (DType type : DType.values()) {
      Tensor x = Tensor.of(in, 1, 1, 2, width).to(type);
      PooledWithIndices pooled = Convolution.maxPool2d(x, Pool2dOptions.of(2));
      for (int w = 0; w < windows; w++) {
        int[] at = {2 * w, 2 * w + 1, width + 2 * w, width + 2 * w + 1};
        double[] window = {in[at[0]], in[at[1]], in[at[2]], in[at[3]]};
        int index = at[expected(window)];
        String what = type + " window " + java.util.Arrays.toString(window);
        assertEquals(index, pooled.indices().flatGet(w), what);
        assertEquals(Double.doubleToRawLongBits(x.flatGet(index)),
            Double.doubleToRawLongBits(pooled.values().flatGet(w)), what);
      }
    }
  }
}
