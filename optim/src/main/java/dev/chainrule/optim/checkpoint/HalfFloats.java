package dev.chainrule.optim.checkpoint;

/**
 * The 16-bit floats of PyTorch's half-precision files widened to float32, exactly: every IEEE 754
 * binary16 (F16) and every bfloat16 (BF16) value is a float32 value. Java 17 has no
 * {@code Float.float16ToFloat} (it came in Java 20), so F16 is converted here.
 *
 * <p>Both return the float's bits rather than the float, so that what a NaN becomes does not
 * depend on how the platform moves floats: its sign and payload are kept in the float's high
 * mantissa bits and a signaling NaN is not quieted, bit for bit as NumPy's
 * {@code astype(np.float32)} converts (PyTorch's {@code .float()} quiets the 1,022 signaling F16
 * NaNs instead, setting the top mantissa bit). Either way a NaN stays a NaN of the same sign.
 */
final class HalfFloats {
  /** F16 has exponent bias 15, float32 127: a normal number's exponent field moves by 112. */
  private static final int EXPONENT_SHIFT = 127 - 15;

  private HalfFloats() {}

  /**
   * The float32 bits of an F16 value.
   *
   * @param half the 16 bits, in the low half of the int (higher bits are ignored)
   * @return the bits of the equal float32 (for NaN, one with the same sign and payload)
   */
  static int f16ToFloatBits(int half) {
    int sign = (half & 0x8000) << 16;
    int exponent = (half >>> 10) & 0x1f;
    int mantissa = half & 0x3ff;
    if (exponent == 0x1f) {
      // Infinity (mantissa 0) or NaN: all-ones exponent, the mantissa atop float's 23 bits.
      return sign | 0x7f80_0000 | mantissa << 13;
    }
    if (exponent == 0) {
      // Zero or subnormal: mantissa × 2⁻²⁴, a normal float32 (float32 reaches 2⁻¹²⁶) and exact,
      // a whole number below 2¹⁰ times a power of two; 0 keeps its sign through the OR.
      return sign | Float.floatToRawIntBits(mantissa * 0x1p-24f);
    }
    return sign | (exponent + EXPONENT_SHIFT) << 23 | mantissa << 13;
  }

  /**
   * The float32 bits of a BF16 value: bfloat16 is the high half of a float32 (the same sign,
   * exponent and first 7 mantissa bits), so its bits go to the high half.
   *
   * @param bf16 the 16 bits, in the low half of the int (higher bits are ignored)
   * @return the bits of the equal float32
   */
  static int bf16ToFloatBits(int bf16) {
    return bf16 << 16;
  }
}
