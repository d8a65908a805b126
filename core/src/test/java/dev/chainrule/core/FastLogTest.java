package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * FastLog against {@link StrictMath#log} (fdlibm, within one ulp of the truth): the double form
 * within 3 ulps of it (its own two plus the reference's: s = f/(2 + f) rounds twice, and near
 * x = 1, where log x ≈ 2s, that rounding is most of the result), the float form within two float
 * ulps of the reference rounded to float. A million random inputs over every binade, the
 * subnormals included, half of them within 1 % of 1, where log cancels; then the special values,
 * exactly, and the kernels, which must give the scalar function's bits.
 */
class FastLogTest {
  private static final int SAMPLES = 1_000_000;

  /** Positive x spread over every binade of the type, half within 1 % of 1. */
  private static double draw(SplittableRandom random, int i, boolean asFloat) {
    if (i % 2 == 0) {
      return 1 + random.nextDouble(-0.01, 0.01);
    }
    int low = asFloat ? -149 : -1074;
    int high = asFloat ? 128 : 1024;
    return random.nextDouble(1, 2) * Math.pow(2, random.nextInt(low, high));
  }

  @Test
  void doubleFormIsWithinThreeUlpsOfStrictMath() {
    SplittableRandom random = new SplittableRandom(3);
    double worst = 0;
    for (int i = 0; i < SAMPLES; i++) {
      double x = draw(random, i, false);
      if (!(x > 0 && x < Double.POSITIVE_INFINITY)) {
        continue;
      }
      double expected = StrictMath.log(x);
      double ulp = expected == 0 ? Double.MIN_VALUE : Math.ulp(expected);
      worst = Math.max(worst, Math.abs(FastLog.log(x) - expected) / ulp);
    }
    assertTrue(worst <= 3, "worst " + worst + " ulps");
  }

  @Test
  void floatFormIsWithinTwoFloatUlps() {
    SplittableRandom random = new SplittableRandom(5);
    double worst = 0;
    for (int i = 0; i < SAMPLES; i++) {
      float x = (float) draw(random, i, true);
      if (!(x > 0 && x < Float.POSITIVE_INFINITY)) {
        continue;
      }
      float expected = (float) StrictMath.log(x);
      double ulp = expected == 0 ? Float.MIN_VALUE : Math.ulp(expected);
      worst = Math.max(worst, Math.abs(FastLog.log(x) - expected) / ulp);
    }
    assertTrue(worst <= 2, "worst " + worst + " float ulps");
  }

  @Test
  void specialValuesAreMathLogs() {
    double[] specials = {0.0, -0.0, -1, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
        Double.NaN, 1, 2, 0.5, Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE};
    for (double x : specials) {
      double expected = Math.log(x);
      assertEquals(expected, FastLog.log(x), Double.isFinite(expected) ? Math.ulp(expected) : 0,
          "log(" + x + ")");
      float f = (float) x;
      float expectedF = (float) Math.log(f);
      assertEquals(expectedF, FastLog.log(f), Float.isFinite(expectedF) ? Math.ulp(expectedF) : 0,
          "log(" + f + "f)");
    }
    // Exactly: 0 at 1 (no rounding in k·ln2 + 2s with k = 0 and s = 0), and the infinities.
    assertEquals(0.0, FastLog.log(1.0), 0);
    assertEquals(0f, FastLog.log(1f), 0);
    assertEquals(Double.NEGATIVE_INFINITY, FastLog.log(-0.0));
    assertEquals(Float.NEGATIVE_INFINITY, FastLog.log(Float.MIN_VALUE / 2));
  }

  @Test
  void kernelsGiveTheScalarFunctionsBits() {
    SplittableRandom random = new SplittableRandom(9);
    double[] values = new double[1000];
    for (int i = 0; i < values.length; i++) {
      values[i] = i % 7 == 0 ? -random.nextDouble() : draw(random, i, false);
    }
    Tensor x = Tensor.vector(values);
    // Long enough for the three loops; the short ranges take the scalar function.
    for (Tensor t : new Tensor[] {x, x.to(DType.FLOAT32), x.slice(0, 0, 5)}) {
      Tensor logs = t.log();
      for (int i = 0; i < t.size(); i++) {
        double expected = t.dtype() == DType.FLOAT32 ? FastLog.log((float) t.flatGet(i))
            : FastLog.log(t.flatGet(i));
        assertEquals(expected, logs.flatGet(i), 0, t.dtype() + " log(" + t.flatGet(i) + ")");
      }
    }
  }
}
