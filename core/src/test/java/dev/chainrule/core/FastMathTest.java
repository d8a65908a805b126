package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * FastMath against references: {@link StrictMath} (fdlibm, within one ulp of the truth) for exp
 * and tanh, and sigmoid computed from StrictMath's exp (two roundings more). The double forms must
 * stay within 3 ulps of the reference: their own error of about two ulps plus the reference's
 * (measured with hardware FMA: 2 for exp, 3 for tanh and for sigmoid against its three-rounding
 * reference). Without hardware FMA ({@code -Dchainrule.fma=false}, which the build also runs)
 * tanh reaches 4: e^r − 1 rounds once more before tanh's sum 2^k(e^r − 1) + 2^k − 1 cancels part
 * of it. The float forms compute in float, so that eight elements go through one instruction:
 * within two float ulps of the reference rounded to float (measured: 1 for exp, 2 for tanh and
 * sigmoid, either way). A million random inputs per function, spread over the whole range where
 * the functions are interesting, plus the special values.
 */
class FastMathTest {
  private static final int SAMPLES = 1_000_000;

  private static double sigmoidReference(double x) {
    return x >= 0 ? 1 / (1 + StrictMath.exp(-x)) : StrictMath.exp(x) / (1 + StrictMath.exp(x));
  }

  /** Largest error in ulps of the reference over random x in [−range, range], half near 0. */
  private static double worstUlps(DoubleUnaryOperator fast, DoubleUnaryOperator reference,
      double range, boolean asFloat) {
    SplittableRandom random = new SplittableRandom(7);
    double worst = 0;
    for (int i = 0; i < SAMPLES; i++) {
      double x = i % 2 == 0 ? random.nextDouble(-range, range) : random.nextDouble(-1, 1);
      if (asFloat) {
        x = (float) x;
      }
      double expected = asFloat ? (float) reference.applyAsDouble(x) : reference.applyAsDouble(x);
      double got = fast.applyAsDouble(x);
      double ulp = asFloat ? Math.ulp((float) expected) : Math.ulp(expected);
      worst = Math.max(worst, Math.abs(got - expected) / ulp);
    }
    return worst;
  }

  @Test
  void doubleFormsAreWithinThreeUlpsOfTheReferences() {
    assertTrue(worstUlps(FastMath::exp, StrictMath::exp, 700, false) <= 3, "exp");
    assertTrue(worstUlps(FastMath::tanh, StrictMath::tanh, 25, false)
        <= (FastMath.HARDWARE_FMA ? 3 : 4), "tanh");
    assertTrue(worstUlps(FastMath::sigmoid, FastMathTest::sigmoidReference, 700, false) <= 3,
        "sigmoid");
  }

  @Test
  void floatFormsAreWithinTwoFloatUlps() {
    assertTrue(worstUlps(x -> FastMath.exp((float) x), StrictMath::exp, 87, true) <= 2, "exp");
    assertTrue(worstUlps(x -> FastMath.tanh((float) x), StrictMath::tanh, 12, true) <= 2,
        "tanh");
    assertTrue(worstUlps(x -> FastMath.sigmoid((float) x), FastMathTest::sigmoidReference, 87,
        true) <= 2, "sigmoid");
  }

  /**
   * The float twin of expScale is all of e^x's second step, limits included (the double one
   * leaves |x| ≥ 708 to a pass of its own): within 2 float ulps of the reference like exp itself,
   * and 0 and ∞ past float's range.
   */
  @Test
  void theFloatScaleStepIsTheWholeSecondStep() {
    SplittableRandom random = new SplittableRandom(13);
    for (int i = 0; i < 10_000; i++) {
      float x = (float) random.nextDouble(-87, 87);
      float expected = (float) StrictMath.exp(x);
      assertEquals(expected, FastMath.expScale(x, FastMath.expPolynomial(x)),
          2 * Math.ulp(expected), "e^" + x);
    }
    assertEquals(0f, FastMath.expScale(-200f, FastMath.expPolynomial(-200f)), 0f);
    assertEquals(Float.POSITIVE_INFINITY, FastMath.expScale(200f, FastMath.expPolynomial(200f)));
  }

  @Test
  void floatFormsAreRightWhereTheirScalingSplitsAndAtTheirLimits() {
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 100_000; i++) {
      // Subnormal results (e^x for x from −103.97 to −87.34): the float form rounds the product
      // once, so it stays within one subnormal step of the reference, which rounds once too.
      float tiny = (float) random.nextDouble(-105, -87);
      assertEquals((float) StrictMath.exp(tiny), FastMath.exp(tiny), Float.MIN_VALUE,
          "exp(" + tiny + "f)");
      // Sigmoid's subnormal results, 1/(1 + e^−x) with e^−x a large normal number: one rounding.
      float tail = (float) random.nextDouble(-88.72, -87.34);
      assertEquals((float) sigmoidReference(tail), FastMath.sigmoid(tail), Float.MIN_VALUE,
          "sigmoid(" + tail + "f)");
      // Up to the largest finite result, where 2^k's two factors are largest.
      float large = (float) random.nextDouble(87, 88.72283);
      float expected = (float) StrictMath.exp(large);
      assertEquals(expected, FastMath.exp(large), 2 * Math.ulp(expected), "exp(" + large + "f)");
    }
    float largest = (float) StrictMath.exp(88.72283f);
    assertTrue(Float.isFinite(largest), "e^88.72283 is the largest finite float exponential");
    assertEquals(largest, FastMath.exp(88.72283f), 2 * Math.ulp(largest), "exp(88.72283f)");
    for (float overflows : new float[] {88.73f, 89f, 100f, 1e30f, Float.MAX_VALUE}) {
      assertEquals(Float.POSITIVE_INFINITY, FastMath.exp(overflows), "exp(" + overflows + "f)");
      assertEquals(0f, FastMath.exp(-overflows - 16), "exp(" + (-overflows - 16) + "f)");
    }
    assertEquals(0.5f, FastMath.sigmoid(-0f));
    assertEquals(1f, FastMath.sigmoid(Float.POSITIVE_INFINITY));
    assertEquals(0f, FastMath.sigmoid(Float.NEGATIVE_INFINITY));
    assertTrue(Float.isNaN(FastMath.sigmoid(Float.NaN)));
    // Tiny and subnormal x: tanh x rounds to x, which the clamping that gives the sign keeps.
    for (float small : new float[] {1e-20f, -1e-30f, 1e-40f, -Float.MIN_VALUE}) {
      assertEquals((float) StrictMath.tanh(small), FastMath.tanh(small), "tanh(" + small + "f)");
    }
  }

  @Test
  void doubleFormIsRightWhereItsScalingSplits() {
    // From ±708 2^k leaves the normal range and is applied as two normal factors, so the product
    // rounds once: within the polynomial's 3 ulps where the result is normal, and where it is
    // subnormal within 3 of its steps (Math.ulp of a subnormal is the least subnormal).
    SplittableRandom random = new SplittableRandom(66);
    double[] edges = {-708, -708.4, -709, -745, -745.13, -745.14, -745.99, 708, 709.7,
        709.782712893384};
    for (int i = 0; i < 100_000 + edges.length; i++) {
      double x = i < edges.length ? edges[i]
          : i % 2 == 0 ? random.nextDouble(-746, -708) : random.nextDouble(708, 709.78);
      double expected = StrictMath.exp(x);
      assertEquals(expected, FastMath.exp(x), 3 * Math.ulp(expected), "exp(" + x + ")");
    }
    assertTrue(Double.isFinite(FastMath.exp(709.782712893384)), "e^709.78 is the largest");
  }

  @Test
  void theFmaChoiceFollowsTheOverrideOrElseHotSpot() {
    String forced = System.getProperty("chainrule.fma");
    boolean expected = forced != null ? Boolean.parseBoolean(forced)
        : Boolean.parseBoolean(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
            .getVMOption("UseFMA").getValue());
    assertEquals(expected, FastMath.HARDWARE_FMA);
  }

  @Test
  void specialValuesAreThoseOfMath() {
    double[] specials = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 710, 711, 1e300, -746, -746.01, -1000, -1e300,
        -103.9, -104, -105, -105.01, 1e-300, -1e-300, Double.MIN_VALUE};
    for (double x : specials) {
      assertEquals(Math.exp(x), FastMath.exp(x), "exp(" + x + ")");
      assertEquals(StrictMath.tanh(x), FastMath.tanh(x), "tanh(" + x + ")");
      assertEquals((float) Math.exp(x), FastMath.exp((float) x), "exp(" + x + "f)");
      assertEquals((float) StrictMath.tanh(x), FastMath.tanh((float) x), "tanh(" + x + "f)");
    }
    assertEquals(0.5, FastMath.sigmoid(-0.0));
    assertEquals(1.0, FastMath.sigmoid(Double.POSITIVE_INFINITY));
    assertEquals(0.0, FastMath.sigmoid(Double.NEGATIVE_INFINITY));
    assertTrue(Double.isNaN(FastMath.sigmoid(Double.NaN)));
    // 1 + e^708 rounds to e^708, so sigmoid(−708) is e^−708 (a normal number) within its ulps.
    assertEquals(StrictMath.exp(-708.0), FastMath.sigmoid(-708.0),
        4 * Math.ulp(StrictMath.exp(-708.0)), "sigmoid(−708) is e^−708, within 4 ulps");
    assertEquals(0.0, FastMath.sigmoid(-710.0), "0 where e^−x overflows, as PyTorch's");
    assertEquals(0f, FastMath.sigmoid(-89f), "0 where e^−x overflows, as PyTorch's");
  }

  @Test
  void aNaNComesBackWithItsOwnBits() {
    // exp's and tanh's rare paths return x itself for NaN, told by x != x (no call there: see
    // FastMath.beyondLimit); assertEquals on doubles would take any NaN, so the bits are compared.
    // The first is a signaling NaN, which arithmetic (x + ∞, say) would return quieted.
    for (long bits : new long[] {0x7ff0_0000_0000_1234L, 0xfff8_0000_0000_0042L}) {
      double nan = Double.longBitsToDouble(bits);
      assertEquals(bits, Double.doubleToRawLongBits(FastMath.exp(nan)), "exp of a NaN");
      assertEquals(bits, Double.doubleToRawLongBits(FastMath.tanh(nan)), "tanh of a NaN");
    }
  }

}
