package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The row kernels of softmax, log-softmax and log-sum-exp against a row-by-row scalar reference,
 * bit for bit (non-finite rows included), on both sides of {@link RowStatisticsF64#UNROLLED_ROW}:
 * rows up to it are written out element by element, and must make the same operations in the
 * same order as the loops over longer rows. The two references differ only in the type they round
 * in, which is the point: the float32 one must round every step in float to match the kernel.
 */
class SoftmaxRowsTest {
  private static final SplittableRandom RANDOM = new SplittableRandom(11);

  /** Per row: its shift m, Σ e^(x − m) in float64, and e^(x − m) element by element. */
  private record Row(double shift, double sum, double[] exps) {}

  private static Row row64(double[] x, int from, int length) {
    double m = x[from];
    for (int i = from + 1; i < from + length; i++) {
      m = x[i] > m ? x[i] : m;
    }
    m = Double.isInfinite(m) ? 0 : m;
    double[] exps = new double[length];
    double sum = 0;
    for (int k = 0; k < length; k++) {
      exps[k] = FastMath.exp(x[from + k] - m);
      sum += exps[k];
    }
    return new Row(m, sum, exps);
  }

  private static Row row32(float[] x, int from, int length) {
    float m = x[from];
    for (int i = from + 1; i < from + length; i++) {
      m = x[i] > m ? x[i] : m;
    }
    m = Float.isInfinite(m) ? 0 : m;
    double[] exps = new double[length];
    double sum = 0;
    for (int k = 0; k < length; k++) {
      float e = FastMath.exp(x[from + k] - m);
      exps[k] = e;
      sum += e;
    }
    return new Row(m, sum, exps);
  }

  @Test
  void everyRowLengthMatchesTheRowByRowReferenceInFloat64() {
    for (int length = 1; length <= RowStatisticsF64.UNROLLED_ROW + 3; length++) {
      for (int rows : new int[] {1, 2, 7, 40}) {
        double[] x = new double[rows * length];
        for (int i = 0; i < x.length; i++) {
          x[i] = (RANDOM.nextDouble() - 0.5) * 20;
        }
        if (rows >= 7) {
          // Rows the shift treats specially: a +∞ (no softmax: NaN throughout, as PyTorch's,
          // but a log-sum-exp of +∞), all −∞, a NaN last (which never wins).
          x[length] = Double.POSITIVE_INFINITY;
          java.util.Arrays.fill(x, 2 * length, 3 * length, Double.NEGATIVE_INFINITY);
          x[4 * length - 1] = Double.NaN;
        }
        double[] softmax = new double[x.length];
        double[] logSoftmax = new double[x.length];
        double[] logSumExp = new double[rows];
        for (int r = 0; r < rows; r++) {
          Row row = row64(x, r * length, length);
          double sum = row.sum() == Double.POSITIVE_INFINITY ? Double.NaN : row.sum();
          double scale = 1 / sum;
          logSumExp[r] = Math.log(row.sum()) + row.shift();
          for (int k = 0; k < length; k++) {
            softmax[r * length + k] = row.exps()[k] * scale;
            logSoftmax[r * length + k] = x[r * length + k] - row.shift() - Math.log(sum);
          }
        }
        Tensor t = Tensor.of(x, rows, length);
        String where = rows + " rows of " + length;
        assertArrayEquals(softmax, t.softmax(1).toArray(), 0, where);
        assertArrayEquals(logSoftmax, t.logSoftmax(1).toArray(), 0, where);
        assertArrayEquals(logSumExp, t.logSumExp(1, false).toArray(), 0, where);
      }
    }
  }

  @Test
  void everyRowLengthMatchesTheRowByRowReferenceInFloat32() {
    for (int length = 1; length <= RowStatisticsF64.UNROLLED_ROW + 3; length++) {
      int rows = 23;
      float[] x = new float[rows * length];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) ((RANDOM.nextDouble() - 0.5) * 20);
      }
      float[] softmax = new float[x.length];
      float[] logSoftmax = new float[x.length];
      float[] logSumExp = new float[rows];
      for (int r = 0; r < rows; r++) {
        Row row = row32(x, r * length, length);
        float scale = (float) (1 / row.sum());
        float lse = (float) (Math.log(row.sum()) + (float) row.shift());
        logSumExp[r] = lse;
        for (int k = 0; k < length; k++) {
          softmax[r * length + k] = (float) row.exps()[k] * scale;
          logSoftmax[r * length + k] = x[r * length + k] - (float) row.shift()
              - (float) Math.log(row.sum());
        }
      }
      Tensor t = Tensor.of(x, rows, length);
      assertArrayEquals(softmax, t.softmax(1).toFloatArray(), 0, "rows of " + length);
      assertArrayEquals(logSoftmax, t.logSoftmax(1).toFloatArray(), 0, "rows of " + length);
      assertArrayEquals(logSumExp, t.logSumExp(1, false).toFloatArray(), 0, "rows of " + length);
      assertEquals(DType.FLOAT32, t.softmax(1).dtype());
    }
  }

  /**
   * A row holding +∞ has no softmax (∞/∞): PyTorch 1.13's softmax and log_softmax of
   * [inf, 0, 0] are NaN throughout, along any axis, while its logsumexp is inf. Before, the
   * finite entries read 0 (−∞ in log), beside one NaN: a row that looked computed.
   */
  @Test
  void aRowHoldingPlusInfinityIsNotANumberThroughout() {
    double inf = Double.POSITIVE_INFINITY;
    for (DType dtype : DType.values()) {
      Tensor x = Tensor.of(new double[] {inf, 0, 0, 1, 2, 3}, 2, 3).to(dtype);
      Tensor columns = x.transpose(0, 1);  // the same groups along axis 0, the other path
      for (Tensor p : new Tensor[] {x.softmax(1), x.logSoftmax(1),
          columns.softmax(0).transpose(0, 1), columns.logSoftmax(0).transpose(0, 1)}) {
        for (int k = 0; k < 3; k++) {
          assertTrue(Double.isNaN(p.get(0, k)), () -> dtype + " " + p);
          assertTrue(Double.isFinite(p.get(1, k)), () -> dtype + " " + p);
        }
      }
      assertEquals(inf, x.logSumExp(1, false).get(0), () -> dtype + " log-sum-exp");
      assertEquals(inf, columns.logSumExp(0, false).get(0), () -> dtype + " log-sum-exp");
    }
  }

  /**
   * Logits near ±1,000 in float32: x − (m + log s) rounded m + log s to m's precision (an ulp of
   * 1,000 is 6e-5), where (x − m) − log s keeps the log-probabilities to their own precision.
   * PyTorch 1.13's float32 log_softmax([1000, −1000, 1000]) is −0.6931472 for the maxima.
   */
  @Test
  void float32LogSoftmaxKeepsItsPrecisionAtLargeLogits() {
    Tensor x = Tensor.of(new float[] {1000, -1000, 1000}, 1, 3);
    float[] y = x.logSoftmax(1).toFloatArray();
    assertEquals(-0.6931472f, y[0], 0);
    assertEquals(-0.6931472f, y[2], 0);
    assertEquals(-2000.6931f, y[1], 0);
  }

  /**
   * Along an axis that is not the last, as along the last: (x − m) − log s, whose only rounding
   * is the log-sum's, not x − (m + log s), which rounds log s to m's precision (float32 logits
   * near 1,000 were off by 3e-5, and two float64 logits of 1e308 had probabilities summing to 2).
   * PyTorch 1.13: float32 softmax(0) of [[1000], [1000]] is [0.5, 0.5], log_softmax −0.6931472;
   * float64 softmax(0) of [[1e308], [1e308]] is [0.5, 0.5].
   */
  @Test
  void softmaxesAlongAnotherAxisAreAsPreciseAsAlongTheLast() {
    Tensor huge = Tensor.of(new float[] {1000, 1000}, 2, 1);
    assertArrayEquals(new float[] {0.5f, 0.5f}, huge.softmax(0).toFloatArray(), 0);
    assertArrayEquals(new float[] {-0.6931472f, -0.6931472f}, huge.logSoftmax(0).toFloatArray(),
        0);
    Tensor largest = Tensor.of(new double[] {1e308, 1e308}, 2, 1);
    assertArrayEquals(new double[] {0.5, 0.5}, largest.softmax(0).toArray(), 0);
    // Channels of [1, 3, 2] logits near 100, against the last-axis kernel on the transpose: the
    // two sum in other orders, so they may differ in the last bit (float32 ulp at 0.67: 6e-8).
    Tensor x = Tensor.of(new float[] {100, 101, 102, 100, 101, 102}, 1, 3, 2);
    Tensor viaLastAxis = x.transpose(1, 2).softmax(-1).transpose(1, 2);
    assertArrayEquals(viaLastAxis.toFloatArray(), x.softmax(1).toFloatArray(), 1.2e-7f);
    assertArrayEquals(x.transpose(1, 2).logSoftmax(-1).transpose(1, 2).toFloatArray(),
        x.logSoftmax(1).toFloatArray(), 1.2e-7f);
  }

  @Test
  void logSoftmaxAlongTheFirstAxisNormalizesEachColumn() {
    Tensor x = Tensor.matrix(new double[][] {{1, 5, -2}, {3, 5, 0}});
    Tensor y = x.logSoftmax(0);
    for (int c = 0; c < 3; c++) {
      double a = x.get(0, c);
      double b = x.get(1, c);
      double log = Math.max(a, b) + Math.log(Math.exp(a - Math.max(a, b))
          + Math.exp(b - Math.max(a, b)));
      // A few ulps: the kernel and this line may round the logarithm's sum differently.
      assertEquals(a - log, y.get(0, c), 1e-15);
      assertEquals(b - log, y.get(1, c), 1e-15);
    }
  }

  /**
   * Each row is shifted by its own maximum, at every length of the unrolled loops (1 to 4) and
   * past them: a row of zeros between rows of 1,000s shifted by 1,000 would give e^−1,000 = 0
   * and 0/0. Equal values give 1/length, within an ulp of it (an exponential of 0 is exactly 1;
   * the sum is exact, and the division, or a product by its reciprocal, rounds once or twice).
   */
  @Test
  void eachRowIsShiftedByItsOwnMaximum() {
    for (int length = 1; length <= 9; length++) {
      double[] values = new double[4 * length];
      java.util.Arrays.fill(values, length, 2 * length, 1000);
      java.util.Arrays.fill(values, 3 * length, 4 * length, 1000);
      double[] softmax = Tensor.of(values, 4, length).softmax(1).toArray();
      for (int i = 0; i < softmax.length; i++) {
        assertEquals(1.0 / length, softmax[i], Math.ulp(1.0 / length),
            "rows of " + length + ", element " + i);
      }
    }
  }
}
