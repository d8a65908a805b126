package dev.chainrule.examples.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

class DecisionBoundaryPlotTest {
  /**
   * Four points in the corners of [-1, 1]² labelled by side, and two on the wrong side: a class-1
   * point at (-0.5, 1.5) and a class-0 point at (0.5, -1.5). With padding 1 the plane is
   * [-2, 2] × [-2.5, 2.5].
   */
  private static final Tensor POINTS = Tensor.matrix(new double[][] {
      {-1, 1}, {-1, -1}, {1, 1}, {1, -1}, {-0.5, 1.5}, {0.5, -1.5}});
  private static final Tensor LABELS = Tensor.vector(0, 0, 1, 1, 1, 0);
  /** Class 1 right of the vertical axis, class 0 left of it. */
  private static final Classifier RIGHT_IS_ONE =
      grid -> grid.slice(1, 0, 1).reshape(grid.dim(0)).gt(0);

  @TempDir Path dir;

  @Test
  void writesAPngOfTheDocumentedSizeIntoNewFolders() throws IOException {
    Path png = dir.resolve("plots/boundary.png");
    Path written = Plots.decisionBoundary(png, "Boundary", RIGHT_IS_ONE, POINTS, LABELS, 2, 1);

    assertEquals(png, written);
    Pixels.read(png, Plots.DECISION_BOUNDARY_SIZE);
    assertEquals(new PictureSize(800, 600), Plots.DECISION_BOUNDARY_SIZE);
    assertEquals(List.of(png), Pixels.filesIn(png.getParent()));
  }

  @Test
  void regionsHaveTheColourOfThePredictedClassAndPointsOfTheirTrueClass() throws IOException {
    Path png = Plots.decisionBoundary(dir.resolve("b.png"), "Boundary", RIGHT_IS_ONE, POINTS,
        LABELS, 2, 1);
    BufferedImage image = Pixels.read(png, Plots.DECISION_BOUNDARY_SIZE);
    Axes axes = layout();

    // Samples away from the points (5 px ≈ 0.04 units) and from the boundary (one grid cell is
    // 0.02 units): region pixels are drawn without smoothing, so their colour is exact.
    for (double y : new double[] {-2.3, -0.5, 0, 0.5, 2.3}) {
      for (double x : new double[] {-1.9, -1.5, -0.3, -0.1}) {
        assertEquals(Palette.region(0), Pixels.at(image, axes.pixelX(x), axes.pixelY(y)),
            "at (" + x + ", " + y + ")");
      }
      for (double x : new double[] {0.1, 0.3, 1.5, 1.9}) {
        assertEquals(Palette.region(1), Pixels.at(image, axes.pixelX(x), axes.pixelY(y)),
            "at (" + x + ", " + y + ")");
      }
    }
    double[][] points = {{-1, 1}, {-1, -1}, {1, 1}, {1, -1}, {-0.5, 1.5}, {0.5, -1.5}};
    for (int i = 0; i < points.length; i++) {
      Color centre = Pixels.at(image, axes.pixelX(points[i][0]), axes.pixelY(points[i][1]));
      Color expected = Palette.color((int) LABELS.get(i));
      assertTrue(Pixels.distance(expected, centre) <= 8,
          "point " + i + " is drawn in its true class's colour: " + centre);
    }
  }

  @Test
  void theTopOfThePictureIsTheLargestY() throws IOException {
    Classifier upperHalfIsOne = grid -> grid.slice(1, 1, 2).reshape(grid.dim(0)).gt(0);
    Path png = Plots.decisionBoundary(dir.resolve("b.png"), "Boundary", upperHalfIsOne, POINTS,
        LABELS, 2, 1);
    BufferedImage image = Pixels.read(png, Plots.DECISION_BOUNDARY_SIZE);
    Axes axes = layout();

    for (double x : new double[] {-1.9, 0, 1.9}) {
      assertEquals(Palette.region(1), Pixels.at(image, axes.pixelX(x), axes.pixelY(2.3)));
      assertEquals(Palette.region(1), Pixels.at(image, axes.pixelX(x), axes.pixelY(0.1)));
      assertEquals(Palette.region(0), Pixels.at(image, axes.pixelX(x), axes.pixelY(-0.1)));
      assertEquals(Palette.region(0), Pixels.at(image, axes.pixelX(x), axes.pixelY(-2.3)));
    }
  }

  @Test
  void theClassifierIsAskedOnceForTheWholeGrid() throws IOException {
    List<Tensor> batches = new ArrayList<>();
    Classifier recording = grid -> {
      batches.add(grid);
      return RIGHT_IS_ONE.predict(grid);
    };
    Plots.decisionBoundary(dir.resolve("b.png"), "Boundary", recording, POINTS, LABELS, 2, 1);

    assertEquals(1, batches.size());
    Tensor grid = batches.get(0);
    assertEquals(Shape.of(40_000, 2), grid.shape());
    Tensor xs = grid.slice(1, 0, 1);
    Tensor ys = grid.slice(1, 1, 2);
    // Cell centres: half a cell (0.01 across, 0.0125 up) inside the plane [-2, 2] × [-2.5, 2.5].
    assertEquals(-1.99, xs.min().item(), 1e-12);
    assertEquals(1.99, xs.max().item(), 1e-12);
    assertEquals(-2.4875, ys.min().item(), 1e-12);
    assertEquals(2.4875, ys.max().item(), 1e-12);
  }

  @Test
  void classifierAnswersAreChecked() {
    assertMessage("decision boundary: the classifier returned [40000, 1] for 40000 grid points;"
            + " expected [40000]",
        () -> draw(grid -> Tensors.zeros(grid.dim(0), 1), POINTS, LABELS, 2, 1));
    assertMessage("decision boundary: the classifier predicted 2.0 for grid point (-1.99, 2.4875);"
            + " expected a class index in [0, 2)",
        () -> draw(grid -> Tensors.full(Shape.of(grid.dim(0)), 2), POINTS, LABELS, 2, 1));
  }

  @Test
  void argumentErrorsSayWhatIsWrong() {
    assertMessage("decision boundary: points must be [N, 2] with N at least 1, got [3]",
        () -> draw(RIGHT_IS_ONE, Tensor.vector(1, 2, 3), LABELS, 2, 1));
    assertMessage("decision boundary: points must be [N, 2] with N at least 1, got [6, 3]",
        () -> draw(RIGHT_IS_ONE, Tensors.zeros(6, 3), LABELS, 2, 1));
    assertMessage("decision boundary: points must be [N, 2] with N at least 1, got [0, 2]",
        () -> draw(RIGHT_IS_ONE, Tensors.zeros(0, 2), Tensors.zeros(0), 2, 1));
    assertMessage("decision boundary: labels [5] do not match points [6, 2]; expected [6]",
        () -> draw(RIGHT_IS_ONE, POINTS, Tensors.zeros(5), 2, 1));
    assertMessage("decision boundary: labels [6, 1] do not match points [6, 2]; expected [6]",
        () -> draw(RIGHT_IS_ONE, POINTS, LABELS.reshape(6, 1), 2, 1));
    assertMessage("decision boundary: 0 classes; expected 1 to 10",
        () -> draw(RIGHT_IS_ONE, POINTS, LABELS, 0, 1));
    assertMessage("decision boundary: 11 classes; expected 1 to 10",
        () -> draw(RIGHT_IS_ONE, POINTS, LABELS, 11, 1));
    assertMessage("decision boundary: label 1.0 of point 2 is not a class index in [0, 1)",
        () -> draw(RIGHT_IS_ONE, POINTS, LABELS, 1, 1));
    assertMessage("decision boundary: label 0.5 of point 0 is not a class index in [0, 2)",
        () -> draw(RIGHT_IS_ONE, POINTS, LABELS.add(0.5), 2, 1));
    assertMessage("decision boundary: padding -1.0 must be finite and at least 0",
        () -> draw(RIGHT_IS_ONE, POINTS, LABELS, 2, -1));
    assertMessage("decision boundary: point 1 (NaN, 0.0) is not finite",
        () -> draw(RIGHT_IS_ONE, Tensor.matrix(new double[][] {{0, 0}, {Double.NaN, 0}}),
            Tensor.vector(0, 1), 2, 1));
    assertFalse(Files.exists(dir.resolve("never.png")), "nothing is written on an error");
  }

  private void draw(Classifier classifier, Tensor points, Tensor labels, int classes,
      double padding) throws IOException {
    Plots.decisionBoundary(dir.resolve("never.png"), "t", classifier, points, labels, classes,
        padding);
  }

  private static void assertMessage(String expected, Executable call) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  /** The axes the picture above was drawn with: the same inputs give the same layout. */
  private static Axes layout() {
    Range x = new Range(-2, 2);
    Range y = new Range(-2.5, 2.5);
    DecisionGrid grid = DecisionGrid.evaluate(RIGHT_IS_ONE, x, y, Plots.GRID_RESOLUTION, 2);
    double[] xs = {-1, -1, 1, 1, -0.5, 0.5};
    double[] ys = {1, -1, 1, -1, 1.5, -1.5};
    return DecisionBoundaryChart.draw("Boundary", grid, xs, ys, new int[] {0, 0, 1, 1, 1, 0}, 2)
        .axes();
  }
}
