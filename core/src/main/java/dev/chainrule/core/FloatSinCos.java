package dev.chainrule.core;

/**
 * sin and cos over float32 arrays in float arithmetic, {@link SinCos}'s kernel with float
 * constants: HotSpot vectorizes it at twice the float64 width, with shorter polynomials. The
 * float64 kernel on each block widened took 2.0–2.2 ns an element at 512 × 512 (PyTorch 0.8–1.0),
 * this one 0.8–0.9.
 *
 * <p>q = round(|x|·2/π) (by adding and subtracting 1.5·2²³: Math.rint and Math.floor take
 * doubles, and a conversion would stop the vectorizer); r = |x| − q·π/2 as hi + lo, π/2 in five
 * parts, the first four of 12 bits or fewer (q·part exact for q ≤ 2¹²), the last the 24 bits
 * that follow (π/2 to 72 bits); the first subtraction exact, the next two each with Knuth's
 * two-sum, lo gathering their errors and the last two parts. sin r to r¹¹ (the next term is
 * 0.04 float ulps at π/4), cos r to r¹⁰, lo to first order (lo·cos hi ≈ lo·(1 − hi²/2), lo·sin
 * hi ≈ lo·hi; |lo| ≤ 1e-8, so what is left is below 1e-9 of an ulp). The choice by q and sin's
 * sign as {@link SinCos}'s. Where q passes 2¹² (|x| from about 6434; every |x| ≤ 6000 is
 * in), for ±∞ and NaN, the flags send the element to Math's value rounded once, as there.
 *
 * <p>Measured against StrictMath's value ({@code FloatSinCosTest}; every float in [0, 6500],
 * the kernel being odd or even in x, 2.3 billion results): within 0.79 float ulps of it (0.81
 * without fused multiply-adds), so within 1 ulp of the correctly rounded float, which it is not
 * for 0.33 % of those results (1.6 % of points uniform on [−10, 10] or of log-uniform
 * magnitude); the float64 kernel rounded once was, as Math's value rounded, which the float32
 * kernel gave before. PyTorch's float32 sin is within about 1 ulp too.
 *
 * <p>Five loops per block, each called through an interface from one call site for the reason
 * {@link SinCos} gives (the reduction is two loops: with both two-sums in one, HotSpot 17 kept
 * it scalar, 4 ns an element).
 */
final class FloatSinCos {
  private static final float MAX_QUADRANT = 0x1p12f;
  private static final int BLOCK = 2048;
  /** round(q·2⁻¹³) is 0 exactly where q ≤ 2¹² (2⁻¹ rounds to even, 0). */
  private static final float FLAG_SCALE = 0x1p-13f;
  /** Adding and subtracting it rounds a float of magnitude below 2²² to an integer. */
  private static final float ROUND = 0x1.8p23f;
  private static final float TWO_OVER_PI = 0x1.45f306p-1f;
  private static final float PIO2_1 = 0x1.92p0f;
  private static final float PIO2_2 = 0x1.fb4p-12f;
  private static final float PIO2_3 = 0x1.444p-24f;
  private static final float PIO2_4 = 0x1.68cp-39f;
  private static final float PIO2_5 = 0x1.1a6264p-54f;
  /** x·2⁷⁵·2⁷⁵ reaches ±1 from the least subnormal on. */
  private static final float HUGE = 0x1p75f;
  private static final float S3 = -0x1.555556p-3f;
  private static final float S5 = 0x1.111112p-7f;
  private static final float S7 = -0x1.a01a02p-13f;
  private static final float S9 = 0x1.71de3ap-19f;
  private static final float S11 = -0x1.ae6456p-26f;
  private static final float C4 = 0x1.555556p-5f;
  private static final float C6 = -0x1.6c16c2p-10f;
  private static final float C8 = 0x1.a01a02p-16f;
  private static final float C10 = -0x1.27e4fcp-22f;

  private static final Step[] SINE =
      {Step.REDUCE, Step.REDUCE_FURTHER, Step.SINES, Step.COSINES, Step.SIN_RESULTS};
  private static final Step[] COSINE =
      {Step.REDUCE, Step.REDUCE_FURTHER, Step.SINES, Step.COSINES, Step.COS_RESULTS};

  private FloatSinCos() {}

  static void sin(float[] in, float[] out) {
    evaluate(in, out, true);
  }

  static void cos(float[] in, float[] out) {
    evaluate(in, out, false);
  }

  /** sin x by the loops' steps, the same bits; Math's value rounded where they do not hold. */
  static float sin(float x) {
    float a = Math.abs(x);
    float q = round(a * TWO_OVER_PI);
    if (!(q <= MAX_QUADRANT)) {
      return (float) Math.sin(x);
    }
    float hi = high(a, q);
    float lo = low(a, q, hi);
    return sign(x) * pick(q, sinOf(further(q, hi), furtherLow(q, hi, lo)),
        cosOf(further(q, hi), furtherLow(q, hi, lo)));
  }

  /** cos x, as {@link #sin(float)}. */
  static float cos(float x) {
    float a = Math.abs(x);
    float q = round(a * TWO_OVER_PI);
    if (!(q <= MAX_QUADRANT)) {
      return (float) Math.cos(x);
    }
    float hi = high(a, q);
    float lo = low(a, q, hi);
    return pick(q + 1, sinOf(further(q, hi), furtherLow(q, hi, lo)),
        cosOf(further(q, hi), furtherLow(q, hi, lo)));
  }

  private static void evaluate(float[] in, float[] out, boolean sine) {
    if (in.length < SinCos.SHORT) {
      for (int i = 0; i < in.length; i++) {
        out[i] = sine ? sin(in[i]) : cos(in[i]);
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
        if (!(round(Math.abs(in[i]) * TWO_OVER_PI) <= MAX_QUADRANT)) {
          out[i] = (float) (sine ? Math.sin(in[i]) : Math.cos(in[i]));
        }
      }
    }
  }

  private static float madd(float a, float b, float c) {
    return FastMath.HARDWARE_FMA ? Math.fma(a, b, c) : a * b + c;
  }

  private static float round(float v) {
    return (v + ROUND) - ROUND;
  }

  /** A block's arrays, indexed alike from 0, as {@link SinCos}'s. */
  private record Block(float[] x, float[] q, float[] hi, float[] lo, float[] sin, float[] cos,
      float[] flags) {
    static Block of(int size) {
      return new Block(new float[size], new float[size], new float[size], new float[size],
          new float[size], new float[size], new float[size]);
    }

    /** As {@link SinCos}'s: true where none is out of range would only cost a scan. */
    boolean anyFlagged() {
      for (float flag : flags) {
        if (flag != 0) {
          return true;
        }
      }
      return false;
    }
  }

  private enum Step {
    REDUCE {
      @Override
      void run(Block b, int n) {
        float[] x = b.x();
        float[] quadrant = b.q();
        float[] high = b.hi();
        float[] low = b.lo();
        float[] flags = b.flags();
        for (int i = 0; i < n; i++) {
          float a = Math.abs(x[i]);
          float q = round(a * TWO_OVER_PI);
          quadrant[i] = q;
          flags[i] += round(q * FLAG_SCALE);
          float hi = high(a, q);
          high[i] = hi;
          low[i] = low(a, q, hi);
        }
      }
    },
    REDUCE_FURTHER {
      @Override
      void run(Block b, int n) {
        float[] quadrant = b.q();
        float[] high = b.hi();
        float[] low = b.lo();
        for (int i = 0; i < n; i++) {
          float q = quadrant[i];
          float hi = high[i];
          high[i] = further(q, hi);
          low[i] = furtherLow(q, hi, low[i]);
        }
      }
    },
    SINES {
      @Override
      void run(Block b, int n) {
        float[] high = b.hi();
        float[] low = b.lo();
        float[] sin = b.sin();
        for (int i = 0; i < n; i++) {
          sin[i] = sinOf(high[i], low[i]);
        }
      }
    },
    COSINES {
      @Override
      void run(Block b, int n) {
        float[] high = b.hi();
        float[] low = b.lo();
        float[] cos = b.cos();
        for (int i = 0; i < n; i++) {
          cos[i] = cosOf(high[i], low[i]);
        }
      }
    },
    SIN_RESULTS {
      @Override
      void run(Block b, int n) {
        float[] x = b.x();
        float[] quadrant = b.q();
        float[] sin = b.sin();
        float[] cos = b.cos();
        for (int i = 0; i < n; i++) {
          sin[i] = sign(x[i]) * pick(quadrant[i], sin[i], cos[i]);
        }
      }
    },
    COS_RESULTS {
      @Override
      void run(Block b, int n) {
        float[] quadrant = b.q();
        float[] sin = b.sin();
        float[] cos = b.cos();
        for (int i = 0; i < n; i++) {
          sin[i] = pick(quadrant[i] + 1, sin[i], cos[i]);
        }
      }
    };

    abstract void run(Block block, int length);
  }

  /** a − q·(PIO2_1 + PIO2_2) rounded: the first subtraction exact, the second rounded. */
  private static float high(float a, float q) {
    return madd(-q, PIO2_1, a) - q * PIO2_2;
  }

  /** The second subtraction's rounding error (two-sum), given its result {@code hi}. */
  private static float low(float a, float q, float hi) {
    float u = madd(-q, PIO2_1, a);
    float d = q * PIO2_2;
    float back = hi - u;
    return (u - (hi - back)) - (d + back);
  }

  /** hi − q·PIO2_3 rounded. */
  private static float further(float q, float hi) {
    return hi - q * PIO2_3;
  }

  /** lo plus that subtraction's rounding error, less q·(PIO2_4 + PIO2_5). */
  private static float furtherLow(float q, float hi, float lo) {
    float d = q * PIO2_3;
    float w = hi - d;
    float back = w - hi;
    float error = (hi - (w - back)) - (d + back);
    return (lo + error) - madd(q, PIO2_4, q * PIO2_5);
  }

  private static float sinOf(float hi, float lo) {
    float z = hi * hi;
    float p = madd(S11, z, S9);
    p = madd(p, z, S7);
    p = madd(p, z, S5);
    p = madd(p, z, S3);
    return hi + madd(hi * z, p, lo * madd(z, -0.5f, 1));
  }

  private static float cosOf(float hi, float lo) {
    float z = hi * hi;
    float p = madd(C10, z, C8);
    p = madd(p, z, C6);
    p = madd(p, z, C4);
    float halfZ = 0.5f * z;
    float w = 1 - halfZ;
    return w + (((1 - w) - halfZ) + madd(z * z, p, -(hi * lo)));
  }

  private static float sign(float x) {
    return Math.min(Math.max(x * HUGE * HUGE, -1f), 1f);
  }

  /** As {@link SinCos}'s choice, floor(v) of a half-integer v as round(v − 1/4). */
  private static float pick(float k, float sin, float cos) {
    float half = round(k * 0.5f - 0.25f);
    float odd = k - 2 * half;
    float negative = half - 2 * round(half * 0.5f - 0.25f);
    return (1 - 2 * negative) * (odd * cos + (1 - odd) * sin);
  }
}
