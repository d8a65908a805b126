package dev.chainrule.core;

/**
 * ReLU's backward gate, {@code gate > 0 ? x : +0.0}, computed on the bits instead of with a
 * branch. The gate is a layer's pre-activations, positive about half the time in no pattern, so
 * the branch was mispredicted on every other element: 5.5 ns per element against 1.0 on the bits
 * (128×512, float32 and float64 alike; 5.7 against 1.2 in another run), which made the gate the dearest kernel of an MLP's
 * backward pass outside its matrix products. Written once per type here because the float32
 * generator rewrites types, not bit layouts; {@code BinaryF64.gatePositive} calls whichever its
 * element type selects.
 *
 * <p>Why the bits give exactly the branch's answer: as a signed integer, a float's bits are
 * positive and at most those of +∞ exactly when it is above zero (+0.0 is 0, negative values and
 * negative NaNs have the sign bit set, positive NaNs lie above +∞). With u = bits − 1 that is
 * 0 ≤ u &lt; bits(+∞), whose sign bits the mask combines; ANDed with x's bits it keeps x
 * untouched, NaN and infinities included, or leaves the bits of +0.0.
 */
final class SignGate {
  private static final int POSITIVE_INFINITY_F32 = 0x7F80_0000;
  private static final long POSITIVE_INFINITY_F64 = 0x7FF0_0000_0000_0000L;
  private static final double OPENING_STEP_F64 = 0x1p600;
  private static final float OPENING_STEP_F32 = 0x1p75f;

  private SignGate() {}

  /**
   * The same gate in arithmetic alone, which HotSpot vectorizes where it moves no bits between
   * floating-point and integer registers: 1 where {@code gate > 0}, 0 where it is not, NaN for a
   * NaN gate. Any positive gate, the least subnormal included, reaches at least 1 in two steps of
   * 2⁶⁰⁰ (one would leave it below 1; ∞ is clamped), and −0.0 comes out of the max as +0.0.
   */
  static double opening(double gate) {
    return Math.min(Math.max(gate * OPENING_STEP_F64 * OPENING_STEP_F64, 0.0), 1.0);
  }

  /** {@link #opening(double)} in float32: two steps of 2⁷⁵ lift 2⁻¹⁴⁹ to 2. */
  static float opening(float gate) {
    return Math.min(Math.max(gate * OPENING_STEP_F32 * OPENING_STEP_F32, 0f), 1f);
  }

  /**
   * {@code x} through a gate's {@link #opening} s, as {@link #pass} would give it for a finite x:
   * x·s + (s − 1)·(−0.0) is x + (−0.0) = x when s = 1, every zero's sign kept, and ±0 + (+0.0) =
   * +0.0 when s = 0. A non-finite x behind a closed gate gives NaN instead of +0.0, and a NaN gate
   * NaN: callers look for a NaN in what they compute from the results and then gate again with
   * {@link #pass}.
   */
  static double passFinite(double x, double opening) {
    return x * opening + (opening - 1) * -0.0;
  }

  static float passFinite(float x, float opening) {
    return x * opening + (opening - 1) * -0f;
  }

  /** {@code gate > 0 ? x : +0.0}, bit for bit, without a branch. */
  static double pass(double x, double gate) {
    long u = Double.doubleToRawLongBits(gate) - 1;
    long mask = ((u - POSITIVE_INFINITY_F64) & ~u) >> 63;
    return Double.longBitsToDouble(Double.doubleToRawLongBits(x) & mask);
  }

  /** {@code gate > 0 ? x : +0.0}, bit for bit, without a branch. */
  static float pass(float x, float gate) {
    int u = Float.floatToRawIntBits(gate) - 1;
    int mask = ((u - POSITIVE_INFINITY_F32) & ~u) >> 31;
    return Float.intBitsToFloat(Float.floatToRawIntBits(x) & mask);
  }
}
