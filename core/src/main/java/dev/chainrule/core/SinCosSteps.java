package dev.chainrule.core;

/**
 * The steps of {@link SinCos}'s kernel for one element, which its loops call (and inline): the
 * reduction of |x| to q and hi + lo, the polynomials of sin and cos on [−π/4, π/4], the choice by
 * q and sin's sign; and sin and cos of one double made of them, the same bits as the loops.
 * See {@link SinCos} for the formulas and their accuracy.
 */
final class SinCosSteps {
  private static final double TWO_OVER_PI = 0x1.45f306dc9c883p-1;
  /** π/2 = PIO2_1 + PIO2_2 + PIO2_3 + PIO2_4 to 149 bits; the first three have 32 bits each. */
  private static final double PIO2_1 = 0x1.921fb544p0;
  private static final double PIO2_2 = 0x1.0b4611a6p-34;
  private static final double PIO2_3 = 0x1.3198a2ep-69;
  private static final double PIO2_4 = 0x1.b839a252049c1p-104;
  /** The largest q the kernel takes. */
  private static final double MAX_QUADRANT = 0x1p20;
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

  private SinCosSteps() {}

  /** sin x: the loops' steps for one element, the same bits; Math's where they do not hold. */
  static double sin(double x) {
    double a = Math.abs(x);
    double q = quadrant(a);
    if (!inRange(q)) {
      return Math.sin(x);
    }
    double hi = high(a, q);
    double lo = low(a, q);
    return sign(x) * pick(q, sinOf(hi, lo), cosOf(hi, lo));
  }

  /** cos x, as {@link #sin(double)}. */
  static double cos(double x) {
    double a = Math.abs(x);
    double q = quadrant(a);
    if (!inRange(q)) {
      return Math.cos(x);
    }
    double hi = high(a, q);
    double lo = low(a, q);
    return pick(q + 1, sinOf(hi, lo), cosOf(hi, lo));
  }

  private static double madd(double a, double b, double c) {
    return FastMath.HARDWARE_FMA ? Math.fma(a, b, c) : a * b + c;
  }

  static double quadrant(double a) {
    return Math.rint(a * TWO_OVER_PI);
  }

  /** Whether the kernel holds: q ≤ 2²⁰, the flag's condition (false for NaN, ±∞). */
  static boolean inRange(double q) {
    return q <= MAX_QUADRANT;
  }

  /** r = a − q·π/2 rounded: the first step exact, the second rounded (see {@link #low}). */
  static double high(double a, double q) {
    return madd(-q, PIO2_1, a) - q * PIO2_2;
  }

  /** r − hi: the second step's rounding error (Knuth's two-sum), less q·(the last parts). */
  static double low(double a, double q) {
    double u = madd(-q, PIO2_1, a);
    double d = q * PIO2_2;
    double v = u - d;
    double back = v - u;
    double error = (u - (v - back)) - (d + back);
    return error - madd(q, PIO2_3, q * PIO2_4);
  }

  /** sin(hi + lo) for |hi| ≤ π/4 (a little more where q's rounding moved it). */
  static double sinOf(double hi, double lo) {
    double z = hi * hi;
    double p = madd(S17, z, S15);
    p = madd(p, z, S13);
    p = madd(p, z, S11);
    p = madd(p, z, S9);
    p = madd(p, z, S7);
    p = madd(p, z, S5);
    p = madd(p, z, S3);
    double cosHi = madd(z, madd(z, 1.0 / 24, -0.5), 1);
    return hi + madd(hi * z, p, lo * cosHi);
  }

  /** cos(hi + lo), 1 − z/2 with its rounding error put back. */
  static double cosOf(double hi, double lo) {
    double z = hi * hi;
    double p = madd(C16, z, C14);
    p = madd(p, z, C12);
    p = madd(p, z, C10);
    p = madd(p, z, C8);
    p = madd(p, z, C6);
    p = madd(p, z, C4);
    double halfZ = 0.5 * z;
    double w = 1 - halfZ;
    double sinHiTimesLo = (hi * lo) * madd(z, -1.0 / 6, 1);
    return w + (((1 - w) - halfZ) + madd(z * z, p, -sinHiTimesLo));
  }

  /** x·2¹²⁰⁰ limited to [−1, 1]: ±1, or x itself where it is ±0.0 (NaN stays NaN). */
  static double sign(double x) {
    return Math.min(Math.max(x * HUGE * HUGE, -1), 1);
  }

  /** sin r, cos r, −sin r, −cos r for k = 0, 1, 2, 3 mod 4, in arithmetic (exact: k ≤ 2²¹). */
  static double pick(double k, double sin, double cos) {
    double half = Math.floor(k * 0.5);
    double odd = k - 2 * half;
    double negative = half - 2 * Math.floor(half * 0.5);
    return (1 - 2 * negative) * (odd * cos + (1 - odd) * sin);
  }
}
