package dev.chainrule.examples.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.optim.metrics.ConfusionMatrix;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapSeries;

class ConfusionMatrixChartTest {
  /** Mostly right: a heavy diagonal, two small confusions, four empty cells. */
  private static final ConfusionMatrix IRIS = new ConfusionMatrix(Tensor.matrix(new double[][] {
      {40, 0, 2}, {0, 30, 0}, {1, 0, 50}}));
  private static final List<String> NAMES = List.of("setosa", "versicolor", "virginica");

  @Test
  void classNamesOnBothAxesTheFirstClassAtTheTopAndEveryCountInItsCell() {
    HeatMapChart chart = ConfusionMatrixChart.of("iris: confusion matrix", IRIS, NAMES);

    assertEquals("iris: confusion matrix", chart.getTitle());
    assertEquals("predicted class", chart.getXAxisTitle());
    assertEquals("true class", chart.getYAxisTitle());
    HeatMapSeries series = chart.getSeriesMap().get(ConfusionMatrixChart.SERIES);
    assertEquals(NAMES, series.getXData());
    assertEquals(List.of("virginica", "versicolor", "setosa"), series.getYData(),
        "rows from the bottom up, so setosa is the top row as in the terminal");
    // Each cell as (column, row from the bottom, count): setosa's row is the top one, 2; the
    // cell (2, 2) is setosa predicted as virginica, 2; (0, 0) virginica predicted as setosa, 1.
    List<Number[]> expected = List.of(new Number[] {0, 2, 40.0}, new Number[] {1, 2, 0.0},
        new Number[] {2, 2, 2.0}, new Number[] {0, 1, 0.0}, new Number[] {1, 1, 30.0},
        new Number[] {2, 1, 0.0}, new Number[] {0, 0, 1.0}, new Number[] {1, 0, 0.0},
        new Number[] {2, 0, 50.0});
    assertEquals(9, series.getHeatData().size());
    for (int cell = 0; cell < 9; cell++) {
      assertArrayEquals(expected.get(cell), series.getHeatData().get(cell), "cell " + cell);
    }
    assertEquals(50, chart.getStyler().getMax(), 0);
    assertTrue(chart.getStyler().isShowValue());
    assertArrayEquals(Palette.heat(), chart.getStyler().getRangeColors());
  }

  @Test
  void withoutNamesTheClassesAreNumberedAndAnEmptyMatrixStillHasAScale() {
    HeatMapChart chart = ConfusionMatrixChart.of("t", new ConfusionMatrix(Tensors.zeros(2, 2)),
        null);

    assertEquals(List.of("0", "1"),
        chart.getSeriesMap().get(ConfusionMatrixChart.SERIES).getXData());
    assertEquals(1, chart.getStyler().getMax(), 0);
  }

  @Test
  void argumentErrorsSayWhatIsWrong() {
    assertMessage("confusion matrix: 2 class names for 3 classes",
        () -> ConfusionMatrixChart.of("t", IRIS, List.of("a", "b")));
    assertMessage("confusion matrix: class name 1 is null",
        () -> ConfusionMatrixChart.of("t", IRIS, Arrays.asList("a", null, "c")));
    assertMessage("confusion matrix: class name 0 is null",
        () -> ConfusionMatrixChart.of("t", IRIS, Arrays.asList(null, "b", "c")));
    // A negative count cannot reach the chart: the matrix refuses it.
    assertMessage("confusion matrix: count -1.0 at [0, 1] is not a whole number >= 0",
        () -> ConfusionMatrixChart.of("t",
            new ConfusionMatrix(Tensor.matrix(new double[][] {{1, -1}, {0, 1}})), null));
    assertMessage("confusion matrix: the matrix has no classes",
        () -> ConfusionMatrixChart.of("t", new ConfusionMatrix(Tensor.matrix(new double[0][])),
            null));
  }

  private static void assertMessage(String expected, Executable call) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  @Test
  void columnLabelsTurnWhenTheyCrowdTheirColumns() {
    // 25 classes c0 ... c24: short names, but columns some 20 pixels wide, and they overlapped.
    List<String> many = java.util.stream.IntStream.range(0, 25).mapToObj(i -> "c" + i).toList();
    assertEquals(45, ConfusionMatrixChart.rotation(many));
    assertEquals(0, ConfusionMatrixChart.rotation(List.of("c0", "c1", "c2")));
    assertEquals(0, ConfusionMatrixChart.rotation(java.util.stream.IntStream.range(0, 10)
        .mapToObj(Integer::toString).toList()), "digits' ten one-character labels fit");
    assertEquals(45, ConfusionMatrixChart.rotation(List.of("setosa", "versicolor")),
        "a name over six characters turns, as before");
    assertEquals(0, ConfusionMatrixChart.rotation(List.of("setosa", "iris")),
        "six characters are not over six");
  }
}
