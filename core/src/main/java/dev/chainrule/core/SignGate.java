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

  private SignGate() {}

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
