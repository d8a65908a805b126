package dev.chainrule.examples.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Boundaries of the charts' axis and legend that mutation testing found unpinned: values
 * exactly two decades apart get a decade-labelled log axis of their own range, and a chart holds
 * as many series as its palette has colours, and no more.
 */
class ChartLimitsTest {
  @Test
  void exactlyTwoLabelledDecadesNeedNoWidening() {
    // 0.5 to 20 holds the powers 1 and 10: two labels already, so the data's range stands
    // (were two too few, it would be widened out to 0.1 or 100 for a second label).
    assertEquals(new AxisRanges.LogAxis(null, null, true, false), AxisRanges.log(0.5, 20));
  }

  private static Map<String, List<Double>> series(int n) {
    Map<String, List<Double>> series = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      series.put("s" + i, List.of(1.0 + i, 2.0 + i));
    }
    return series;
  }

  @Test
  void aChartHoldsTenSeriesAndRefusesEleven() {
    assertEquals(10, CurveChart.of("t", "epoch", "y", series(10), CurveChart.Scale.LINEAR)
        .getSeriesMap().size());
    assertEquals("curves: 11 series; at most 10 can be told apart",
        assertThrows(IllegalArgumentException.class, () -> CurveChart.of("t", "epoch", "y",
            series(11), CurveChart.Scale.LINEAR)).getMessage());
  }
}
