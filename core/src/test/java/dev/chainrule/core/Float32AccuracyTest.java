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
}
