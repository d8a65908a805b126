package dev.chainrule.examples.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurvesPlotTest {
  private static final double NAN = Double.NaN;

  @TempDir Path dir;

  @Test
  void writesAPngOfTheDocumentedSizeIntoNewFolders() throws IOException {
    Path png = dir.resolve("runs/iris/loss.png");
    Path written = Plots.curves(png, "Loss", "epoch", "loss", Map.of("train", List.of(1.0, 0.5)));

    assertEquals(png, written);
    Pixels.read(png, Plots.CURVES_SIZE);
    assertEquals(new PictureSize(800, 500), Plots.CURVES_SIZE);
    assertEquals(List.of(png), Pixels.filesIn(png.getParent()), "only the picture, no temp file");
    assertTrue(GraphicsEnvironment.isHeadless(), "pictures are drawn without a display");
  }

  @Test
  void replacesAnExistingPicture() throws IOException {
    Path png = dir.resolve("loss.png");
    Plots.curves(png, "Loss", "epoch", "loss", Map.of("train", List.of(1.0, 0.5)));
    Plots.curves(png, "Loss", "epoch", "loss", Map.of("train", List.of(1.0, 0.5, 0.2)));

    Pixels.read(png, Plots.CURVES_SIZE);
    assertEquals(List.of(png), Pixels.filesIn(dir));
  }

  @Test
  void eachSeriesIsDrawnInItsOwnColourThroughItsValuesAndAcrossNaNs() throws IOException {
    Map<String, List<Double>> series = new LinkedHashMap<>();
    series.put("train", List.of(1.0, 0.75, 0.25));
    series.put("validation", List.of(0.2, NAN, 0.8));
    Path png = Plots.curves(dir.resolve("curves.png"), "Loss", "epoch", "loss", series);
    BufferedImage image = Pixels.read(png, Plots.CURVES_SIZE);
    Axes axes = LineChart.draw("Loss", "epoch", "loss", curves(series)).axes();

    // Antialiasing can shave a few levels off a line's centre pixel; 30 of 255 is still far
    // closer to the series colour than to the other series, the grid or the white background.
    assertNear(Palette.color(0), image, axes, 1, 1.0);
    assertNear(Palette.color(0), image, axes, 2, 0.75);
    assertNear(Palette.color(0), image, axes, 3, 0.25);
    assertNear(Palette.color(1), image, axes, 1, 0.2);
    assertNear(Palette.color(1), image, axes, 3, 0.8);
    // Epoch 2 of "validation" is NaN: the line joins epochs 1 and 3, through the midpoint.
    assertNear(Palette.color(1), image, axes, 2, 0.5);
  }

  @Test
  void aSeriesWithoutFiniteValuesIsDrawnBesideOthers() throws IOException {
    Map<String, List<Double>> series = new LinkedHashMap<>();
    series.put("diverged", List.of(NAN, Double.POSITIVE_INFINITY));
    series.put("one value", List.of(0.3));
    Path png = Plots.curves(dir.resolve("odd.png"), "Odd", "epoch", "loss", series);

    Pixels.read(png, Plots.CURVES_SIZE);
  }

  @Test
  void argumentErrorsSayWhatIsWrong() {
    assertMessage("curves: no series to draw", Map.of());
    assertMessage("curves: series 'loss' is empty", Map.of("loss", List.of()));
    assertMessage("curves: no series has a finite value", Map.of("loss", List.of(NAN, NAN)));
    assertMessage("curves: series 'loss' has a null value at epoch 2 (use NaN for a missing value)",
        Map.of("loss", Arrays.asList(1.0, null)));
    Map<String, List<Double>> eleven = IntStream.range(0, 11).boxed()
        .collect(Collectors.toMap(i -> "run " + i, i -> List.of(1.0)));
    assertMessage("curves: 11 series; at most 10 can be told apart", eleven);
    assertEquals(List.of(), List.of(dir.toFile().list()), "nothing is written on an error");
  }

  private void assertMessage(String expected, Map<String, List<Double>> series) {
    Path png = dir.resolve("never.png");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Plots.curves(png, "t", "x", "y", series));
    assertEquals(expected, e.getMessage());
  }

  private static void assertNear(Color expected, BufferedImage image, Axes axes,
      int epoch, double value) {
    Color actual = Pixels.at(image, axes.pixelX(epoch), axes.pixelY(value));
    assertTrue(Pixels.distance(expected, actual) <= 30,
        () -> "epoch " + epoch + ", value " + value + ": expected " + expected + ", got " + actual);
  }

  private static List<Curve> curves(Map<String, List<Double>> series) {
    return series.entrySet().stream().map(e -> new Curve(e.getKey(), e.getValue())).toList();
  }
}
