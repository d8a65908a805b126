package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The log kernels, which compute the special values' results in arithmetic and patch them on
 * masks of the bits, against the branching form they replace ({@link #reference}), bit for bit:
 * each special value at every position of ranges either side of the scalar threshold and of
 * the unrolled loops' strides, and random mixtures of specials and positives, in both types.
 * NaN must come out as Double.NaN's (Float.NaN's) bits whatever the input NaN's were.
 */
class FastLogSpecialsTest {
  private static final double[] SPECIALS = {0.0, -0.0, -1, -Double.MIN_VALUE, -Double.MAX_VALUE,
      Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NaN,
      Double.longBitsToDouble(0xfff8_0000_0000_0001L),
      Double.longBitsToDouble(0x7ff0_0000_0000_0001L),
      Double.MIN_VALUE, 3 * Double.MIN_VALUE, 0x1.3p-1040, Double.MIN_NORMAL,
      Double.MIN_NORMAL - Double.MIN_VALUE, Double.MAX_VALUE, 1, Float.MIN_VALUE,
      3 * Float.MIN_VALUE, 0x1.3p-140, Float.MIN_NORMAL, Float.MAX_VALUE};
  private static final int[] LENGTHS = {31, 32, 33, 40, 64, 67};

  /** The branching form: Math.log's special values, a subnormal scaled into the normal range. */
  private static double reference(double x) {
    if (x == 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (!(x > 0)) {
      return Double.NaN;
    }
    if (x == Double.POSITIVE_INFINITY) {
      return x;
    }
    boolean subnormal = x < Double.MIN_NORMAL;
    double normal = subnormal ? x * 0x1p54 : x;
    long shifted = Double.doubleToRawLongBits(normal) + Double.doubleToRawLongBits(1)
        - Double.doubleToRawLongBits(Math.sqrt(0.5));
    double m = Double.longBitsToDouble(((shifted & ((1L << 52) - 1))
        + Double.doubleToRawLongBits(Math.sqrt(0.5))));
    double k = (int) (shifted >>> 52) - 1023 + (subnormal ? -54 : 0);
    return k * FastMath.LN2_HI + (k * FastMath.LN2_LO + FastLog.polynomial(m - 1));
  }

  private static float reference(float x) {
    if (x == 0) {
      return Float.NEGATIVE_INFINITY;
    }
    if (!(x > 0)) {
      return Float.NaN;
    }
    if (x == Float.POSITIVE_INFINITY) {
      return x;
    }
    boolean subnormal = x < Float.MIN_NORMAL;
    float normal = subnormal ? x * 0x1p25f : x;
    int shifted = Float.floatToRawIntBits(normal) + Float.floatToRawIntBits(1f)
        - Float.floatToRawIntBits((float) Math.sqrt(0.5));
    float m = Float.intBitsToFloat((shifted & ((1 << 23) - 1))
        + Float.floatToRawIntBits((float) Math.sqrt(0.5)));
    float k = (shifted >>> 23) - 127 + (subnormal ? -25 : 0);
    return k * FastMath.LN2_HI_F + (k * FastMath.LN2_LO_F + FastLog.polynomial(m - 1));
  }

  private static void assertKernelMatches(double[] in, String what) {
    double[] out = new double[in.length];
    TranscendentalF64.log(in, out, 0, in.length);
    float[] inF = new float[in.length];
    for (int i = 0; i < in.length; i++) {
      inF[i] = (float) in[i];
    }
    float[] outF = new float[in.length];
    TranscendentalF32.log(inF, outF, 0, in.length);
    for (int i = 0; i < in.length; i++) {
      assertEquals(Long.toHexString(Double.doubleToRawLongBits(reference(in[i]))),
          Long.toHexString(Double.doubleToRawLongBits(out[i])), what + " at " + i + ": " + in[i]);
      assertEquals(Integer.toHexString(Float.floatToRawIntBits(reference(inF[i]))),
          Integer.toHexString(Float.floatToRawIntBits(outF[i])),
          what + " f at " + i + ": " + inF[i]);
      assertEquals(Double.doubleToRawLongBits(reference(in[i])),
          Double.doubleToRawLongBits(FastLog.log(in[i])), "scalar log(" + in[i] + ")");
      assertEquals(Float.floatToRawIntBits(reference(inF[i])),
          Float.floatToRawIntBits(FastLog.log(inF[i])), "scalar log(" + inF[i] + "f)");
    }
  }

  @Test
  void eachSpecialAtEveryPositionGivesTheBranchingFormsBits() {
    SplittableRandom random = new SplittableRandom(11);
    for (int n : LENGTHS) {
      double[] base = new double[n];
      for (int i = 0; i < n; i++) {
        base[i] = random.nextDouble(0.01, 100);
      }
      for (double special : SPECIALS) {
        for (int at = 0; at < n; at++) {
          double[] in = base.clone();
          in[at] = special;
          assertKernelMatches(in, special + " at " + at + " of " + n);
        }
      }
    }
  }

  @Test
  void randomMixturesGiveTheBranchingFormsBits() {
    SplittableRandom random = new SplittableRandom(13);
    for (double share : new double[] {0, 0.1, 0.5, 1}) {
      double[] in = new double[4099];
      for (int i = 0; i < in.length; i++) {
        in[i] = random.nextDouble() < share ? SPECIALS[random.nextInt(SPECIALS.length)]
            : random.nextDouble(1e-300, 10) * Math.pow(2, random.nextInt(-60, 60));
      }
      assertKernelMatches(in, "share " + share);
    }
  }
}
