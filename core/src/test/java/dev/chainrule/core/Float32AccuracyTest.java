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
    // The mean is the rounded sum times the rounded 1/n: two roundings, so two ulps.
    double exactMean = reference(values, 0, values.length, 1) / values.length;
    double mean = IMAGES.mean().item();
    assertTrue(Math.abs(mean - exactMean) <= 2 * Math.ulp((float) exactMean), "mean " + mean);
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
