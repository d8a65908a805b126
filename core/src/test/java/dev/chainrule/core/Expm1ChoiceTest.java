package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * expm1's choice on the bits gives the comparison's, {@code Math.abs(x) < 0.5 ? small : large},
 * bit for bit: for random patterns (any NaN payload) and at ±½, the values next to them, the
 * zeros, the infinities and NaN.
 */
class Expm1ChoiceTest {
  private static final double SMALL = 1.25;
  private static final double LARGE = -3.5;

  @Property(tries = 5000)
  void matchesTheComparisonForAnyBits(@ForAll long xBits, @ForAll long smallBits,
      @ForAll long largeBits, @ForAll int xBits32) {
    double x = Double.longBitsToDouble(xBits);
    double small = Double.longBitsToDouble(smallBits);
    double large = Double.longBitsToDouble(largeBits);
    assertEquals(Double.doubleToRawLongBits(Math.abs(x) < 0.5 ? small : large),
        Double.doubleToRawLongBits(Expm1Choice.choose(x, small, large)), () -> "x " + x);
    float x32 = Float.intBitsToFloat(xBits32);
    assertEquals(Math.abs(x32) < 0.5f ? (float) SMALL : (float) LARGE,
        Expm1Choice.choose(x32, (float) SMALL, (float) LARGE), () -> "x " + x32);
  }

  @Example
  void edges() {
    double[] edges = {0.5, -0.5, Math.nextDown(0.5), -Math.nextDown(0.5), Math.nextUp(0.5),
        0.0, -0.0, Double.MIN_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.NaN, Double.longBitsToDouble(0xFFF8_0000_0000_0000L)};
    for (double x : edges) {
      assertEquals(Math.abs(x) < 0.5 ? SMALL : LARGE, Expm1Choice.choose(x, SMALL, LARGE),
          "x " + x);
      float x32 = (float) x;
      assertEquals(Math.abs(x32) < 0.5f ? (float) SMALL : (float) LARGE,
          Expm1Choice.choose(x32, (float) SMALL, (float) LARGE), "x " + x32);
    }
    float below = Math.nextDown(0.5f);
    assertEquals((float) SMALL, Expm1Choice.choose(below, (float) SMALL, (float) LARGE));
    assertEquals((float) SMALL, Expm1Choice.choose(-below, (float) SMALL, (float) LARGE));
  }
}
