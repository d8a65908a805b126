package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Split.testRows, public for callers that quote the splits' rule, took any fraction: -1 held out
 * -10 of 10 rows, 2 held out 20, and -∞ Long.MIN_VALUE.
 */
class TestRowsRuleTest {
  @Test
  void fractionsOutsideZeroToOneAndNegativeCountsAreRefusedAsTheSplitsRefuseThem() {
    for (double fraction : new double[] {-1, 2, Double.NEGATIVE_INFINITY, Double.NaN}) {
      assertEquals("testRows: test fraction must be in [0, 1], got " + fraction,
          assertThrows(IllegalArgumentException.class, () -> Split.testRows(fraction, 10))
              .getMessage());
    }
    assertEquals("testRows: the number of rows must not be negative, got -3",
        assertThrows(IllegalArgumentException.class, () -> Split.testRows(0.5, -3))
            .getMessage());
  }

  @Test
  void theRuleItselfIsUnchanged() {
    assertEquals(0, Split.testRows(0, 10));
    assertEquals(10, Split.testRows(1, 10));
    assertEquals(3, Split.testRows(0.25, 10), "2.5 rounds half up");
    assertEquals(0, Split.testRows(0.5, 0));
  }
}
