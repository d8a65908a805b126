package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The last quadrant the sine and cosine kernels take, q = 2²⁰ (|x| within π/4 of 2²⁰·π/2, about
 * 1.65e6), and the first they leave to Math, q = 2²⁰ + 1: the loops' flag (q·2⁻²¹ rounded, 0 up
 * to 2²⁰ by round-half-even) and the one-element functions' range test must draw the line in the
 * same place, so that the two give the same bits there. At q = 2²⁰ the kernel's and Math's
 * results differ in the last bit for some 3 % of x, so the 2,000 points of each quadrant show a
 * line drawn anywhere else.
 */
class SinCosQuadrantLimitTest {
  private static final int POINTS = 2000;
  /** More than SinCos.SHORT elements: the loops, not the one-element functions. */
  private static final int LOOP_LENGTH = 64;

  @Test
  void theLoopsAndTheOneElementFunctionsAgreeEitherSideOfTheLastQuadrant() {
    for (double q : new double[] {0x1p20, 0x1p20 + 1}) {
      double from = (q - 0.5) * Math.PI / 2;
      double to = (q + 0.5) * Math.PI / 2;
      for (int i = 0; i < POINTS; i++) {
        double x = from + (to - from) * (i + 0.5) / POINTS;
        assertEquals(q, SinCosSteps.quadrant(x), "the point lies in its quadrant");
        double[] in = new double[LOOP_LENGTH];
        Arrays.fill(in, i % 2 == 0 ? x : -x);
        double[] sin = new double[LOOP_LENGTH];
        double[] cos = new double[LOOP_LENGTH];
        SinCos.sin(in, sin);
        SinCos.cos(in, cos);
        assertEquals(SinCosSteps.sin(in[0]), sin[LOOP_LENGTH - 1], 0, "sin " + in[0]);
        assertEquals(SinCosSteps.cos(in[0]), cos[LOOP_LENGTH - 1], 0, "cos " + in[0]);
      }
    }
  }
}
