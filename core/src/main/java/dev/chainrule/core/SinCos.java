package dev.chainrule.core;

/**
 * sin and cos over float64 arrays in arithmetic that HotSpot 17 vectorizes, and over float32
 * arrays through it (each block widened, computed in float64, rounded once); the elementwise
 * kernels pick them by overloading. Math.sin and Math.cos are a call per element, 7–8 ns.
 *
 * <p>For a = |x|, q = rint(a·2/π) and r = a − q·π/2, taken exactly as hi + lo: π/2 is split in
 * four parts, the first three of 32 bits (so q·part is exact for q ≤ 2²¹, with or without a
 * fused multiply-add), the last the 53 bits that follow (π/2 to 149 bits); the first subtraction
 * is exact (Sterbenz), the second's rounding error is recovered by Knuth's two-sum, and lo also
 * takes the last two parts (|lo| ≤ 2.2e-15). On |r| ≤ π/4, sin r = r + r³·s(r²) and cos r =
 * 1 − r²/2 + r⁴·c(r²) with Taylor polynomials (sin to r¹⁷, whose next term is 1e-19 of the
 * result there; cos to r¹⁶, 3e-18), cos's 1 − r²/2 with its rounding error put back (fdlibm's
 * __kernel_cos), and lo entered to first order (sin(hi + lo) ≈ sin hi + lo·cos hi, cos hi ≈ 1 −
 * hi²/2 + hi⁴/24, and cos(hi + lo) ≈ cos hi − lo·hi·(1 − hi²/6); lo² is below 5e-30). q mod 4
 * picks ±sin r or ±cos r (cos: q + 1), by arithmetic: (1 − 2n)·(o·cos + (1 − o)·sin) with o and
 * n q's two low bits, from Math.floor. sin is odd, so it is computed for |x| and multiplied by
 * x·2¹²⁰⁰ limited to [−1, 1], which is ±1 and keeps −0.0: sin(−0.0) = −0.0 (r = +0.0 plus the
 * polynomial's +0.0 would give +0.0 otherwise). Tiny x gives x, cos(0) = 1.
 *
 * <p>The kernel holds for q ≤ 2²⁰ (|x| ≤ 1.6e6 always does). Each element adds rint(q/2²¹), 0
 * below, to a flag per lane; if any flag is not 0 after the last block (q beyond 2²⁰, or x
 * ±∞ or NaN), a second pass gives every element with |x| &gt; {@link #BOUND} (or NaN) Math's
 * value: a cheap, predictable scan where all are in range, and Math's sin everywhere the kernel
 * would be inexact. sin(±∞) and cos(±∞) are NaN, NaN stays NaN.
 *
 * <p>Measured against StrictMath ({@code SinCosTest}; 2 million points per range: uniform on
 * [−10, 10], log-uniform magnitudes in 1e-300..1e-8, 1e-8..1, 1..1e3 and 1e3..1.6e6, and the
 * nearest doubles, ±2 ulps, to every multiple of π/2 up to (2²⁰ + 1)·π/2): within 1 ulp
 * everywhere, with and without fused multiply-adds (2–3 % of the results are an ulp off
 * StrictMath's, none of those below 1e-8). float32: the same bits as Math's value rounded once,
 * which the float32 kernel gave before, on all of 40 million random points and on every float
 * of magnitude in [1/16, 16) (268 million results).
 *
 * <p>The steps are four loops over a block of 1024 elements in arrays indexed alike. Each loop
 * is a method of its own, called through an interface from one call site that sees all of them,
 * so HotSpot compiles each one on its own: inlined into the loop over blocks (as plain calls
 * were), the polynomials' 30 constants, hoisted out of it, no longer fit the 32 vector
 * registers and were reloaded from the stack at every multiply-add, and the kernel took 4–5 ns
 * an element instead of 1.5–1.7 (HotSpot 17, AVX-512).
 */
final class SinCos {
  /** Beyond this |x| (or at NaN) the second pass may take Math's value; the kernel holds below. */
  static final double BOUND = 1.6e6;
  /** Elements per block: its seven arrays, 56 KiB, stay in the nearest caches between steps. */
  private static final int BLOCK = 1024;
  private static final double TWO_OVER_PI = 0x1.45f306dc9c883p-1;
  /** π/2 = PIO2_1 + PIO2_2 + PIO2_3 + PIO2_4 to 149 bits; the first three have 32 bits each. */
  private static final double PIO2_1 = 0x1.921fb544p0;
  private static final double PIO2_2 = 0x1.0b4611a6p-34;
  private static final double PIO2_3 = 0x1.3198a2ep-69;
  private static final double PIO2_4 = 0x1.b839a252049c1p-104;
  /** rint(q·2⁻²¹) is 0 exactly where q ≤ 2²⁰ (2⁻¹ rounds to even, 0). */
  private static final double FLAG_SCALE = 0x1p-21;
  /** x·2⁶⁰⁰·2⁶⁰⁰ reaches ±1 from the least subnormal on. */
  private static final double HUGE = 0x1p600;
  /** sin's Taylor coefficients (−1)ᵏ/(2k + 1)!, r³ to r¹⁷. */
  private static final double S3 = -0x1.5555555555555p-3;
  private static final double S5 = 0x1.1111111111111p-7;
  private static final double S7 = -0x1.a01a01a01a01ap-13;
  private static final double S9 = 0x1.71de3a556c734p-19;
  private static final double S11 = -0x1.ae64567f544e4p-26;
  private static final double S13 = 0x1.6124613a86d09p-33;
  private static final double S15 = -0x1.ae7f3e733b81fp-41;
  private static final double S17 = 0x1.952c77030ad4ap-49;
  /** cos's Taylor coefficients (−1)ᵏ/(2k)!, r⁴ to r¹⁶. */
  private static final double C4 = 0x1.5555555555555p-5;
  private static final double C6 = -0x1.6c16c16c16c17p-10;
  private static final double C8 = 0x1.a01a01a01a01ap-16;
  private static final double C10 = -0x1.27e4fb7789f5cp-22;
  private static final double C12 = 0x1.1eed8eff8d898p-29;
  private static final double C14 = -0x1.93974a8c07c9dp-37;
  private static final double C16 = 0x1.ae7f3e733b81fp-45;

  private static final Step[] SINE = {Step.REDUCE, Step.SINES, Step.COSINES, Step.SIN_RESULTS};
  private static final Step[] COSINE = {Step.REDUCE, Step.SINES, Step.COSINES, Step.COS_RESULTS};

  private SinCos() {}

  /** sin of every element; {@code out} must not be {@code in}. */
  static void sin(double[] in, double[] out) {
    evaluate(in, out, SINE);
  }

  /** cos of every element; {@code out} must not be {@code in}. */
  static void cos(double[] in, double[] out) {
    evaluate(in, out, COSINE);
  }

  /** sin of every element, in float64 rounded once; {@code out} must not be {@code in}. */
  static void sin(float[] in, float[] out) {
    evaluate(in, out, SINE);
  }

  /** cos of every element, in float64 rounded once; {@code out} must not be {@code in}. */
  static void cos(float[] in, float[] out) {
    evaluate(in, out, COSINE);
  }

  private static void evaluate(double[] in, double[] out, Step[] steps) {
    Block block = Block.of(Math.min(in.length, BLOCK));
    for (int from = 0, length; from < in.length; from += length) {
      length = Math.min(BLOCK, in.length - from);
      System.arraycopy(in, from, block.x(), 0, length);
      for (Step step : steps) {
        step.run(block, length);
      }
      System.arraycopy(block.sin(), 0, out, from, length);
    }
    if (block.anyFlagged()) {
      boolean sine = steps == SINE;
      for (int i = 0; i < in.length; i++) {
        if (!(Math.abs(in[i]) <= BOUND)) {
          out[i] = sine ? Math.sin(in[i]) : Math.cos(in[i]);
        }
      }
    }
  }

  /** The float64 steps on each block widened; a copy loop, so it vectorizes (see the class). */
  private static void evaluate(float[] in, float[] out, Step[] steps) {
    Block block = Block.of(Math.min(in.length, BLOCK));
    double[] x = block.x();
    double[] result = block.sin();
    for (int from = 0, length; from < in.length; from += length) {
      length = Math.min(BLOCK, in.length - from);
      for (int i = 0; i < length; i++) {
        x[i] = in[from + i];
      }
      for (Step step : steps) {
        step.run(block, length);
      }
      for (int i = 0; i < length; i++) {
        out[from + i] = (float) result[i];
      }
    }
    if (block.anyFlagged()) {
      boolean sine = steps == SINE;
      for (int i = 0; i < in.length; i++) {
        if (!(Math.abs(in[i]) <= BOUND)) {
          out[i] = (float) (sine ? Math.sin(in[i]) : Math.cos(in[i]));
        }
      }
    }
  }

  private static double madd(double a, double b, double c) {
    return FastMath.HARDWARE_FMA ? Math.fma(a, b, c) : a * b + c;
  }

  /**
   * A block's arrays, all indexed alike from 0: x, q, hi and lo, then sin r and cos r (sin's
   * array takes the result), and the out-of-range flags, which add up over the blocks.
   */
  private record Block(double[] x, double[] q, double[] hi, double[] lo, double[] sin,
      double[] cos, double[] flags) {
    static Block of(int size) {
      return new Block(new double[size], new double[size], new double[size], new double[size],
          new double[size], new double[size], new double[size]);
    }

    /** Whether some element had q beyond 2²⁰, or was ±∞ or NaN. */
    boolean anyFlagged() {
      for (double flag : flags) {
        if (flag != 0) {
          return true;
        }
      }
      return false;
    }
  }

  /** A loop over a block; see the class comment for why each is called through this. */
  private enum Step {
    REDUCE {
      @Override
      void run(Block b, int n) {
        reduce(b.x(), b.q(), b.hi(), b.lo(), b.flags(), n);
      }
    },
    SINES {
      @Override
      void run(Block b, int n) {
        sines(b.hi(), b.lo(), b.sin(), n);
      }
    },
    COSINES {
      @Override
      void run(Block b, int n) {
        cosines(b.hi(), b.lo(), b.cos(), n);
      }
    },
    SIN_RESULTS {
      @Override
      void run(Block b, int n) {
        sinResults(b.x(), b.q(), b.sin(), b.cos(), n);
      }
    },
    COS_RESULTS {
      @Override
      void run(Block b, int n) {
        cosResults(b.q(), b.sin(), b.cos(), n);
      }
    };

    abstract void run(Block block, int length);
  }

  /** q, hi and lo of |x|, and the flags, as the class comment says. */
  private static void reduce(double[] x, double[] quadrant, double[] high, double[] low,
      double[] flags, int n) {
    for (int i = 0; i < n; i++) {
      double a = Math.abs(x[i]);
      double q = Math.rint(a * TWO_OVER_PI);
      quadrant[i] = q;
      flags[i] += Math.rint(q * FLAG_SCALE);
      double u = madd(-q, PIO2_1, a);
      double d = q * PIO2_2;
      double v = u - d;
      double back = v - u;
      double error = (u - (v - back)) - (d + back);
      high[i] = v;
      low[i] = error - madd(q, PIO2_3, q * PIO2_4);
    }
  }

  private static void sines(double[] high, double[] low, double[] sin, int n) {
    for (int i = 0; i < n; i++) {
      double hi = high[i];
      double z = hi * hi;
      double p = madd(S17, z, S15);
      p = madd(p, z, S13);
      p = madd(p, z, S11);
      p = madd(p, z, S9);
      p = madd(p, z, S7);
      p = madd(p, z, S5);
      p = madd(p, z, S3);
      double cosHi = madd(z, madd(z, 1.0 / 24, -0.5), 1);
      sin[i] = hi + madd(hi * z, p, low[i] * cosHi);
    }
  }

  private static void cosines(double[] high, double[] low, double[] cos, int n) {
    for (int i = 0; i < n; i++) {
      double hi = high[i];
      double z = hi * hi;
      double p = madd(C16, z, C14);
      p = madd(p, z, C12);
      p = madd(p, z, C10);
      p = madd(p, z, C8);
      p = madd(p, z, C6);
      p = madd(p, z, C4);
      double halfZ = 0.5 * z;
      double w = 1 - halfZ;
      double sinHiTimesLo = (hi * low[i]) * madd(z, -1.0 / 6, 1);
      cos[i] = w + (((1 - w) - halfZ) + madd(z * z, p, -sinHiTimesLo));
    }
  }

  /** sin x into {@code sin}: ±sin r or ±cos r by q, times x's sign (−0.0 kept). */
  private static void sinResults(double[] x, double[] quadrant, double[] sin, double[] cos,
      int n) {
    for (int i = 0; i < n; i++) {
      double sign = Math.min(Math.max(x[i] * HUGE * HUGE, -1), 1);
      sin[i] = sign * pick(quadrant[i], sin[i], cos[i]);
    }
  }

  /** cos x = sin(|x| + π/2) into {@code sin}: the same choice one quadrant on. */
  private static void cosResults(double[] quadrant, double[] sin, double[] cos, int n) {
    for (int i = 0; i < n; i++) {
      sin[i] = pick(quadrant[i] + 1, sin[i], cos[i]);
    }
  }

  /** sin r, cos r, −sin r, −cos r for k = 0, 1, 2, 3 mod 4, in arithmetic (exact: k ≤ 2²¹). */
  private static double pick(double k, double sin, double cos) {
    double half = Math.floor(k * 0.5);
    double odd = k - 2 * half;
    double negative = half - 2 * Math.floor(half * 0.5);
    return (1 - 2 * negative) * (odd * cos + (1 - odd) * sin);
  }
}
