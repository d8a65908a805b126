package dev.chainrule.examples.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.optim.metrics.ConfusionMatrix;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

class ConfusionMatrixPlotTest {
  /** Mostly right: a heavy diagonal, two small confusions, four empty cells. */
  private static final ConfusionMatrix IRIS = new ConfusionMatrix(Tensor.matrix(new double[][] {
      {40, 0, 2}, {0, 30, 0}, {1, 0, 50}}));
  private static final List<String> NAMES = List.of("setosa", "versicolor", "virginica");

  @TempDir Path dir;

  @Test
  void writesAPngOfTheDocumentedSizeIntoNewFolders() throws IOException {
    Path png = dir.resolve("eval/confusion.png");
    assertEquals(png, Plots.confusionMatrix(png, IRIS, NAMES));

    Pixels.read(png, Plots.CONFUSION_MATRIX_SIZE);
    assertEquals(new PictureSize(720, 600), Plots.CONFUSION_MATRIX_SIZE);
    assertEquals(List.of(png), Pixels.filesIn(png.getParent()));
  }

  @Test
  void diagonalCellsAreDarkerThanEmptyOnesAndCountsContrastWithTheirCell() throws IOException {
    Path png = Plots.confusionMatrix(dir.resolve("c.png"), IRIS, NAMES);
    BufferedImage image = Pixels.read(png, Plots.CONFUSION_MATRIX_SIZE);
    Axes axes = ConfusionHeatmap.draw(IRIS, NAMES).axes();

    double darkestEmpty = 1;
    double lightestDiagonal = 0;
    for (int row = 0; row < 3; row++) {
      for (int column = 0; column < 3; column++) {
        double luminance = Pixels.luminance(shade(image, axes, row, column));
        if (row == column) {
          lightestDiagonal = Math.max(lightestDiagonal, luminance);
        } else if (IRIS.counts().get(row, column) == 0) {
          darkestEmpty = Math.min(darkestEmpty, luminance);
        }
      }
    }
    // Measured on the picture: even the smallest diagonal count (30 of 50) is clearly darker
    // than an empty cell, by more than a third of the way from black to white.
    assertTrue(lightestDiagonal < darkestEmpty - 0.33,
        "diagonal luminance " + lightestDiagonal + ", empty cells " + darkestEmpty);
    assertTrue(darkestEmpty > 0.9, "empty cells are near white: " + darkestEmpty);
    // A count is written in every cell, in a colour that stands out from the cell: WCAG asks
    // 4.5:1 for body text. Light on the darkest cell, dark on the empty ones.
    for (int row = 0; row < 3; row++) {
      for (int column = 0; column < 3; column++) {
        Color shade = shade(image, axes, row, column);
        assertTrue(textPixels(image, axes, row, column).stream()
                .anyMatch(c -> Pixels.contrast(c, shade) >= 4.5),
            "a legible count in cell (" + row + ", " + column + ")");
      }
    }
    assertTrue(textPixels(image, axes, 2, 2).stream().anyMatch(c -> Pixels.luminance(c) > 0.9),
        "light text on the darkest cell");
    assertTrue(textPixels(image, axes, 0, 1).stream().anyMatch(c -> Pixels.luminance(c) < 0.2),
        "dark text on an empty cell");
  }

  @Test
  void drawsWithoutNamesWithoutSamplesAndWithManyLongNames() throws IOException {
    Pixels.read(Plots.confusionMatrix(dir.resolve("a.png"), IRIS, null),
        Plots.CONFUSION_MATRIX_SIZE);
    Pixels.read(Plots.confusionMatrix(dir.resolve("empty.png"),
        new ConfusionMatrix(Tensors.zeros(2, 2)), null), Plots.CONFUSION_MATRIX_SIZE);
    double[][] counts = new double[10][10];
    for (int k = 0; k < 10; k++) {
      Arrays.fill(counts[k], 3);
      counts[k][k] = 990;
    }
    List<String> names = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
        "Shirt", "Sneaker", "Bag", "Ankle boot");
    Pixels.read(Plots.confusionMatrix(dir.resolve("b.png"),
        new ConfusionMatrix(Tensor.matrix(counts)), names), Plots.CONFUSION_MATRIX_SIZE);
  }

  @Test
  void argumentErrorsSayWhatIsWrong() {
    Path png = dir.resolve("never.png");
    assertMessage("confusion matrix: 2 class names for 3 classes",
        () -> Plots.confusionMatrix(png, IRIS, List.of("a", "b")));
    assertMessage("confusion matrix: class name 1 is null",
        () -> Plots.confusionMatrix(png, IRIS, Arrays.asList("a", null, "c")));
    assertMessage("confusion matrix: count -1.0 at (0, 1) must be finite and at least 0",
        () -> Plots.confusionMatrix(png,
            new ConfusionMatrix(Tensor.matrix(new double[][] {{1, -1}, {0, 1}})), null));
    assertMessage("confusion matrix: the matrix has no classes",
        () -> Plots.confusionMatrix(png, new ConfusionMatrix(Tensor.matrix(new double[0][])),
            null));
    assertFalse(Files.exists(png), "nothing is written on an error");
  }

  private static void assertMessage(String expected, Executable call) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  /** The cell's colour near its top-left corner, clear of the count in the middle. */
  private static Color shade(BufferedImage image, Axes axes, int row, int column) {
    return Pixels.at(image, axes.pixelX(column + 0.2), axes.pixelY(3 - row - 0.2));
  }

  /** The pixels of the middle tenth of a cell, where its count is written. */
  private static List<Color> textPixels(BufferedImage image, Axes axes, int row, int column) {
    double x0 = axes.pixelX(column + 0.45);
    double x1 = axes.pixelX(column + 0.55);
    double y0 = axes.pixelY(3 - row - 0.45);
    double y1 = axes.pixelY(3 - row - 0.55);
    List<Color> colours = new ArrayList<>();
    for (int y = (int) y0; y <= (int) y1; y++) {
      for (int x = (int) x0; x <= (int) x1; x++) {
        colours.add(new Color(image.getRGB(x, y)));
      }
    }
    return colours;
  }
}
