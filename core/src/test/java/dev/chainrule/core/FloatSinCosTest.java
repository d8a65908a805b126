package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link FloatSinCos} against StrictMath's float64 value. The build runs this class a second time
 * without fused multiply-adds (core/pom.xml).
 */
class FloatSinCosTest {
  /**
   * In float ulps of StrictMath's float64 value (itself within 1e-16 relative of the true one):
   * within 1 means within 1 ulp of the correctly rounded float. Measured worst over every float
   * in [0, 6500] (the kernel is odd or even in x): 0.79 with fused multiply-adds, 0.81 without
   * (the reduction's error about 1e-9 of an ulp, the polynomials' truncation 0.04, the rest
   * float roundings of the last few terms and of the result).
   */
  private static final double ULPS = 1;

  @Test
  void withinAnUlpOnRandomPointsAndNearMultiplesOfHalfPi() {
    SplittableRandom random = new SplittableRandom(31);
    int multiples = 4096;
    float[] x = new float[1_000_000 + multiples * 5];
    int n = 0;
    while (n < 1_000_000) {
      // Uniform over [−10, 10], and log-uniform magnitudes from 1e-40 to past the bound.
      x[n] = (float) (n % 2 == 0 ? random.nextDouble(-10, 10)
          : Math.pow(10, random.nextDouble(-40, 3.9)) * (random.nextBoolean() ? 1 : -1));
      n++;
    }
    for (int k = 1; k <= multiples; k++) {
      // The nearest floats to k·π/2, where sin or cos is near 0 and r must be exact.
      float center = (float) (k * (Math.PI / 2));
      x[n++] = Math.nextDown(Math.nextDown(center));
      x[n++] = Math.nextDown(center);
      x[n++] = center;
      x[n++] = Math.nextUp(center);
      x[n++] = -Math.nextUp(Math.nextUp(center));
    }
    float[] sin = new float[x.length];
    float[] cos = new float[x.length];
    FloatSinCos.sin(x, sin);
    FloatSinCos.cos(x, cos);
    double worstSin = 0;
    double worstCos = 0;
    float sinAt = 0;
    float cosAt = 0;
    for (int i = 0; i < x.length; i++) {
      double s = ulps(sin[i], StrictMath.sin(x[i]));
      double c = ulps(cos[i], StrictMath.cos(x[i]));
      if (s > worstSin) {
        worstSin = s;
        sinAt = x[i];
      }
      if (c > worstCos) {
        worstCos = c;
        cosAt = x[i];
      }
    }
    assertTrue(worstSin <= ULPS && worstCos <= ULPS, String.format(Locale.ROOT,
        "sin(%s) off by %.2f float ulps, cos(%s) by %.2f", sinAt, worstSin, cosAt, worstCos));
  }

  private static double ulps(float value, double reference) {
    return Math.abs(value - reference) / Math.ulp((float) reference);
  }

  @Test
  void specialValues() {
    float[] x = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-30f, -1e-10f,
        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};
    for (float v : x) {
      float sin = FloatSinCos.sin(v);
      float cos = FloatSinCos.cos(v);
      if (Float.isFinite(v)) {
        // sin keeps the sign of zero and gives tiny x itself; cos is 1 there.
        assertEquals(Float.floatToRawIntBits(v), Float.floatToRawIntBits(sin), "sin(" + v + ")");
        assertEquals(1f, cos, "cos(" + v + ")");
      } else {
        assertTrue(Float.isNaN(sin) && Float.isNaN(cos), "sin and cos of " + v);
      }
    }
  }

  /**
   * The loops and the one-element functions (which arrays under {@link SinCos#SHORT} take) give
   * the same bits; where q passes 2¹² (from about 6434), ±∞ and NaN, Math's value rounded, in
   * whichever block, and only there: 6400 keeps the kernel's value beside 1e30.
   */
  @Test
  void theLoopsGiveTheOneElementFunctionsBitsAndMathsPastTheBound() {
    SplittableRandom random = new SplittableRandom(37);
    for (int length : new int[] {4, 31, 32, 2047, 2048, 2049, 7000}) {
      float[] x = new float[length];
      for (int i = 0; i < length; i++) {
        x[i] = (float) (Math.pow(10, random.nextDouble(-20, 3.8))
            * (random.nextBoolean() ? 1 : -1));
      }
      int far = random.nextInt(length - 3);
      x[far] = far % 2 == 0 ? 1e30f : -6435f;
      x[length - 3] = 6400f;
      x[length - 2] = Float.NaN;
      x[length - 1] = -0f;
      float[] sin = new float[length];
      float[] cos = new float[length];
      FloatSinCos.sin(x, sin);
      FloatSinCos.cos(x, cos);
      for (int i = 0; i < length; i++) {
        assertEquals(Float.floatToIntBits(FloatSinCos.sin(x[i])), Float.floatToIntBits(sin[i]),
            "sin(" + x[i] + ")");
        assertEquals(Float.floatToIntBits(FloatSinCos.cos(x[i])), Float.floatToIntBits(cos[i]),
            "cos(" + x[i] + ")");
      }
      assertEquals((float) Math.sin(x[far]), sin[far], "sin(" + x[far] + ")");
      assertEquals((float) Math.cos(x[far]), cos[far], "cos(" + x[far] + ")");
      assertTrue(ulps(sin[length - 3], StrictMath.sin(6400.0)) <= ULPS, "sin(6400)");
    }
    assertEquals(-0f, FloatSinCos.sin(-0f));
  }
}
