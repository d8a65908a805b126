package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The float32 erfc against the float64 one ({@link SpecialFunctions#erfc(double)}, within 1.3e-15
 * relative, so its value rounded to float is the reference to a fraction of a float ulp).
 */
class FloatErfcTest {
  /**
   * The bound FloatErfc states: the rounding of t (which the polynomial reads too, amplifying it
   * to about 2.3 ulps near 0), the exponential's few ulps and four roundings more. Measured worst
   * on these points 6.26 ulps with fused multiply-adds (at 0.4929241, 3.8e-7 relative) and 6.90
   * without (the build runs this class both ways); a scan of every float by the s65 reviewer
   * found 6.51 and 7.29.
   */
  private static final double NORMAL_ULPS = 8;
  /**
   * Where the result is subnormal: the exponential's rounding there, and a rounding more; the
   * reviewer's scan found 1.12·2⁻¹⁴⁸ near 9.2 (one step of 2⁻¹⁴⁹ more than first stated).
   */
  private static final double SUBNORMAL_ERROR = 0x1p-147;

  @Test
  void withinEightUlpsOnRandomAndDensePoints() {
    SplittableRandom random = new SplittableRandom(7);
    float[] x = new float[4_000_000];
    for (int i = 0; i < x.length; i++) {
      // Half uniform over [−10.1, 10.1], half of magnitudes from 1e-6 to 10 (log-uniform), both
      // signs: small arguments, where erfc is near 1 and t's rounding counts most, get their share.
      x[i] = i % 2 == 0 ? (float) random.nextDouble(-10.1, 10.1)
          : (float) (Math.pow(10, random.nextDouble(-6, 1)) * (random.nextBoolean() ? 1 : -1));
    }
    assertWithinBound(x);
  }

  /** Every float of [1/32, 1/8), where t's rounding weighs most (erfc's slope near 1). */
  @Test
  void withinEightUlpsOnEveryFloatOfAnOctavePairNearZero() {
    int from = Float.floatToIntBits(1f / 32);
    int to = Float.floatToIntBits(1f / 8);
    float[] x = new float[1 << 20];
    for (int start = from; start < to; start += x.length) {
      for (int i = 0; i < x.length; i++) {
        x[i] = Float.intBitsToFloat(start + i);
      }
      assertWithinBound(x);
    }
  }

  /** Every float of [9.19, 9.22], where the result turns subnormal (its worst rounding seen). */
  @Test
  void withinBoundsWhereTheResultTurnsSubnormal() {
    int from = Float.floatToIntBits(9.19f);
    int to = Float.floatToIntBits(9.22f);
    float[] x = new float[to - from];
    for (int i = 0; i < x.length; i++) {
      x[i] = Float.intBitsToFloat(from + i);
    }
    assertWithinBound(x);
  }

  @Test
  void specialValuesAreErfcs() {
    assertEquals(2f, FloatErfc.erfc(Float.NEGATIVE_INFINITY));
    assertEquals(0f, FloatErfc.erfc(Float.POSITIVE_INFINITY));
    assertEquals(0f, FloatErfc.erfc(10.1f));
    assertEquals(2f, FloatErfc.erfc(-10.1f));
    assertTrue(Float.isNaN(FloatErfc.erfc(Float.NaN)));
    // Exactly, as PyTorch's: GELU's gradient at 0 is then ½.
    assertEquals(1f, FloatErfc.erfc(0f));
    assertEquals(1f, FloatErfc.erfc(-0f));
    assertEquals(1f, FloatErfc.erfc(Float.MIN_VALUE));
  }

  /** The arrays' loops and the one-element function are the same steps: the same bits. */
  @Test
  void theLoopsGiveTheScalarFunctionsBits() {
    SplittableRandom random = new SplittableRandom(11);
    float[] x = new float[10_000];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextDouble(-12, 12);
    }
    x[0] = Float.NaN;
    x[1] = Float.NEGATIVE_INFINITY;
    float[] out = new float[x.length];
    FloatErfc.erfc(x, out, 0, x.length);
    for (int i = 0; i < x.length; i++) {
      assertEquals(Float.floatToIntBits(FloatErfc.erfc(x[i])), Float.floatToIntBits(out[i]),
          "at " + x[i]);
    }
  }

  /** The worst error in ulps where the result is normal, after asserting the bounds. */
  private static double assertWithinBound(float[] x) {
    float[] out = new float[x.length];
    FloatErfc.erfc(x, out, 0, x.length);
    double worst = 0;
    float worstAt = 0;
    for (int i = 0; i < x.length; i++) {
      double reference = SpecialFunctions.erfc(x[i]);
      double error = Math.abs(out[i] - reference);
      if (reference < Float.MIN_NORMAL) {
        assertTrue(error <= SUBNORMAL_ERROR,
            "erfc(" + x[i] + ") = " + out[i] + ", the float64 erfc " + reference);
        continue;
      }
      double ulps = error / Math.ulp((float) reference);
      if (ulps > worst) {
        worst = ulps;
        worstAt = x[i];
      }
    }
    assertTrue(worst <= NORMAL_ULPS, "erfc(" + worstAt + ") is off by " + worst + " ulps");
    return worst;
  }
}
