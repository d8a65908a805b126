package dev.chainrule.examples.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AxisRangesTest {
  // Axis ends computed as digit × 10^k in doubles: off by a few ulps of the value.
  private static final double ULPS = 1e-15;

  @Test
  void valuesWithinADecadeAreLabelledAtEachDigitFromATickToATick() {
    // Gradients of 0.0025 to 0.009: XChart's decade labels (0.001, 0.01) fell outside the data,
    // and the axis had no number at all.
    AxisRanges.LogAxis axis = AxisRanges.log(0.0025, 0.009);
    assertEquals(false, axis.decadesOnly());
    assertEquals(false, axis.exponents());
    assertEquals(0.002, axis.min(), 0.002 * ULPS);
    assertEquals(0.009, axis.max(), 0.009 * ULPS);
    // Nearly flat gradients still reach from one labelled tick to the next.
    AxisRanges.LogAxis flat = AxisRanges.log(0.0121, 0.0123);
    assertEquals(0.01, flat.min(), 0.01 * ULPS);
    assertEquals(0.02, flat.max(), 0.02 * ULPS);
  }

  @Test
  void aRangeOverOneDecadeWithOnePowerOfTenInsideReachesTheNearerNext() {
    // 0.0025 to 0.04: only 0.01 is inside; 0.001 is nearer (0.4 decade) than 0.1 (0.4+).
    AxisRanges.LogAxis axis = AxisRanges.log(0.0025, 0.04);
    assertEquals(true, axis.decadesOnly());
    assertEquals(0.001, axis.min(), 0.001 * ULPS);
    assertEquals(null, axis.max());
    AxisRanges.LogAxis upward = AxisRanges.log(0.003, 0.08);
    assertEquals(null, upward.min());
    assertEquals(0.1, upward.max(), 0.1 * ULPS);
  }

  @Test
  void aFewDecadesAreLabelledAtTheDecadesAndManyAsExponents() {
    assertEquals(new AxisRanges.LogAxis(null, null, true, false), AxisRanges.log(1e-4, 0.05));
    assertEquals(new AxisRanges.LogAxis(null, null, true, false), AxisRanges.log(1e-8, 0.5),
        "8 decades inside: the most labelled as decades");
    // Thirty decade labels overlapped on the 500-pixel chart.
    assertEquals(new AxisRanges.LogAxis(null, null, true, true), AxisRanges.log(1e-31, 0.1));
    assertEquals("1E-30", AxisRanges.power(-30.0));
    assertEquals("1E0", AxisRanges.power(0.0));
    assertEquals("3.2E-26", AxisRanges.power(-25.5));
  }
}
