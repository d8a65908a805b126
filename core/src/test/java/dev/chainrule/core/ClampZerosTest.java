package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * clamp's kernels, Math's loop with the zero put back on the bits where a bound is the other
 * zero, give PyTorch's comparisons ({@code x < min ? min : x > max ? max : x}) bit for bit, NaN
 * payloads included, in both types: on the edges where a sign or exponent test could slip and on
 * random bit patterns (every float32 pattern agreed too, checked once outside the suite).
 */
class ClampZerosTest {
  private static final double[][] BOUNDS = {{0.0, 1.0}, {0.0, 0.0}, {0.0, Double.MIN_VALUE},
      {0.0, Double.POSITIVE_INFINITY}, {-1.0, -0.0}, {-0.0, -0.0}, {-Double.MIN_VALUE, -0.0},
      {Double.NEGATIVE_INFINITY, -0.0}, {0.0, -0.0}, {-0.0, 0.0}, {-1.0, 1.0}};
  private static final double[] EDGES = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE,
      Double.MIN_NORMAL, -Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE,
      Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
      Double.longBitsToDouble(0x7FF0_0000_0000_0001L),
      Double.longBitsToDouble(0xFFF8_0000_0000_0000L), 1.0, -1.0, 0.5, -0.5, 2.0};
  private static final float[] EDGES_F32 = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE,
      Float.MIN_NORMAL, -Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE,
      Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
      Float.intBitsToFloat(0x7F80_0001), Float.intBitsToFloat(0xFFC0_0000), 1f, -1f, 0.5f, -0.5f,
      2f};
  /** Enough random patterns that each kernel's loop is compiled and run, not only interpreted. */
  private static final int RANDOM = 200_000;

  private static double comparisons(double x, double min, double max) {
    return x < min ? min : x > max ? max : x;
  }

  private static float comparisons(float x, float min, float max) {
    return x < min ? min : x > max ? max : x;
  }

  @Test
  void float64MatchesTheComparisons() {
    SplittableRandom random = new SplittableRandom(51);
    double[] x = new double[EDGES.length + RANDOM];
    for (int i = 0; i < x.length; i++) {
      // Random bits (any NaN payload, subnormals), then values of both signs near the zeros.
      x[i] = i < EDGES.length ? EDGES[i] : i % 2 == 0 ? Double.longBitsToDouble(random.nextLong())
          : random.nextGaussian() * 1e-300;
    }
    for (double[] b : BOUNDS) {
      double[] y = Tensor.of(x, x.length).clamp(b[0], b[1]).toArray();
      for (int i = 0; i < x.length; i++) {
        double xi = x[i];
        assertEquals(Double.doubleToRawLongBits(comparisons(xi, b[0], b[1])),
            Double.doubleToRawLongBits(y[i]),
            () -> "float64 clamp(" + xi + ", " + b[0] + ", " + b[1] + ")");
      }
    }
  }

  @Test
  void float32MatchesTheComparisons() {
    SplittableRandom random = new SplittableRandom(51);
    float[] x = new float[EDGES_F32.length + RANDOM];
    for (int i = 0; i < x.length; i++) {
      x[i] = i < EDGES_F32.length ? EDGES_F32[i] : i % 2 == 0
          ? Float.intBitsToFloat(random.nextInt()) : (float) (random.nextGaussian() * 1e-40);
    }
    for (double[] b : BOUNDS) {
      float min = (float) b[0];
      float max = (float) b[1];
      float[] y = Tensor.of(x, x.length).clamp(b[0], b[1]).toFloatArray();
      for (int i = 0; i < x.length; i++) {
        float xi = x[i];
        assertEquals(Float.floatToRawIntBits(comparisons(xi, min, max)),
            Float.floatToRawIntBits(y[i]),
            () -> "float32 clamp(" + xi + ", " + min + ", " + max + ")");
      }
    }
  }
}
