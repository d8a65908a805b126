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
 * <p>The kernel holds for q ≤ 2²⁰ (every |x| ≤ {@link #BOUND} = 1.6e6 has it; from about
 * 1.6471e6 on, none). Each element adds rint(q/2²¹), 0 up to there, to a flag per lane; if any
 * flag is not 0 after the last block (q beyond 2²⁰, x ±∞ or NaN), a second pass gives exactly
 * those elements Math's value: a cheap, predictable scan, only then. So an element's value does
 * not depend on the others, and {@link SinCosSteps}' sin and cos of one double (the same steps,
 * which the loops call), which arrays shorter than {@link #SHORT} take, give the same bits.
 * sin(±∞) and cos(±∞) are NaN.
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
  /** Up to here the kernel holds for every x: rint(|x|·2/π) ≤ 2²⁰. */
  static final double BOUND = 1.6e6;
  /**
   * Arrays shorter than this take {@link SinCosSteps#sin(double)} or its cos per element (the
   * same bits): a 4-element sin called 200,000 times first left the loops compiled for short
   * trip counts, and a 512 × 512 sin then ran at 4 ns an element until they were compiled again.
   */
  static final int SHORT = 32;
  /** Elements per block: its seven arrays, 56 KiB, stay in the nearest caches between steps. */
  private static final int BLOCK = 1024;
  /** rint(q·2⁻²¹) is 0 exactly where q ≤ 2²⁰ (2⁻¹ rounds to even, 0). */
  private static final double FLAG_SCALE = 0x1p-21;
  private static final Step[] SINE = {Step.REDUCE, Step.SINES, Step.COSINES, Step.SIN_RESULTS};
  private static final Step[] COSINE = {Step.REDUCE, Step.SINES, Step.COSINES, Step.COS_RESULTS};

  private SinCos() {}

  /** sin of every element; {@code out} must not be {@code in}. */
  static void sin(double[] in, double[] out) {
    evaluate(in, out, true);
  }

  /** cos of every element; {@code out} must not be {@code in}. */
  static void cos(double[] in, double[] out) {
    evaluate(in, out, false);
  }

  /** sin of every element, in float64 rounded once; {@code out} must not be {@code in}. */
  static void sin(float[] in, float[] out) {
    evaluate(in, out, true);
  }

  /** cos of every element, in float64 rounded once; {@code out} must not be {@code in}. */
  static void cos(float[] in, float[] out) {
    evaluate(in, out, false);
  }

  /**
   * Whether an array takes the one-element functions ({@link #SHORT}); either way gives the same
   * bits, so the mutation profile skips this method by name.
   */
  private static boolean isScalarRange(int length) {
    return length < SHORT;
  }

  private static void evaluate(double[] in, double[] out, boolean sine) {
    if (isScalarRange(in.length)) {
      for (int i = 0; i < in.length; i++) {
        out[i] = sine ? SinCosSteps.sin(in[i]) : SinCosSteps.cos(in[i]);
      }
      return;
    }
    Block block = Block.of(Math.min(in.length, BLOCK));
    Step[] steps = sine ? SINE : COSINE;
    for (int from = 0, length; from < in.length; from += length) {
      length = Math.min(BLOCK, in.length - from);
      System.arraycopy(in, from, block.x(), 0, length);
      for (Step step : steps) {
        step.run(block, length);
      }
      System.arraycopy(block.sin(), 0, out, from, length);
    }
    if (block.anyFlagged()) {
      for (int i = 0; i < in.length; i++) {
        if (!SinCosSteps.inRange(SinCosSteps.quadrant(Math.abs(in[i])))) {
          out[i] = sine ? Math.sin(in[i]) : Math.cos(in[i]);
        }
      }
    }
  }

  /** The float64 steps on each block widened; a copy loop, so it vectorizes (see the class). */
  private static void evaluate(float[] in, float[] out, boolean sine) {
    if (isScalarRange(in.length)) {
      for (int i = 0; i < in.length; i++) {
        out[i] = (float) (sine ? SinCosSteps.sin(in[i]) : SinCosSteps.cos(in[i]));
      }
      return;
    }
    Block block = Block.of(Math.min(in.length, BLOCK));
    Step[] steps = sine ? SINE : COSINE;
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
      for (int i = 0; i < in.length; i++) {
        if (!SinCosSteps.inRange(SinCosSteps.quadrant(Math.abs(in[i])))) {
          out[i] = (float) (sine ? Math.sin(in[i]) : Math.cos(in[i]));
        }
      }
    }
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

    /**
     * Whether some element had q beyond 2²⁰, or was ±∞ or NaN. A true where none had would only
     * cost the second pass's scan, which changes nothing: the mutation profile skips it by name.
     */
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
      double q = SinCosSteps.quadrant(a);
      quadrant[i] = q;
      flags[i] += Math.rint(q * FLAG_SCALE);
      high[i] = SinCosSteps.high(a, q);
      low[i] = SinCosSteps.low(a, q);
    }
  }

  private static void sines(double[] high, double[] low, double[] sin, int n) {
    for (int i = 0; i < n; i++) {
      sin[i] = SinCosSteps.sinOf(high[i], low[i]);
    }
  }

  private static void cosines(double[] high, double[] low, double[] cos, int n) {
    for (int i = 0; i < n; i++) {
      cos[i] = SinCosSteps.cosOf(high[i], low[i]);
    }
  }

  /** sin x into {@code sin}: ±sin r or ±cos r by q, times x's sign (−0.0 kept). */
  private static void sinResults(double[] x, double[] quadrant, double[] sin, double[] cos,
      int n) {
    for (int i = 0; i < n; i++) {
      sin[i] = SinCosSteps.sign(x[i]) * SinCosSteps.pick(quadrant[i], sin[i], cos[i]);
    }
  }

  /** cos x = sin(|x| + π/2) into {@code sin}: the same choice one quadrant on. */
  private static void cosResults(double[] quadrant, double[] sin, double[] cos, int n) {
    for (int i = 0; i < n; i++) {
      sin[i] = SinCosSteps.pick(quadrant[i] + 1, sin[i], cos[i]);
    }
  }
}
