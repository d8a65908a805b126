package dev.chainrule.core;

/**
 * The natural logarithm for the elementwise kernels, within two ulps of the true value, built as
 * {@link FastMath}'s functions are so that its costly part vectorizes: {@link Math#log} is one
 * scalar call per element, 12–16 ns here against PyTorch's 1.0 (float32) at 512 × 512.
 *
 * <p>x = 2^k·m with m in [√½, √2), and log x = k·ln2 + log m, where log m = 2·atanh(s) with s =
 * (m − 1)/(m + 1), |s| ≤ 0.172: 2s + 2s³/3 + 2s⁵/5 + ..., the series to s²¹ (float: s¹¹), whose
 * remainder is below 2⁻⁵⁵ (float: 2⁻²⁸) of the result. Three steps, each a loop of its own in
 * {@link TranscendentalF64#log}:
 *
 * <ol>
 *   <li>{@link #reduced}: f = m − 1 from the exponent and mantissa bits (exact: m and 1 are
 *       within a factor two), one element at a time, since HotSpot 17 moves no bits between
 *       floating-point and integer vectors; a subnormal x's bits are shifted into the normal
 *       layout first ({@link #subnormalShift});
 *   <li>{@link #polynomial}: log(1 + f) = 2s + s·s²·P(s²) with s = f/(2 + f), pure arithmetic,
 *       which vectorizes;
 *   <li>{@link #finish}: k·ln2 added, with ln 2 split as exp's reduction splits it (k·ln2's head
 *       exact for every k of the type).
 * </ol>
 *
 * <p>No step branches on the value: for x with no logarithm among the numbers (±0, the
 * negatives, +∞, NaN) the three steps compute some finite number at their usual cost, and
 * {@link #patched} then gives Math.log's value: −∞ for ±0, +∞ for +∞, NaN (Double.NaN's bits)
 * for NaN and below 0. The kernel marks such x in its first loop ({@link #special}) and patches
 * only a range that holds one, with no branch per element either. Branches per special value
 * (the earlier form) were mispredicted on every other element of data with random zeros or
 * signs (a ReLU's outputs, a difference): log of 512 × 512 with half its elements zero or
 * negative took 11–18 ns an element against 2.6–3.7 for positive data, with half subnormal
 * 20–29 (and x·2⁵⁴ on a subnormal).
 *
 * <p>Each form has a float64 and a float32 overload (the float32 kernels, generated from the
 * float64 template, pick theirs by type); the float forms compute in float.
 */
final class FastLog {
  private static final long SQRT_HALF_BITS = Double.doubleToRawLongBits(Math.sqrt(0.5));
  private static final int SQRT_HALF_BITS_F = Float.floatToRawIntBits((float) Math.sqrt(0.5));
  private static final long MANTISSA = (1L << 52) - 1;
  private static final int MANTISSA_F = (1 << 23) - 1;
  private static final long ONE_BITS = Double.doubleToRawLongBits(1);
  private static final int ONE_BITS_F = Float.floatToRawIntBits(1f);
  private static final long INFINITY_BITS = Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);
  private static final int INFINITY_BITS_F = Float.floatToRawIntBits(Float.POSITIVE_INFINITY);
  private static final long NEGATIVE_INFINITY_BITS =
      Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY);
  private static final int NEGATIVE_INFINITY_BITS_F =
      Float.floatToRawIntBits(Float.NEGATIVE_INFINITY);
  private static final long NAN_BITS = Double.doubleToRawLongBits(Double.NaN);
  private static final int NAN_BITS_F = Float.floatToRawIntBits(Float.NaN);

  private FastLog() {}

  /**
   * x's bits plus the distance from √½'s bits to 1's: the mantissa field carries into the
   * exponent exactly where x's mantissa m₀ (in [1, 2)) is at least √2's, whose mantissa bits are
   * √½'s. So the exponent field of the sum is k, with m = m₀/2 where it carried and m₀ where it did
   * not, and its mantissa field plus √½'s bits is m in [√½, √2). No branch: one on m₀ ≥ √2, on
   * random data, mispredicted four times in ten and tripled the time of both scalar steps.
   */
  private static long shifted(long normal) {
    return normal + ONE_BITS - SQRT_HALF_BITS;
  }

  private static int shifted(int normal) {
    return normal + ONE_BITS_F - SQRT_HALF_BITS_F;
  }

  private static double mantissa(long shifted) {
    return Double.longBitsToDouble((shifted & MANTISSA) + SQRT_HALF_BITS);
  }

  private static float mantissa(int shifted) {
    return Float.intBitsToFloat((shifted & MANTISSA_F) + SQRT_HALF_BITS_F);
  }

  /**
   * How far a subnormal x's bits must move left for their leading 1 to reach the exponent field's
   * lowest bit, 0 for every other x: a subnormal's bits b shifted so are those of x·2ˢ with
   * exponent field 1, and log x = log(x·2ˢ) − s·ln2. Positive normal bits have a 1 in the
   * exponent field, at most 11 (float: 8) leading zeros; negative bits none; +0.0 has all
   * 64 (32) and shifts to 0, a value {@link #patched} replaces. Integer work only, no branch:
   * the subnormal itself enters no floating-point operation.
   */
  private static int subnormalShift(long bits) {
    int shift = Long.numberOfLeadingZeros(bits) - 11;
    return shift & ~(shift >> 31);
  }

  private static int subnormalShift(int bits) {
    int shift = Integer.numberOfLeadingZeros(bits) - 8;
    return shift & ~(shift >> 31);
  }

  /**
   * The first step: f = m − 1 for a positive finite x; for any other x some f in the same range
   * (m is built from 52 (23) of x's bits and √½'s, so it is always in [√½, √2)), a number the
   * polynomial takes at its usual cost, whose result {@link #patched} replaces.
   */
  static double reduced(double x) {
    long bits = Double.doubleToRawLongBits(x);
    return mantissa(shifted(bits << subnormalShift(bits))) - 1;
  }

  static float reduced(float x) {
    int bits = Float.floatToRawIntBits(x);
    return mantissa(shifted(bits << subnormalShift(bits))) - 1;
  }

  /** The second step: log(1 + f) for f in [√½ − 1, √2 − 1], the atanh series in s. */
  static double polynomial(double f) {
    double s = f / (2 + f);
    double z = s * s;
    double p = 2.0 / 21;
    p = p * z + 2.0 / 19;
    p = p * z + 2.0 / 17;
    p = p * z + 2.0 / 15;
    p = p * z + 2.0 / 13;
    p = p * z + 2.0 / 11;
    p = p * z + 2.0 / 9;
    p = p * z + 2.0 / 7;
    p = p * z + 2.0 / 5;
    p = p * z + 2.0 / 3;
    return 2 * s + s * z * p;
  }

  static float polynomial(float f) {
    float s = f / (2 + f);
    float z = s * s;
    float p = 2f / 11;
    p = p * z + 2f / 9;
    p = p * z + 2f / 7;
    p = p * z + 2f / 5;
    p = p * z + 2f / 3;
    return 2 * s + s * z * p;
  }

  /**
   * The third step: k·ln2 + log m for a positive finite x (a subnormal's k less its shift), a
   * finite number for any other x, which {@link #patched} replaces.
   */
  static double finish(double x, double logMantissa) {
    long bits = Double.doubleToRawLongBits(x);
    int shift = subnormalShift(bits);
    double k = (int) (shifted(bits << shift) >>> 52) - 1023 - shift;
    return k * FastMath.LN2_HI + (k * FastMath.LN2_LO + logMantissa);
  }

  static float finish(float x, float logMantissa) {
    int bits = Float.floatToRawIntBits(x);
    int shift = subnormalShift(bits);
    float k = (shifted(bits << shift) >>> 23) - 127 - shift;
    return k * FastMath.LN2_HI_F + (k * FastMath.LN2_LO_F + logMantissa);
  }

  /**
   * Negative where x has no logarithm in the numbers, not negative where it is positive and
   * finite: read as a signed integer, x's bits b are at most 0 for ±0, the negatives and the
   * negative NaNs (then b or b − 1 is negative) and at least +∞'s for +∞ and the positive NaNs
   * (then bits(+∞) − 1 − b is). ORed over a range, its sign says whether to patch.
   */
  static long special(double x) {
    long bits = Double.doubleToRawLongBits(x);
    return bits | (bits - 1) | (INFINITY_BITS - 1 - bits);
  }

  static int special(float x) {
    int bits = Float.floatToRawIntBits(x);
    return bits | (bits - 1) | (INFINITY_BITS_F - 1 - bits);
  }

  /**
   * log x from what the three steps computed for x: {@code finite} itself where x is positive
   * and finite, else Math.log's value. An addition rather than a choice: the {@link #replacement}
   * is +0.0 where x has a logarithm (and the steps never give −0.0: log 1 is +0.0), and −∞, +∞
   * or Double.NaN where it has none, which swamp the finite number; x86 passes the NaN operand's
   * bits on.
   */
  static double patched(double x, double finite) {
    return finite + Double.longBitsToDouble(replacement(Double.doubleToRawLongBits(x)));
  }

  static float patched(float x, float finite) {
    return finite + Float.intBitsToFloat(replacement(Float.floatToRawIntBits(x)));
  }

  /**
   * +0.0's bits where x (with these bits) is positive and finite, else those of log x: −∞ for
   * either zero (magnitude 0), +∞ for +∞ (magnitude +∞'s, sign clear), NaN for the rest (the
   * negatives, magnitudes beyond +∞'s). Masks of all ones from the sign of each test's
   * difference, so that no element costs a mispredicted branch.
   */
  private static long replacement(long bits) {
    long sign = bits >> 63;
    long magnitude = bits & Long.MAX_VALUE;
    long zero = (magnitude - 1) >> 63;
    long beyond = (INFINITY_BITS - 1 - magnitude) >> 63;
    long infinity = ((magnitude ^ INFINITY_BITS) - 1) >> 63 & ~sign;
    long value = NAN_BITS ^ (zero & (NAN_BITS ^ NEGATIVE_INFINITY_BITS))
        ^ (infinity & (NAN_BITS ^ INFINITY_BITS));
    return value & (sign | zero | beyond);
  }

  private static int replacement(int bits) {
    int sign = bits >> 31;
    int magnitude = bits & Integer.MAX_VALUE;
    int zero = (magnitude - 1) >> 31;
    int beyond = (INFINITY_BITS_F - 1 - magnitude) >> 31;
    int infinity = ((magnitude ^ INFINITY_BITS_F) - 1) >> 31 & ~sign;
    int value = NAN_BITS_F ^ (zero & (NAN_BITS_F ^ NEGATIVE_INFINITY_BITS_F))
        ^ (infinity & (NAN_BITS_F ^ INFINITY_BITS_F));
    return value & (sign | zero | beyond);
  }

  static double log(double x) {
    return patched(x, finish(x, polynomial(reduced(x))));
  }

  static float log(float x) {
    return patched(x, finish(x, polynomial(reduced(x))));
  }
}
