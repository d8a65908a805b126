package dev.chainrule.examples.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class DecisionBoundaryChartTest {
  /**
   * Four points in the corners of [-1, 1]² labelled by side, and two on the wrong side: a class-1
   * point at (-0.5, 1.5) and a class-0 point at (0.5, -1.5). With padding 1 the plane is
   * [-2, 2] × [-2.5, 2.5].
   */
  private static final Tensor POINTS = Tensor.matrix(new double[][] {
      {-1, 1}, {-1, -1}, {1, 1}, {1, -1}, {-0.5, 1.5}, {0.5, -1.5}});
  private static final Tensor LABELS = Tensor.vector(0, 0, 1, 1, 1, 0);
  private static final List<String> NAMES = List.of("left", "right");
  /** Class 1 right of the vertical axis, class 0 left of it. */
  private static final Classifier RIGHT_IS_ONE =
      grid -> grid.slice(1, 0, 1).reshape(grid.dim(0)).gt(0);

  @Test
  void theLegendNamesTheClassesOfThePointsAndTheRegionsFollowThePredictions() {
    XYChart chart = DecisionBoundaryChart.of("blobs: decision boundary", RIGHT_IS_ONE, POINTS,
        LABELS, NAMES, 1);

    assertEquals("blobs: decision boundary", chart.getTitle());
    assertEquals("feature 0", chart.getXAxisTitle());
    assertEquals("feature 1", chart.getYAxisTitle());
    // The runs title the axes by their columns and say when they are standardised.
    XYChart named = DecisionBoundaryChart.of("t", RIGHT_IS_ONE, POINTS, LABELS, NAMES, 1,
        List.of("weight (standardised)", "height (standardised)"));
    assertEquals("weight (standardised)", named.getXAxisTitle());
    assertEquals("height (standardised)", named.getYAxisTitle());
    assertEquals(List.of("region: left", "region: right", "left", "right"),
        List.copyOf(chart.getSeriesMap().keySet()));
    List<String> legend = chart.getSeriesMap().values().stream()
        .filter(XYSeries::isShowInLegend).map(XYSeries::getName).toList();
    assertEquals(NAMES, legend, "the legend lists the classes once, by name");
    XYSeries left = chart.getSeriesMap().get("left");
    assertArrayEquals(new double[] {-1, -1, 0.5}, left.getXData());
    assertArrayEquals(new double[] {1, -1, -1.5}, left.getYData());
    assertEquals(Palette.color(0), left.getMarkerColor());
    assertEquals(Palette.region(1), chart.getSeriesMap().get("region: right").getMarkerColor());
    assertTrue(Arrays.stream(chart.getSeriesMap().get("region: left").getXData())
        .allMatch(x -> x < 0));
    assertTrue(Arrays.stream(chart.getSeriesMap().get("region: right").getXData())
        .allMatch(x -> x > 0));
    int cells = DecisionBoundaryChart.GRID_RESOLUTION * DecisionBoundaryChart.GRID_RESOLUTION;
    assertEquals(cells, chart.getSeriesMap().get("region: left").getXData().length
        + chart.getSeriesMap().get("region: right").getXData().length);
    assertEquals(-2, chart.getStyler().getXAxisMin(), 1e-12);
    assertEquals(2.5, chart.getStyler().getYAxisMax(), 1e-12);
  }

  @Test
  void aClassWithNoPointsAndNoRegionIsNotDrawnOrListed() {
    XYChart chart = DecisionBoundaryChart.of("t", grid -> Tensors.zeros(grid.dim(0)),
        POINTS.slice(0, 0, 2), Tensor.vector(0, 0), List.of("a", "b", "c"), 1);

    assertEquals(List.of("region: a", "a"), List.copyOf(chart.getSeriesMap().keySet()));
  }

  @Test
  void theClassifierIsAskedOnceForTheWholeGrid() {
    List<Tensor> batches = new ArrayList<>();
    Classifier recording = grid -> {
      batches.add(grid);
      return RIGHT_IS_ONE.predict(grid);
    };
    DecisionBoundaryChart.of("t", recording, POINTS, LABELS, NAMES, 1);

    assertEquals(1, batches.size());
    int r = DecisionBoundaryChart.GRID_RESOLUTION;
    Tensor grid = batches.get(0);
    assertEquals(Shape.of(r * r, 2), grid.shape());
    // Cell centres: half a cell (4 / 80 / 2 across, 5 / 80 / 2 up) inside [-2, 2] × [-2.5, 2.5].
    assertEquals(-2 + 0.025, grid.slice(1, 0, 1).min().item(), 1e-12);
    assertEquals(2 - 0.025, grid.slice(1, 0, 1).max().item(), 1e-12);
    assertEquals(-2.5 + 0.03125, grid.slice(1, 1, 2).min().item(), 1e-12);
    assertEquals(2.5 - 0.03125, grid.get(0, 1), 1e-12, "the first row is the top one");
  }

  /**
   * One point and no padding still show a plane: a unit around each coordinate, or a tenth of
   * its size where that is larger (20 gets ±2, 3 gets ±0.5).
   */
  @Test
  void aSinglePointWithoutPaddingStillHasAPlane() {
    List<Tensor> batches = new ArrayList<>();
    Classifier recording = grid -> {
      batches.add(grid);
      return Tensors.zeros(grid.dim(0));
    };
    DecisionBoundaryChart.of("t", recording, Tensor.matrix(new double[][] {{3, 20}}),
        Tensor.vector(0), List.of("only"), 0);
    Tensor grid = batches.get(0);
    int r = DecisionBoundaryChart.GRID_RESOLUTION;
    // Cell centres lie half a cell inside the plane; sums of a few doubles, hence 1e-12.
    assertEquals(2.5 + 0.5 / r, grid.slice(1, 0, 1).min().item(), 1e-12);
    assertEquals(3.5 - 0.5 / r, grid.slice(1, 0, 1).max().item(), 1e-12);
    assertEquals(18 + 2.0 / r, grid.slice(1, 1, 2).min().item(), 1e-12);
    assertEquals(22 - 2.0 / r, grid.slice(1, 1, 2).max().item(), 1e-12);
  }

  @Test
  void classifierAnswersAreChecked() {
    int cells = DecisionBoundaryChart.GRID_RESOLUTION * DecisionBoundaryChart.GRID_RESOLUTION;
    assertMessage("decision boundary: the classifier returned [" + cells + ", 1] for " + cells
            + " grid points; expected [" + cells + "]",
        () -> draw(grid -> Tensors.zeros(grid.dim(0), 1), POINTS, LABELS, NAMES, 1));
    assertMessage("decision boundary: the classifier predicted 2.0 for grid point (-1.975,"
            + " 2.46875); expected a class index in [0, 2)",
        () -> draw(grid -> Tensors.full(Shape.of(grid.dim(0)), 2), POINTS, LABELS, NAMES, 1));
    assertMessage("decision boundary: the classifier predicted NaN for grid point (-1.975,"
            + " 2.46875); expected a class index in [0, 2)",
        () -> draw(grid -> Tensors.full(Shape.of(grid.dim(0)), Double.NaN), POINTS, LABELS,
            NAMES, 1));
    assertMessage("decision boundary: the classifier returned null",
        () -> draw(grid -> null, POINTS, LABELS, NAMES, 1));
  }

  @Test
  void argumentErrorsSayWhatIsWrong() {
    assertMessage("decision boundary: 1 axis titles; expected 2",
        () -> DecisionBoundaryChart.of("t", RIGHT_IS_ONE, POINTS, LABELS, NAMES, 1,
            List.of("x")));
    List<String> eleven = IntStream.range(0, 11).mapToObj(k -> "c" + k).toList();
    assertMessage("decision boundary: 11 classes; expected 1 to 10",
        () -> draw(RIGHT_IS_ONE, POINTS, LABELS, eleven, 1));
    assertMessage("decision boundary: points must be [N, 2] with N at least 1, got [3]",
        () -> draw(RIGHT_IS_ONE, Tensor.vector(1, 2, 3), LABELS, NAMES, 1));
    assertMessage("decision boundary: points must be [N, 2] with N at least 1, got [0, 2]",
        () -> draw(RIGHT_IS_ONE, Tensors.zeros(0, 2), Tensors.zeros(0), NAMES, 1));
    assertMessage("decision boundary: labels [5] do not match points [6, 2]; expected [6]",
        () -> draw(RIGHT_IS_ONE, POINTS, Tensors.zeros(5), NAMES, 1));
    assertMessage("decision boundary: 0 classes; expected 1 to 10",
        () -> draw(RIGHT_IS_ONE, POINTS, LABELS, List.of(), 1));
    assertMessage("decision boundary: label 1.0 of point 2 is not a class index in [0, 1)",
        () -> draw(RIGHT_IS_ONE, POINTS, LABELS, List.of("only"), 1));
    assertMessage("decision boundary: label 0.5 of point 0 is not a class index in [0, 2)",
        () -> draw(RIGHT_IS_ONE, POINTS, LABELS.add(0.5), NAMES, 1));
    assertMessage("decision boundary: label -1.0 of point 0 is not a class index in [0, 2)",
        () -> draw(RIGHT_IS_ONE, POINTS, LABELS.sub(1), NAMES, 1));
    assertMessage("decision boundary: label NaN of point 2 is not a class index in [0, 2)",
        () -> draw(RIGHT_IS_ONE, POINTS, Tensor.vector(0, 0, Double.NaN, 1, 1, 0), NAMES, 1));
    assertMessage("decision boundary: padding -1.0 must be finite and at least 0",
        () -> draw(RIGHT_IS_ONE, POINTS, LABELS, NAMES, -1));
    assertMessage("decision boundary: point 1 (NaN, 0.0) is not finite",
        () -> draw(RIGHT_IS_ONE, Tensor.matrix(new double[][] {{0, 0}, {Double.NaN, 0}}),
            Tensor.vector(0, 1), NAMES, 1));
  }

  /** Ten classes (as many as the palette tells apart) and a padding of 0 are the limits. */
  @Test
  void theLimitsThemselvesAreAccepted() {
    XYChart chart = DecisionBoundaryChart.of("t", RIGHT_IS_ONE, POINTS, LABELS,
        IntStream.range(0, 10).mapToObj(k -> "c" + k).toList(), 0);
    assertEquals("t", chart.getTitle());
  }

  private static void draw(Classifier classifier, Tensor points, Tensor labels,
      List<String> names, double padding) {
    DecisionBoundaryChart.of("t", classifier, points, labels, names, padding);
  }

  private static void assertMessage(String expected, Executable call) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
  }
}
