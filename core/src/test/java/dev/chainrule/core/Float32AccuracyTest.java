package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Float32 sums over a Fashion-MNIST-sized tensor (60,000 × 784 values in [0, 1)) stay accurate:
 * the kernels accumulate in float64 and round once, so each result is the correctly rounded exact
 * sum or its neighbour. A float32 accumulator would be off by thousands of ulps; the test shows
 * that too, so it measures something a plain loop would get wrong.
 */
class Float32AccuracyTest {
  private static final int ROWS = 60_000;
  private static final int COLS = 784;
  private static final Tensor IMAGES =
      Tensors.rand(Shape.of(ROWS, COLS), Tensors.seeded(11), DType.FLOAT32);

  /**
   * The exact sum, as far as float64 can tell: every float32 value is exact in float64 and 47
   * million of them below 1 sum with an error of at most n·2⁻⁵³·Σ ≈ 5e-9 relative, far below the
   * float32 ulp (6e-8 relative) that the comparison allows.
   */
  private static double reference(float[] values, int from, int to, int step) {
    double sum = 0;
    for (int i = from; i < to; i += step) {
      sum += values[i];
    }
    return sum;
  }

  @Test
  void theSumOfAllElementsIsWithinOneUlpOfTheExactSum() {
    float[] values = IMAGES.toFloatArray();
    double exact = reference(values, 0, values.length, 1);
    float sum = (float) IMAGES.sum().item();
    assertTrue(Math.abs(sum - exact) <= Math.ulp((float) exact),
        () -> "sum " + sum + " vs exact " + exact);

    float naive = 0;
    for (float v : values) {
      naive += v;
    }
    assertTrue(Math.abs(naive - exact) > 1000 * Math.ulp((float) exact),
        "a float32 accumulator drifts far, or this test would prove nothing: " + naive);
  }

  @Test
  void columnSumsOverSixtyThousandRowsAreWithinOneUlp() {
    float[] values = IMAGES.toFloatArray();
    float[] sums = IMAGES.sum(0, false).toFloatArray();
    assertEquals(COLS, sums.length);
    for (int c = 0; c < COLS; c += 97) {
      double exact = reference(values, c, values.length, COLS);
      float got = sums[c];
      assertTrue(Math.abs(got - exact) <= Math.ulp((float) exact), "column " + c + ": " + got
          + " vs " + exact);
    }
  }

  @Test
  void rowSumsAndTheMeanAreWithinOneUlpOrTwo() {
    float[] values = IMAGES.toFloatArray();
    float[] rows = IMAGES.sum(1, false).toFloatArray();
    for (int r = 0; r < ROWS; r += 997) {
      double exact = reference(values, r * COLS, (r + 1) * COLS, 1);
      assertTrue(Math.abs(rows[r] - exact) <= Math.ulp((float) exact), "row " + r);
    }
    // The whole mean's sum takes SumF64's lanes, which round in float32 before widening: within
    // the sum's own ulp, so an ulp of the mean, as for the column means below.
    double exactMean = reference(values, 0, values.length, 1) / values.length;
    double mean = IMAGES.mean().item();
    assertTrue(Math.abs(mean - exactMean) <= Math.ulp((float) exactMean), "mean " + mean);
  }

  /**
   * Half an ulp for the one rounding, and 1e-3 of one for the float64 sum's own error: at most
   * n·2⁻⁵³ of Σ|x| for n ≤ 60,000 values of one sign, some 1e-4 ulps of float32 (2⁻²⁴ relative).
   */
  private static final double ROUNDED_ONCE_ULPS = 0.501;

  private static void assertMean(double exact, float got, double ulps, String where) {
    assertTrue(Math.abs(got - exact) <= ulps * Math.ulp((float) exact),
        () -> where + ": " + got + " is " + Math.abs(got - exact) / Math.ulp((float) exact)
            + " ulps from the exact mean " + exact);
  }

  /**
   * A float32 mean along axes whose sum is float64 throughout (rows shorter than 8,192, columns
   * of rows shorter than 64, kept middle axes) divides that sum before its one rounding: within
   * half an ulp of the exact mean of its inputs. The float32 sum rounded, then divided and
   * rounded again, put them up to 1.2 ulps off for values near 1,000 (1.15 over axes 0 and 1
   * here, 1.12 along the last).
   */
  @Test
  void meansAlongAxesAreRoundedOnce() {
    int[] dims = {30, 40, 50};
    float[] values = Tensors.rand(Shape.of(dims), Tensors.seeded(12), DType.FLOAT32)
        .add(1000).toFloatArray();
    Tensor x = Tensor.of(values, dims);
    for (int[] axes : new int[][] {{1}, {2}, {0, 1}, {0, 2}, {1, 2}}) {
      boolean[] reduced = new boolean[3];
      long count = 1;
      for (int axis : axes) {
        reduced[axis] = true;
        count *= dims[axis];
      }
      int[] kept = {reduced[0] ? 1 : dims[0], reduced[1] ? 1 : dims[1], reduced[2] ? 1 : dims[2]};
      double[] exact = new double[kept[0] * kept[1] * kept[2]];
      for (int i = 0, at = 0; i < dims[0]; i++) {
        for (int j = 0; j < dims[1]; j++) {
          for (int k = 0; k < dims[2]; k++, at++) {
            exact[((reduced[0] ? 0 : i) * kept[1] + (reduced[1] ? 0 : j)) * kept[2]
                + (reduced[2] ? 0 : k)] += values[at];
          }
        }
      }
      float[] means = x.mean(axes, true).toFloatArray();
      for (int c = 0; c < exact.length; c++) {
        assertMean(exact[c] / count, means[c], ROUNDED_ONCE_ULPS,
            java.util.Arrays.toString(axes) + " cell " + c);
      }
    }
    float[] images = IMAGES.toFloatArray();
    float[] rows = IMAGES.mean(1, true).toFloatArray();
    for (int r = 0; r < ROWS; r += 7) {
      assertMean(reference(images, r * COLS, (r + 1) * COLS, 1) / COLS, rows[r],
          ROUNDED_ONCE_ULPS, "row " + r);
    }
    // Column sums of rows of 64 and more add eight rows in float32 before widening (and so keep
    // what those additions round): their means stay within an ulp on these images, as they were.
    float[] columns = IMAGES.mean(0, false).toFloatArray();
    for (int c = 0; c < COLS; c++) {
      assertMean(reference(images, c, images.length, COLS) / ROWS, columns[c], 1, "column " + c);
    }
  }

  /**
   * Two values one float32 ulp apart: the mean, rounded to float32, is one of them, and the
   * squares around it gave twice the variance; 1,000 values within 3 ulps of 10,000 gave 19 %
   * too much. The corrected two-pass formula gives the float64 variance of the same values.
   * And a float32 mean of two 3e38 was infinite, its float32 sum having overflowed.
   */
  @Test
  void variancesOfClusteredValuesAndMeansOfHugeOnesAreRight() {
    float[] pair = {1e20f, Math.nextUp(1e20f)};
    double exact = Tensor.of(pair, 2).to(DType.FLOAT64).variance().item();
    // Each square rounded to float32 (half an ulp, 6e-8 relative), then the result once more:
    // 3e-7 covers both and the float64 sum's own rounding.
    assertEquals(exact, Tensor.of(pair, 2).variance().item(), exact * 3e-7);
    float[] clustered = new float[1000];
    for (int i = 0; i < clustered.length; i++) {
      clustered[i] = 10000f + (i % 4) * Math.ulp(10000f);
    }
    double clusteredExact = Tensor.of(clustered, 1000).to(DType.FLOAT64).variance().item();
    assertEquals(clusteredExact, Tensor.of(clustered, 1000).variance().item(),
        clusteredExact * 3e-7);
    assertEquals(3e38f, (float) Tensor.of(new float[] {3e38f, 3e38f}, 2).mean().item());
    assertEquals(3e38f, (float) Tensor.of(new float[] {3e38f, 3e38f}, 2, 1).mean(0, false)
        .item());
    // Squares past float32's range whose mean is not: 2.25e38, as PyTorch's. A spread past the
    // type's range is infinite, not the correction's ∞ − ∞ = NaN.
    Tensor wide = Tensor.of(new float[] {1.5e19f, -1.5e19f}, 2);
    double wideExact = wide.to(DType.FLOAT64).variance().item();
    assertEquals(wideExact, wide.variance().item(), wideExact * 6e-8, "rounded once");
    assertEquals(Double.POSITIVE_INFINITY, Tensor.of(new float[] {-3e38f, 3e38f, 3e38f}, 3)
        .variance().item());
    assertEquals(Double.POSITIVE_INFINITY, Tensor.vector(-1.7e308, 1.7e308, 1.7e308).variance()
        .item());
  }
}
