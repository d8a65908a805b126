package dev.chainrule.core.gemm;

import java.util.Arrays;
import java.util.Random;

/**
 * One product to compute and check against a naive triple loop: sizes, transpose flags, α and β,
 * where each block starts inside a larger array (sentinels around it), whether C starts as NaN,
 * and the seed of the values. Works in both dtypes; the reference is computed in float64 from the
 * very values the backend saw.
 */
record GemmCase(int m, int n, int k, boolean transposeA, boolean transposeB, double alpha,
    double beta, boolean nanC, int pad, long seed) {
  static final double SENTINEL = -12345.5;

  /** α·op(A)·op(B) + β·C with plain sizes, α = 1, β = 0, no padding. */
  static GemmCase plain(int m, int n, int k, boolean transposeA, boolean transposeB, long seed) {
    return new GemmCase(m, n, k, transposeA, transposeB, 1, 0, false, 1, seed);
  }

  int aRows() {
    return transposeA ? k : m;
  }

  int aCols() {
    return transposeA ? m : k;
  }

  int bRows() {
    return transposeB ? n : k;
  }

  int bCols() {
    return transposeB ? k : n;
  }

  /** Runs the case through {@code gemm} in float64 and checks every element of C. */
  void checkF64(Gemm gemm) {
    Random random = new Random(seed);
    double[] a = values(random, aRows() * aCols(), false);
    double[] b = values(random, bRows() * bCols(), false);
    double[] c = values(random, m * n, nanC && beta == 0);
    double[] before = c.clone();
    gemm.gemm(alpha, new MatrixBlockF64(a, pad, aRows(), aCols()), transposeA,
        new MatrixBlockF64(b, pad, bRows(), bCols()), transposeB, beta,
        new MatrixBlockF64(c, pad, m, n));
    // Another summation order: at most k·u·Σ|αxy| apart (u = 2⁻⁵³), plus one rounding each of
    // β·c and the final sum; a factor 4 leaves room for the order α is applied in.
    compare(gemm, a, b, before, c, 0x1p-53);
  }

  /** Runs the case through {@code gemm} in float32 and checks every element of C. */
  void checkF32(Gemm gemm) {
    Random random = new Random(seed);
    float[] a = toFloat(values(random, aRows() * aCols(), false));
    float[] b = toFloat(values(random, bRows() * bCols(), false));
    float[] c = toFloat(values(random, m * n, nanC && beta == 0));
    double[] before = toDouble(c);
    gemm.gemm((float) alpha, new MatrixBlockF32(a, pad, aRows(), aCols()), transposeA,
        new MatrixBlockF32(b, pad, bRows(), bCols()), transposeB, (float) beta,
        new MatrixBlockF32(c, pad, m, n));
    // The same bound with float32's unit roundoff, u = 2⁻²⁴; α and β are exact in float32.
    compare(gemm, toDouble(a), toDouble(b), before, toDouble(c), 0x1p-24);
  }

  private void compare(Gemm gemm, double[] a, double[] b, double[] before, double[] after,
      double unitRoundoff) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double sum = 0;
        double magnitude = 0;
        for (int p = 0; p < k; p++) {
          double x = a[pad + (transposeA ? p * aCols() + i : i * aCols() + p)];
          double y = b[pad + (transposeB ? j * bCols() + p : p * bCols() + j)];
          sum += x * y;
          magnitude += Math.abs(x * y);
        }
        double old = before[pad + i * n + j];
        double expected = alpha * sum + (beta == 0 ? 0 : beta * old);
        double scale = Math.abs(alpha) * magnitude + Math.abs(beta * (beta == 0 ? 0 : old));
        double tolerance = 4 * (k + 2) * unitRoundoff * scale;
        double actual = after[pad + i * n + j];
        if (!(Math.abs(actual - expected) <= tolerance)) {
          throw new AssertionError(gemm + " " + this + ": C[" + i + ", " + j + "] = " + actual
              + ", expected " + expected + " ± " + tolerance);
        }
      }
    }
    for (int at = 0; at < after.length; at++) {
      if ((at < pad || at >= pad + m * n) && after[at] != SENTINEL) {
        throw new AssertionError(gemm + " " + this + ": wrote outside C at " + at);
      }
    }
  }

  /** {@code count} values in [−1, 1) (or NaN) with {@code pad} sentinels on either side. */
  private double[] values(Random random, int count, boolean nan) {
    double[] data = new double[count + 2 * pad];
    Arrays.fill(data, SENTINEL);
    for (int i = pad; i < pad + count; i++) {
      data[i] = nan ? Double.NaN : random.nextDouble() * 2 - 1;
    }
    return data;
  }

  private static float[] toFloat(double[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }

  private static double[] toDouble(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }
}
