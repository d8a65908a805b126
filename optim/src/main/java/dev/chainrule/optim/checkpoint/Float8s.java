package dev.chainrule.optim.checkpoint;

/**
 * The 8-bit floats of the safetensors format widened to float32, exactly: every value of both is
 * a float32 value (PyTorch 1.13 has no 8-bit floats; later versions call them
 * {@code float8_e4m3fn} and {@code float8_e5m2}). As {@link HalfFloats}, these return the float's
 * bits, so that a NaN keeps its sign and payload whatever the platform does with floats.
 *
 * <ul>
 *   <li>F8_E4M3 is the "fn" variant (finite, NaN only): a sign, 4 exponent bits of bias 7 and 3
 *       mantissa bits; no infinities, and the one NaN per sign is S.1111.111, so the all-ones
 *       exponent holds normal numbers up to 448 (S.1111.110).
 *   <li>F8_E5M2 is IEEE 754-like: a sign, 5 exponent bits of bias 15 and 2 mantissa bits, with
 *       infinities and NaNs. It is the high byte of an F16 (same sign, exponent and bias, the
 *       first 2 of F16's 10 mantissa bits), and so is converted as F16 is.
 * </ul>
 */
final class Float8s {
  /** E4M3 has exponent bias 7, float32 127: a normal number's exponent field moves by 120. */
  private static final int E4M3_EXPONENT_SHIFT = 127 - 7;

  private Float8s() {}

  /**
   * The float32 bits of an F8_E4M3 value.
   *
   * @param f8 the 8 bits, in the low byte of the int (higher bits are ignored)
   * @return the bits of the equal float32 (for the NaN, a NaN of the same sign)
   */
  static int e4m3ToFloatBits(int f8) {
    int sign = (f8 & 0x80) << 24;
    int exponent = (f8 >>> 3) & 0xf;
    int mantissa = f8 & 0x7;
    if (exponent == 0xf && mantissa == 0x7) {
      // The only NaN; its mantissa goes atop float's 23 bits as an F16 NaN's does.
      return sign | 0x7f80_0000 | mantissa << 20;
    }
    if (exponent == 0) {
      // Zero or subnormal: mantissa × 2⁻⁹, exact in float32; 0 keeps its sign through the OR.
      return sign | Float.floatToRawIntBits(mantissa * 0x1p-9f);
    }
    return sign | (exponent + E4M3_EXPONENT_SHIFT) << 23 | mantissa << 20;
  }

  /**
   * The float32 bits of an F8_E5M2 value: those of the F16 whose high byte it is.
   *
   * @param f8 the 8 bits, in the low byte of the int (higher bits are ignored)
   * @return the bits of the equal float32 (infinities kept, a NaN's sign and payload kept)
   */
  static int e5m2ToFloatBits(int f8) {
    return HalfFloats.f16ToFloatBits((f8 & 0xff) << 8);
  }
}
