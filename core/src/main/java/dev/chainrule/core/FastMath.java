package dev.chainrule.core;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * exp, tanh and sigmoid for the elementwise kernels, within a few ulps of the true value and built
 * so that their costly part vectorizes: {@code Math.exp} and {@code Math.tanh} are one scalar call
 * per element (tanh a port of fdlibm at about 25 ns). Each function is split in two steps:
 *
 * <ol>
 *   <li>a polynomial in the reduced argument, pure arithmetic, which the JIT evaluates four or
 *       eight elements per instruction (AVX2 or AVX-512; float32: twice as many) when it runs
 *       over an array ({@link TranscendentalF64} makes that loop);
 *   <li>a step that scales by 2^k: in float64 a scalar step through the exponent bits that also
 *       handles the ranges where the polynomial does not apply; in float32 pure arithmetic too
 *       ({@link #powerOfTwo(float)}), which vectorizes.
 * </ol>
 *
 * <p>The scalar functions here are exactly those steps in a row, so a kernel over an array and
 * a call per element give the same bits. Every step has a float64 form and a float32 form; the
 * float32 kernels, generated from the float64 templates, pick the float forms by overloading. The
 * float forms compute in float (a double conversion would stop the JIT from vectorizing in Java
 * 17) with shorter polynomials.
 *
 * <p><b>exp</b>: x = k·ln2 + r with k = round(x/ln2 − 1/4), so r lies in [−ln2/4, 3ln2/4]; e^r is
 * the Taylor polynomial of degree 14 (float: 8), whose truncation error r¹⁵/15! is below 2⁻⁵⁴
 * (float: r⁹/9! below 2⁻²⁵). The quarter shift is for tanh, which needs e^y − 1 = 2^k(e^r − 1) +
 * (2^k − 1): with r in [−ln2/2, ln2/2] and k = 1 that sum cancels and costs tanh a fourth ulp;
 * with r ≥ −ln2/4 it stays within three. In float64, outside |x| &lt; 708 2^k would leave the
 * normal range and is applied as two normal factors, the product rounding once into the subnormals
 * or to ∞; beyond −746 and 710 the result is 0 and ∞. In float32
 * x is first limited to [−104, 89], beyond which e^x rounds to 0 or overflows anyway, and 2^k is
 * applied as two factors 2^⌊k/2⌋ and 2^⌈k/2⌉, each a normal number: the product overflows where
 * e^x does, rounds once where e^x is subnormal, and NaN stays NaN through every step. That step
 * made the float32 exp, sigmoid and tanh kernels 0.65, 0.63–0.70 and 0.36 of their time with the
 * scalar step (two builds alternating in one process, 128 × 512); in float64, whose arithmetic
 * form needs two more squarings and a longer polynomial, the loop stopped vectorizing and took
 * 1.8 times as long.
 *
 * <p><b>sigmoid</b>(x) = 1/(1 + e^−x): accurate in relative terms for both signs, since an error
 * in e^−x passes to the result damped by e^−x/(1 + e^−x) &lt; 1. Where e^−x overflows (x below
 * −709.78, float: −88.7) the result is 0 rather than the subnormal e^x, as in PyTorch: a check
 * for that tail cost a seventh of the kernel's time.
 *
 * <p><b>tanh</b>(x) = ±s/(s + 2) with s = e^{2|x|} − 1 and x's sign: no cancellation near 0
 * (where s ≈ 2|x|, and tanh(±0) = ±0). From |x| = 19.1 (float: 9.1) the result rounds to ±1:
 * float64 returns that, float32 limits |x| to 9.1 (which gives 1 through the same arithmetic).
 */
final class FastMath {
  /**
   * Whether {@link Math#fma} is one instruction here. Where it is not (x86 processors before
   * 2013, or {@code -XX:-UseFMA}) Math.fma computes with BigDecimal, a hundred times slower than
   * a multiply and an add, so the polynomials use those instead: one rounding more per step,
   * still within the tested ulps ({@code -Dchainrule.fma=true|false} overrides; the build tests
   * both).
   */
  static final boolean HARDWARE_FMA = hardwareFma();

  /** Adding and subtracting 1.5·2^52 rounds a double of magnitude below 2^51 to an integer. */
  private static final double ROUND = 0x1.8p52;
  private static final float ROUND_F = 0x1.8p23f;
  private static final double LOG2_E = 1 / Math.log(2);
  private static final float LOG2_E_F = (float) LOG2_E;
  private static final double SHIFT = 0.25;
  /** ln 2 split so that k·LN2_HI is exact for every k in range (fdlibm's split; float: 12 bits). */
  static final double LN2_HI = 0x1.62e42feep-1;
  static final double LN2_LO = 0x1.a39ef35793c76p-33;
  static final float LN2_HI_F = 0x1.62ep-1f;
  static final float LN2_LO_F = (float) (Math.log(2) - 0x1.62ep-1);
  private static final long ONE_BITS = Double.doubleToRawLongBits(1.0);
  private static final double EXP_LIMIT = 708;
  private static final long EXP_LIMIT_BITS = Double.doubleToRawLongBits(EXP_LIMIT);
  /**
   * Below these e^x rounds to 0 (under half the smallest subnormal, e^−745.13 and e^−103.97):
   * saturated inputs are common (the log-probabilities of a confident classifier's wrong
   * classes, sigmoid of a large negative logit), and a call of Math.exp for each cost 15 ns an
   * element against about 1 for this test (450 elements, half of them saturated).
   */
  private static final double EXP_ZERO = -746;
  /** From here on e^x overflows (e^709.78 is the largest finite value). */
  private static final double EXP_INFINITE = 710;
  private static final float EXP_ZERO_F = -104;
  /** Above this e^x overflows in float (e^88.73 is the largest finite value). */
  private static final float EXP_INFINITE_F = 89;
  /** ln 2 / 2^8, the step of {@link #powerOfTwo(float)}'s polynomial. */
  private static final float POWER_STEP_F = (float) (Math.log(2) / 256);
  /** Veltkamp's splitter for a head of one bit: 2^23 + 1. */
  private static final float ONE_BIT_SPLIT_F = 0x1p23f + 1;
  /** From here on tanh rounds to ±1 (e^{−2x} is below half an ulp of 1). */
  private static final double TANH_ONE = 19.1;
  private static final float TANH_ONE_F = 9.1f;

  private FastMath() {}

  private static boolean hardwareFma() {
    String forced = System.getProperty("chainrule.fma");
    if (forced != null) {
      return Boolean.parseBoolean(forced);
    }
    try {
      return Boolean.parseBoolean(ManagementFactory.getPlatformMXBean(
          HotSpotDiagnosticMXBean.class).getVMOption("UseFMA").getValue());
    } catch (RuntimeException | LinkageError notHotSpot) {
      return false;
    }
  }

  private static double madd(double a, double b, double c) {
    return HARDWARE_FMA ? Math.fma(a, b, c) : a * b + c;
  }

  static float madd(float a, float b, float c) {
    return HARDWARE_FMA ? Math.fma(a, b, c) : a * b + c;
  }

  /** k + 1.5·2^52, whose low mantissa bits hold k: the reduction and the scaling both read it. */
  private static double shifted(double x) {
    return madd(x, LOG2_E, -SHIFT) + ROUND;
  }

  private static float shifted(float x) {
    return madd(x, LOG2_E_F, (float) -SHIFT) + ROUND_F;
  }

  /** x within [EXP_ZERO_F, EXP_INFINITE_F], beyond which e^x is 0 or ∞ anyway; NaN stays NaN. */
  private static float limited(float x) {
    return Math.min(Math.max(x, EXP_ZERO_F), EXP_INFINITE_F);
  }

  /** k = round(x/ln2 − 1/4), an integer-valued double. */
  private static double exponent(double x) {
    return shifted(x) - ROUND;
  }

  private static float exponent(float x) {
    return shifted(x) - ROUND_F;
  }

  /** r = x − k·ln2. */
  private static double reduced(double x) {
    double k = exponent(x);
    return madd(k, -LN2_LO, madd(k, -LN2_HI, x));
  }

  private static float reduced(float x) {
    float k = exponent(x);
    return madd(k, -LN2_LO_F, madd(k, -LN2_HI_F, x));
  }

  /** (e^r − 1 − r)/r², the Taylor series from r²/2! on, divided by r². */
  private static double series(double r) {
    double p = 1.0 / 87178291200L;
    p = madd(p, r, 1.0 / 6227020800L);
    p = madd(p, r, 1.0 / 479001600);
    p = madd(p, r, 1.0 / 39916800);
    p = madd(p, r, 1.0 / 3628800);
    p = madd(p, r, 1.0 / 362880);
    p = madd(p, r, 1.0 / 40320);
    p = madd(p, r, 1.0 / 5040);
    p = madd(p, r, 1.0 / 720);
    p = madd(p, r, 1.0 / 120);
    p = madd(p, r, 1.0 / 24);
    p = madd(p, r, 1.0 / 6);
    return madd(p, r, 0.5);
  }

  private static float series(float r) {
    float p = 1f / 40320;
    p = madd(p, r, 1f / 5040);
    p = madd(p, r, 1f / 720);
    p = madd(p, r, 1f / 120);
    p = madd(p, r, 1f / 24);
    p = madd(p, r, 1f / 6);
    return madd(p, r, 0.5f);
  }

  /** e^r − 1 = r + r²·series(r), rounded once at the end. */
  private static double expm1Reduced(double r) {
    return madd(r * r, series(r), r);
  }

  private static float expm1Reduced(float r) {
    return madd(r * r, series(r), r);
  }

  /** The first step of e^x: e^r for x's reduced argument r (float: of x limited). */
  static double expPolynomial(double x) {
    return 1 + expm1Reduced(reduced(x));
  }

  static float expPolynomial(float x) {
    return 1 + expm1Reduced(reduced(limited(x)));
  }

  /** The first step of tanh: e^r − 1 for the reduced argument r of y = 2·min(|x|, TANH_ONE). */
  static double tanhPolynomial(double x) {
    return expm1Reduced(reduced(2 * Math.min(Math.abs(x), TANH_ONE)));
  }

  static float tanhPolynomial(float x) {
    return expm1Reduced(reduced(2 * Math.min(Math.abs(x), TANH_ONE_F)));
  }

  /** 2^k: the low bits of k + 1.5·2^52 moved into the exponent field (|k| ≤ 1022 here). */
  private static double twoToK(double x) {
    return Double.longBitsToDouble((Double.doubleToRawLongBits(shifted(x)) << 52) + ONE_BITS);
  }

  /**
   * 2^n for an integer-valued n in [−75, 64] in arithmetic alone, which vectorizes where the
   * exponent bits do not (HotSpot 17 moves no bits between float and integer vectors): 2^(n/256)
   * from its cubic Taylor polynomial (relative error below 9·10⁻⁵), squared eight times, is within
   * 2.2 % of 2^n, and keeping one significant bit of that (Veltkamp's split, exact in
   * round-to-nearest) gives 2^n exactly, as anything from −25 % to +50 % of a power of two rounds
   * to it.
   */
  private static float powerOfTwo(float n) {
    float t = n * POWER_STEP_F;
    float y = madd(madd(madd(t, 1f / 6, 0.5f), t, 1), t, 1);
    y *= y;
    y *= y;
    y *= y;
    y *= y;
    y *= y;
    y *= y;
    y *= y;
    y *= y;
    float split = y * ONE_BIT_SPLIT_F;
    return split - (split - y);
  }

  /** The second step of e^x: {@code polynomial}·2^k, through {@link #beyondLimit} past ±708. */
  static double expFinish(double x, double polynomial) {
    if (Math.abs(x) < EXP_LIMIT) {
      return polynomial * twoToK(x);
    }
    return beyondLimit(x, polynomial);
  }

  /**
   * The second step of e^x where |x| < 708 ({@link #beyondMark} not negative): the first branch
   * of {@link #expFinish} alone, for a loop that must not hold {@link #beyondLimit}. Anything,
   * but no exception, elsewhere.
   */
  static double expScale(double x, double polynomial) {
    return polynomial * twoToK(x);
  }

  /** The float twin's {@link #expFinish}, which has no limited range. */
  static float expScale(float x, float polynomial) {
    return expFinish(x, polynomial);
  }

  /**
   * Negative exactly where {@link #expScale} is not e^x: |x| ≥ 708 or NaN, compared as the bits
   * of |x| (positive doubles order as their bits, NaN's above ∞'s), so with no branch for a
   * profile to shape; ORed over a loop, its sign tells whether any element needs {@link
   * #expFinish}.
   */
  static long beyondMark(double x) {
    return EXP_LIMIT_BITS - 1 - (Double.doubleToRawLongBits(x) & Long.MAX_VALUE);
  }

  /** The float twin's: its {@link #expFinish} holds for every x, so never negative. */
  static long beyondMark(float x) {
    return 0;
  }

  /**
   * e^x for |x| ≥ 708 or NaN: 0 below −746, ∞ from 710 on, and between them polynomial·2^h·2^(k−h)
   * with h = ⌊k/2⌋, both factors normal numbers, so the product rounds once, into the subnormals
   * below −708 or to ∞ past ln(MAX_VALUE). Math.exp here, where its result is subnormal, took
   * 39 ns a call: exp of a confident classifier's wrong-class logits near −720 ran at 46 ns an
   * element, PyTorch's 3.3.
   *
   * <p>NaN is told by {@code x != x}, not by {@code Double.isNaN}: the kernels' loops inline this
   * method wherever some earlier data took it, and a call in it that the profile never saw
   * executed ({@code x} NaN or past 710: only the underflow had come) was left a real call, "call
   * site not reached", in the loop, which never takes it: float64 exp ran at 2.5–2.7 ns an
   * element in the slow processes of {@code bench}'s kernel table (2 of 6) against 1.2–1.4, and
   * 2.6 against 1.4 in every process with that call kept out of line
   * ({@code -XX:CompileCommand=dontinline,java/lang/Double.isNaN}). A comparison is no call.
   */
  private static double beyondLimit(double x, double polynomial) {
    if (x < EXP_ZERO) {
      return 0;
    }
    if (!(x < EXP_INFINITE)) {
      return x != x ? x : Double.POSITIVE_INFINITY;
    }
    long k = (long) exponent(x);
    long half = k >> 1;
    return polynomial * twoToThe(half) * twoToThe(k - half);
  }

  /** 2^n for an integer n in [−1022, 1023], from its exponent bits. */
  private static double twoToThe(long n) {
    return Double.longBitsToDouble((n + 1023) << 52);
  }

  /**
   * The second step of e^x in float: {@code polynomial}·2^k as polynomial·2^h·2^(k−h) with
   * h = ⌊k/2⌋, so that both factors are normal numbers for every k of a limited x.
   */
  static float expFinish(float x, float polynomial) {
    float k = exponent(limited(x));
    float half = (madd(k, 0.5f, -0.25f) + ROUND_F) - ROUND_F;
    float scale = powerOfTwo(half);
    return polynomial * scale * madd(scale, k - 2 * half, scale);
  }

  static double exp(double x) {
    return expFinish(x, expPolynomial(x));
  }

  static float exp(float x) {
    return expFinish(x, expPolynomial(x));
  }

  static double sigmoid(double x) {
    return 1 / (1 + exp(-x));
  }

  static float sigmoid(float x) {
    return 1 / (1 + exp(-x));
  }

  /**
   * The second step of tanh, from {@code polynomial} = e^r − 1: s = e^{2|x|} − 1 as
   * 2^k·(e^r − 1) + 2^k − 1 (the product exact, one rounding in the sum), then s/(s + 2) with
   * x's sign; from {@link #TANH_ONE} on, ±1 (NaN told by {@code x != x}, no call in the loops'
   * rarely taken path: see {@link #beyondLimit}).
   */
  static double tanhFinish(double x, double polynomial) {
    double a = Math.abs(x);
    if (a < TANH_ONE) {
      double scale = twoToK(2 * a);
      double s = scale * polynomial + (scale - 1);
      return Math.copySign(s / (s + 2), x);
    }
    return x != x ? x : Math.copySign(1, x);
  }

  /**
   * The second step of tanh in float, in arithmetic that vectorizes: 2^k from {@link
   * #powerOfTwo(float)} (k ≤ 27), and x's sign given by clamping: tanh|x| ≤ |x|, so
   * max(min(x, t), −t) is t for x ≥ 0 and −t for x ≤ 0 (−0 for −0); a t rounded above a tiny |x|
   * gives x itself, which is as close.
   */
  static float tanhFinish(float x, float polynomial) {
    float y = 2 * Math.min(Math.abs(x), TANH_ONE_F);
    float scale = powerOfTwo(exponent(y));
    float s = scale * polynomial + (scale - 1);
    float t = s / (s + 2);
    return Math.max(Math.min(x, t), -t);
  }

  static double tanh(double x) {
    return tanhFinish(x, tanhPolynomial(x));
  }

  static float tanh(float x) {
    return tanhFinish(x, tanhPolynomial(x));
  }
}
