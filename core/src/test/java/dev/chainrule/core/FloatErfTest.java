package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The float32 erf against the float64 one (within 1.8e-15 relative, a reference to floats). */
class FloatErfTest {
  /**
   * The polynomial's part (|x| ≤ 1) measured 1.6 ulps in a simulation of its float steps, the
   * 1 − erfc part erfc's 7 ulps of at most 0.157 scaled into a result of at least 0.84 (about
   * 1.3) and the subtraction's rounding; measured worst on these points 1.48 (at 0.46652037).
   */
  private static final double ULPS = 2;

  @Test
  void withinTwoUlpsOnRandomPoints() {
    SplittableRandom random = new SplittableRandom(3);
    float[] x = new float[2_000_000];
    for (int i = 0; i < x.length; i++) {
      // Uniform over [−5, 5] and log-uniform magnitudes from 1e-30 to 5, both signs.
      x[i] = i % 2 == 0 ? (float) random.nextDouble(-5, 5)
          : (float) (Math.pow(10, random.nextDouble(-30, 0.7)) * (random.nextBoolean() ? 1 : -1));
    }
    float[] out = new float[x.length];
    FloatErf.erf(x, out, 0, x.length);
    double worst = 0;
    float worstAt = 0;
    for (int i = 0; i < x.length; i++) {
      double reference = SpecialFunctions.erf(x[i]);
      double ulps = Math.abs(out[i] - reference) / Math.ulp((float) reference);
      if (ulps > worst) {
        worst = ulps;
        worstAt = x[i];
      }
    }
    assertTrue(worst <= ULPS, "erf(" + worstAt + ") is off by " + worst + " ulps");
  }

  @Test
  void specialValuesAreErfs() {
    assertEquals(1f, FloatErf.erf(Float.POSITIVE_INFINITY));
    assertEquals(-1f, FloatErf.erf(Float.NEGATIVE_INFINITY));
    assertEquals(1f, FloatErf.erf(20f));
    assertTrue(Float.isNaN(FloatErf.erf(Float.NaN)));
    // Signed zeros kept, as PyTorch's erf keeps them; the smallest subnormal gives 2/√π times it.
    assertEquals(Float.floatToIntBits(0f), Float.floatToIntBits(FloatErf.erf(0f)));
    assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(FloatErf.erf(-0f)));
    assertEquals((float) SpecialFunctions.erf(-Float.MIN_VALUE), FloatErf.erf(-Float.MIN_VALUE));
  }

  /** The array's loops and the one-element function are the same steps, in place too. */
  @Test
  void theLoopsGiveTheScalarFunctionsBitsInPlace() {
    SplittableRandom random = new SplittableRandom(5);
    float[] x = new float[5_000];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextDouble(-4, 4);
    }
    x[0] = Float.NaN;
    x[1] = -0f;
    float[] expected = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      expected[i] = FloatErf.erf(x[i]);
    }
    FloatErf.erf(x, x, 0, x.length);
    for (int i = 0; i < x.length; i++) {
      assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(x[i]), "at " + i);
    }
  }
}
