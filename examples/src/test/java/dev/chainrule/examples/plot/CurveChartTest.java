package dev.chainrule.examples.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class CurveChartTest {
  private static final double NAN = Double.NaN;

  @Test
  void titlesLabelsAndOneSeriesPerCurveInLegendOrder() {
    Map<String, List<Double>> series = new LinkedHashMap<>();
    series.put("training loss", List.of(1.0, 0.75, 0.25));
    series.put("test loss", List.of(0.2, NAN, 0.8));
    XYChart chart = CurveChart.of("iris: loss", "epoch", "loss", series,
        CurveChart.Scale.LINEAR);

    assertEquals("iris: loss", chart.getTitle());
    assertEquals("epoch", chart.getXAxisTitle());
    assertEquals("loss", chart.getYAxisTitle());
    assertEquals(List.of("training loss", "test loss"), List.copyOf(chart.getSeriesMap().keySet()));
    XYSeries train = chart.getSeriesMap().get("training loss");
    assertArrayEquals(new double[] {1, 2, 3}, train.getXData());
    assertArrayEquals(new double[] {1, 0.75, 0.25}, train.getYData());
    // Epoch 2 of the test loss is NaN: the line joins epochs 1 and 3.
    XYSeries test = chart.getSeriesMap().get("test loss");
    assertArrayEquals(new double[] {1, 3}, test.getXData());
    assertEquals(Palette.color(1), test.getLineColor());
  }

  @Test
  void aResumedRunsCurvesAreNumberedFromItsFirstEpoch() {
    // xor --load of a 20-epoch file logs epochs 21 to 30: its charts ran 1 to 10.
    Map<String, List<Double>> series = new LinkedHashMap<>();
    series.put("training loss", List.of(0.3, NAN, 0.2));
    XYChart chart = CurveChart.of("xor: loss", "epoch", "loss", series, CurveChart.Scale.LINEAR,
        21);
    assertArrayEquals(new double[] {21, 23},
        chart.getSeriesMap().get("training loss").getXData());
    List<Double> long100 = IntStream.range(0, 100).mapToObj(i -> 1.0 / (i + 1)).toList();
    XYChart longer = CurveChart.of("xor: loss", "epoch", "loss",
        Map.of("training loss", long100), CurveChart.Scale.LOG, 31);
    assertArrayEquals(new double[] {31, 31.5}, longer.getSeriesMap().get(" ").getXData(),
        "the hidden point widens no axis: it starts at the first epoch");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CurveChart.of("t", "x", "y", series, CurveChart.Scale.LINEAR, 0));
    assertEquals("curves: the first epoch must be 1 or more, got 0", e.getMessage());
  }

  @Test
  void aSeriesWithNothingToDrawIsLeftOutOfTheLegend() {
    // XOR has no test data: its test loss is NaN in every epoch.
    Map<String, List<Double>> series = new LinkedHashMap<>();
    series.put("training loss", List.of(0.7, 0.3));
    series.put("test loss", List.of(NAN, NAN));
    XYChart chart = CurveChart.of("xor: loss", "epoch", "loss", series, CurveChart.Scale.LINEAR);

    assertEquals(List.of("training loss"), List.copyOf(chart.getSeriesMap().keySet()));
    assertTrue(chart.getSeriesMap().values().stream().allMatch(s -> s.isShowInLegend()));
  }

  @Test
  void aLongRunGetsRoundTicksFromAHiddenUnevenPointAndAShortOneDoesNot() {
    // XChart labels evenly spaced x values with the values themselves: at 1,000 epochs some forty
    // labels ran into one string ("1 47 93 139185231277..."); uneven ones get 0, 100, 200, ...
    List<Double> long1000 = IntStream.range(0, 1000)
        .mapToObj(i -> 1.0 / (i + 1)).toList();
    XYChart chart = CurveChart.of("xor: loss", "epoch", "loss", Map.of("training loss", long1000),
        CurveChart.Scale.LOG);
    assertEquals(2, chart.getSeriesMap().size());
    XYSeries hidden = chart.getSeriesMap().get(" ");
    assertFalse(hidden.isShowInLegend());
    assertArrayEquals(new double[] {1, 1.5}, hidden.getXData());
    assertArrayEquals(new double[] {1, 1}, hidden.getYData(), "on the curve's first value: drawable"
        + " on a log scale, and widening no axis");
    XYChart few = CurveChart.of("loss", "epoch", "loss", Map.of("training loss",
        List.of(0.7, 0.5, 0.4)), CurveChart.Scale.LINEAR);
    assertEquals(List.of("training loss"), List.copyOf(few.getSeriesMap().keySet()));
  }

  @Test
  void aLogScaleDropsValuesItCannotShow() {
    Map<String, List<Double>> series = new LinkedHashMap<>();
    series.put("layer 1", List.of(1e-6, 0.0, 1e-5));
    series.put("layer 2", List.of(0.0, -1.0));
    XYChart chart = CurveChart.of("gradients", "epoch", "mean |gradient|", series,
        CurveChart.Scale.LOG);

    assertTrue(chart.getStyler().isYAxisLogarithmic());
    assertEquals(List.of("layer 1"), List.copyOf(chart.getSeriesMap().keySet()));
    assertArrayEquals(new double[] {1, 3}, chart.getSeriesMap().get("layer 1").getXData());
  }

  @Test
  void aLogAxisIsRangedSoThatItsLabelsCanBeRead() {
    Map<String, List<Double>> narrow = new LinkedHashMap<>();
    narrow.put("layer 1", List.of(0.0025, 0.003, 0.004));
    narrow.put("layer 2", List.of(0.006, 0.007, 0.009));
    XYChart within = CurveChart.of("gradients", "epoch", "g", narrow, CurveChart.Scale.LOG);
    assertTrue(within.getStyler().isYAxisLogarithmic());
    assertFalse(within.getStyler().isYAxisLogarithmicDecadeOnly(),
        "within a decade XChart labels nothing at decades only");
    assertEquals(0.002, within.getStyler().getYAxisMin(), 0.002 * 1e-15, "a few ulps");
    assertEquals(0.009, within.getStyler().getYAxisMax(), 0.009 * 1e-15, "a few ulps");

    Map<String, List<Double>> wide = new LinkedHashMap<>();
    wide.put("layer 1", List.of(1e-31, 1e-20));
    wide.put("layer 2", List.of(0.1, 0.01));
    XYChart exponents = CurveChart.of("gradients", "epoch", "g", wide, CurveChart.Scale.LOG);
    assertFalse(exponents.getStyler().isYAxisLogarithmic());
    // log10 of 1e-31 is -31 to within an ulp or so.
    assertArrayEquals(new double[] {-31, -20},
        exponents.getSeriesMap().get("layer 1").getYData(), 1e-12);
    assertEquals("1E-30", exponents.getStyler().getyAxisTickLabelsFormattingFunction()
        .apply(-30.0));
  }

  @Test
  void aLossThatDidNotMoveIsDrawnFlat() {
    List<Double> still = List.of(0.7002561529191942, 0.70025615, 0.7002561520);
    XYChart chart = CurveChart.of("xor: loss", "epoch", "loss", Map.of("training loss", still),
        CurveChart.Scale.LINEAR);
    // XChart fitted the axis to the billionth the loss moved: a fall across the chart.
    double span = chart.getStyler().getYAxisMax() - chart.getStyler().getYAxisMin();
    assertEquals(7.0026e-4, span, 1e-8, "a thousandth of the loss, to the 5 digits written");
    assertEquals("0.0000#", chart.getStyler().getYAxisDecimalPattern());
  }

  @Test
  void argumentErrorsSayWhatIsWrong() {
    assertMessage("curves: no series to draw", Map.of(), CurveChart.Scale.LINEAR);
    assertMessage("curves: series 'loss' is empty", Map.of("loss", List.of()),
        CurveChart.Scale.LINEAR);
    assertMessage("curves: no series has a drawable value (finite)",
        Map.of("loss", List.of(NAN, Double.POSITIVE_INFINITY)), CurveChart.Scale.LINEAR);
    assertMessage("curves: no series has a drawable value (finite and above 0 on a log scale)",
        Map.of("loss", List.of(0.0)), CurveChart.Scale.LOG);
    assertMessage("curves: series 'loss' has a null value at epoch 2 (use NaN for a missing value)",
        Map.of("loss", Arrays.asList(1.0, null)), CurveChart.Scale.LINEAR);
    Map<String, List<Double>> eleven = IntStream.range(0, 11).boxed()
        .collect(Collectors.toMap(i -> "run " + i, i -> List.of(1.0)));
    assertMessage("curves: 11 series; at most 10 can be told apart", eleven,
        CurveChart.Scale.LINEAR);
  }

  private static void assertMessage(String expected, Map<String, List<Double>> series,
      CurveChart.Scale scale) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CurveChart.of("t", "x", "y", series, scale));
    assertEquals(expected, e.getMessage());
  }
}
