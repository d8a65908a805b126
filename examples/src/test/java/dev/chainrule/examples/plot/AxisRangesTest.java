package dev.chainrule.examples.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  @Test
  void aLinearAxisSpansAtLeastAThousandthOfItsValues() {
    // xor --lr 1e-12: the loss moved by about 1e-9 of 0.700256, and XChart drew that as a fall
    // across the chart labelled 7.002561529191942E-1.
    double low = 0.7002561529191942;
    double high = 0.7002561536;
    AxisRanges.LinearAxis axis = AxisRanges.linear(low, high);
    double span = AxisRanges.LEAST_RELATIVE_SPAN * high;
    // The ends are the middle ± half the span, in doubles: a few ulps of 0.7.
    assertEquals((low + high) / 2 - span / 2, axis.min(), 1e-15);
    assertEquals((low + high) / 2 + span / 2, axis.max(), 1e-15);
    assertEquals("0.0000#", axis.pattern(), "ticks a tenth of 7e-4 apart, in 4 decimals");
    // A curve that moves keeps XChart's fit and labels.
    assertEquals(new AxisRanges.LinearAxis(null, null, null), AxisRanges.linear(0.05, 0.7));
    assertEquals(new AxisRanges.LinearAxis(null, null, null), AxisRanges.linear(0, 0));
    // One value: labelled once, with its six digits.
    assertEquals(new AxisRanges.LinearAxis(null, null, "0.######"),
        AxisRanges.linear(low, low));
    assertEquals("0.#####E0", AxisRanges.linear(2e-7, 2e-7).pattern());
    assertEquals("0.0000E0", AxisRanges.linear(3e-12, 3.000000001e-12).pattern());
    // Exponents from a million on, and below a thousandth; a thousandth itself in digits.
    assertEquals("0.#####E0", AxisRanges.linear(1e6, 1e6).pattern());
    assertEquals("0.######", AxisRanges.linear(1e-3, 1e-3).pattern());
    assertEquals("0.0000E0", AxisRanges.linear(1e6, 1e6 + 1).pattern());
    // Ticks some 5 apart on values near 50,000 need no decimals.
    assertEquals("0", AxisRanges.linear(50_000, 50_001).pattern());
  }

  @Test
  void aLinearAxisNearTheLargestDoubleStaysFinite() {
    // (low + high) / 2 overflowed to infinity there, and XChart refused the chart.
    AxisRanges.LinearAxis axis = AxisRanges.linear(1.7e308, 1.7000001e308);
    assertTrue(Double.isFinite(axis.min()) && Double.isFinite(axis.max()), axis.toString());
    assertTrue(axis.min() <= 1.7e308 && axis.max() >= 1.7000001e308, axis.toString());
    AxisRanges.LinearAxis top = AxisRanges.linear(Double.MAX_VALUE * (1 - 1e-9), Double.MAX_VALUE);
    assertEquals(Double.MAX_VALUE, top.max(), "capped at the largest double, not infinity");
  }
}
