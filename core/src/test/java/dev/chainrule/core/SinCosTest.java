package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link SinCos} against StrictMath (fdlibm, within 1 ulp of the true value). The build runs this
 * class a second time without fused multiply-adds (core/pom.xml).
 */
class SinCosTest {
  /**
   * The contract, 2 ulps of StrictMath: the kernel's own error is about half an ulp (r exact to
   * ~2⁻¹⁰⁰ relative, polynomials' truncation below 0.01 ulp, a few roundings of terms at most a
   * tenth of the result), StrictMath's below 1. Measured worst on these points: 1.0, with and
   * without fused multiply-adds (an ulp is counted at StrictMath's value, so one ulp of ours
   * just above a power of 2 would count 2).
   */
  private static final double ULPS = 2;

  @Test
  void withinTwoUlpsOnRandomPointsOfEveryMagnitude() {
    SplittableRandom random = new SplittableRandom(17);
    double[] x = new double[2_000_000];
    for (int i = 0; i < x.length; i++) {
      // Uniform over [−10, 10], and log-uniform magnitudes from 1e-300 to the bound, both signs.
      x[i] = i % 2 == 0 ? random.nextDouble(-10, 10)
          : Math.pow(10, random.nextDouble(-300, Math.log10(SinCos.BOUND)))
              * (random.nextBoolean() ? 1 : -1);
    }
    assertWithinUlps(x);
  }

  /**
   * The nearest doubles to every multiple of π/2 the kernel takes (q ≤ 2²⁰): where sin or cos is
   * near 0, r is tiny and the reduction must be exact to far more than 53 bits. k·(π/2 rounded)
   * is within an ulp of k·π/2 there, so ±2 ulps around it hold the nearest doubles.
   */
  @Test
  void withinTwoUlpsNearEveryMultipleOfHalfPi() {
    int multiples = (1 << 20) + 1;
    double[] x = new double[multiples * 5];
    int n = 0;
    for (int k = 1; k <= multiples; k++) {
      double center = k * (Math.PI / 2);
      double below = Math.nextDown(center);
      double above = Math.nextUp(center);
      x[n++] = Math.nextDown(below);
      x[n++] = below;
      x[n++] = center;
      x[n++] = above;
      x[n++] = -Math.nextUp(above);
    }
    assertWithinUlps(x);
  }

  private static void assertWithinUlps(double[] x) {
    double[] sin = new double[x.length];
    double[] cos = new double[x.length];
    SinCos.sin(x, sin);
    SinCos.cos(x, cos);
    double worstSin = 0;
    double worstCos = 0;
    double sinAt = 0;
    double cosAt = 0;
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
    String worst = String.format(Locale.ROOT, "sin(%s) off by %.2f ulps, cos(%s) by %.2f",
        sinAt, worstSin, cosAt, worstCos);
    assertTrue(worstSin <= ULPS && worstCos <= ULPS, worst);
  }

  private static double ulps(double value, double reference) {
    return Math.abs(value - reference) / Math.ulp(reference);
  }

  /**
   * float32 rounds the float64 kernel's value once: within 1 float ulp of StrictMath's value
   * rounded (both roundings of values a few double ulps apart, which differ only where the true
   * value lies that close to a midpoint between two floats), and almost never other bits than
   * Math's value rounded, which the float32 kernel gave before: none of 40 million random
   * results and 268 million over every float in [1/16, 16) differed; allowed here, 1 in 10⁶.
   */
  @Test
  void float32IsTheFloat64KernelRoundedOnce() {
    SplittableRandom random = new SplittableRandom(23);
    float[] x = new float[1_000_000];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (i % 2 == 0 ? random.nextDouble(-10, 10)
          : Math.pow(10, random.nextDouble(-40, Math.log10(SinCos.BOUND)))
              * (random.nextBoolean() ? 1 : -1));
    }
    x[0] = -0f;
    x[1] = Float.MIN_VALUE;
    x[2] = Float.NaN;
    x[3] = Float.NEGATIVE_INFINITY;
    x[4] = 1e30f;
    float[] sin = new float[x.length];
    float[] cos = new float[x.length];
    SinCos.sin(x, sin);
    SinCos.cos(x, cos);
    int notMaths = 0;
    for (int i = 0; i < x.length; i++) {
      float s = (float) StrictMath.sin(x[i]);
      float c = (float) StrictMath.cos(x[i]);
      assertTrue(Math.abs(sin[i] - s) <= Math.ulp(s) || Float.isNaN(s) && Float.isNaN(sin[i]),
          "float32 sin(" + x[i] + ") = " + sin[i] + ", not " + s);
      assertTrue(Math.abs(cos[i] - c) <= Math.ulp(c) || Float.isNaN(c) && Float.isNaN(cos[i]),
          "float32 cos(" + x[i] + ") = " + cos[i] + ", not " + c);
      notMaths += (Float.floatToIntBits(sin[i]) != Float.floatToIntBits((float) Math.sin(x[i]))
          ? 1 : 0) + (Float.floatToIntBits(cos[i]) != Float.floatToIntBits((float) Math.cos(x[i]))
          ? 1 : 0);
    }
    assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(sin[0]));
    assertEquals(1f, cos[0]);
    assertEquals(Float.MIN_VALUE, sin[1]);
    assertTrue(notMaths <= 2, notMaths + " of 2 million results are not Math's bits");
  }

  @Test
  void specialValues() {
    double[] x = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, 1e-300, -1e-20,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
    double[] sin = new double[x.length];
    double[] cos = new double[x.length];
    SinCos.sin(x, sin);
    SinCos.cos(x, cos);
    // sin keeps the sign of zero and gives tiny x itself; cos is 1 there.
    for (int i = 0; i < 6; i++) {
      assertEquals(Double.doubleToRawLongBits(x[i]), Double.doubleToRawLongBits(sin[i]),
          "sin(" + x[i] + ")");
      assertEquals(1.0, cos[i], "cos(" + x[i] + ")");
    }
    for (int i = 6; i < x.length; i++) {
      assertTrue(Double.isNaN(sin[i]) && Double.isNaN(cos[i]), "sin and cos of " + x[i]);
    }
  }

  /**
   * Where the kernel does not hold (q = rint(|x|·2/π) past 2²⁰, from about 1.6471e6), Math's
   * values, wherever in a block the element falls, at every length (below {@link SinCos#SHORT}
   * one element at a time); every other element keeps the kernel's value, the same bits as
   * the one-element functions give, whatever else the array holds: 1.64e6, past the bound but
   * within q ≤ 2²⁰, too.
   */
  @Test
  void outOfRangeElementsGetMathsValuesAndTheOthersTheKernels() {
    SplittableRandom random = new SplittableRandom(5);
    for (int length : new int[] {3, 31, 32, 1023, 1024, 1025, 5000}) {
      double[] x = new double[length];
      for (int i = 0; i < length; i++) {
        x[i] = random.nextDouble(-4, 4);
      }
      int far = random.nextInt(length - 2);
      x[far] = far % 2 == 0 ? 1e300 : -1.6472e6;
      x[length - 2] = 1.64e6;
      x[length - 1] = Double.MAX_VALUE;
      double[] sin = new double[length];
      double[] cos = new double[length];
      SinCos.sin(x, sin);
      SinCos.cos(x, cos);
      for (int i = 0; i < length; i++) {
        boolean past = i == far || i == length - 1;
        assertEquals(past ? Math.sin(x[i]) : SinCosSteps.sin(x[i]), sin[i], "sin(" + x[i] + ")");
        assertEquals(past ? Math.cos(x[i]) : SinCosSteps.cos(x[i]), cos[i], "cos(" + x[i] + ")");
      }
      assertTrue(ulps(sin[length - 2], StrictMath.sin(1.64e6)) <= ULPS, "sin(1.64e6)");
    }
  }

  /** The loops and the one-element functions are the same steps: the same bits. */
  @Test
  void theLoopsGiveTheOneElementFunctionsBits() {
    SplittableRandom random = new SplittableRandom(29);
    double[] x = new double[3000];
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.pow(10, random.nextDouble(-20, 6.2)) * (random.nextBoolean() ? 1 : -1);
    }
    x[0] = -0.0;
    x[1] = Double.NaN;
    x[2] = Double.NEGATIVE_INFINITY;
    double[] sin = new double[x.length];
    double[] cos = new double[x.length];
    SinCos.sin(x, sin);
    SinCos.cos(x, cos);
    for (int i = 0; i < x.length; i++) {
      assertEquals(Double.doubleToLongBits(SinCosSteps.sin(x[i])),
          Double.doubleToLongBits(sin[i]), "sin(" + x[i] + ")");
      assertEquals(Double.doubleToLongBits(SinCosSteps.cos(x[i])),
          Double.doubleToLongBits(cos[i]), "cos(" + x[i] + ")");
    }
  }
}
