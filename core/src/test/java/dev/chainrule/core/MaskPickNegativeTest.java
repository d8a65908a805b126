package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link MaskPick#negative}: all ones exactly where the sign bit is set, in both types. */
class MaskPickNegativeTest {
  @Test
  void maskIsTheSignBitSpread() {
    double[] values = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, 1, -1, Double.MAX_VALUE,
        -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
        Double.longBitsToDouble(0xfff8_0000_0000_0000L), Float.MIN_VALUE, -Float.MIN_VALUE};
    for (double x : values) {
      int expected = Double.doubleToRawLongBits(x) < 0 ? -1 : 0;
      assertEquals(expected, MaskPick.negative(x), "double " + x);
      float f = (float) x;
      int expectedF = Float.floatToRawIntBits(f) < 0 ? -1 : 0;
      assertEquals(expectedF, MaskPick.negative(f), "float " + f);
    }
  }
}
