package dev.chainrule.examples.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

class ChartFilesTest {
  @TempDir Path dir;

  private static XYChart chart() {
    return CurveChart.of("Loss", "epoch", "loss", Map.of("train", List.of(1.0, 0.5, 0.2)),
        CurveChart.Scale.LINEAR);
  }

  /** A name the check before a run does not know is refused, so no chart escapes that check. */
  @Test
  void theChartsLeftOverAreTheProgramsOwnNamesInTheFormatNotDrawn() throws IOException {
    for (String name : List.of("loss.png", "confusion.png", "activations-hidden-2.png",
        "accuracy.svg", "notes.txt", "graph.png", "loss-old.png", "activations-hidden-.png")) {
      Files.writeString(dir.resolve(name), "x");
    }
    // A folder under a chart's name is no chart to remove.
    Files.createDirectory(dir.resolve("gradients.png"));
    List<Path> left = ChartFiles.leftOver(dir, ChartFormat.PNG, List.of(dir.resolve("loss.png")));
    assertEquals(List.of(dir.resolve("activations-hidden-2.png"), dir.resolve("confusion.png")),
        left);
    assertEquals(List.of(), ChartFiles.leftOver(dir.resolve("absent"), ChartFormat.PNG,
        List.of()));
  }

  @Test
  void onlyTheChartsNamesAreWritten() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ChartFiles.write(chart(), dir, "weights", ChartFormat.PNG));
    assertTrue(e.getMessage().contains("\"weights\" is not a chart's name"), e.getMessage());
  }

  @Test
  void aPngHasTheChartsSizeInPixelsAndGoesIntoNewFolders() throws IOException {
    Path written = ChartFiles.write(chart(), dir.resolve("runs/iris"), "loss", ChartFormat.PNG);

    assertEquals(dir.resolve("runs/iris/loss.png"), written);
    BufferedImage image = ImageIO.read(written.toFile());
    assertEquals(CurveChart.WIDTH, image.getWidth());
    assertEquals(CurveChart.HEIGHT, image.getHeight());
    assertEquals(List.of(written), filesIn(written.getParent()), "only the picture, no temp file");
    assertTrue(GraphicsEnvironment.isHeadless(), "pictures are drawn without a display");
  }

  @Test
  void anSvgIsVectorGraphicsOfTheChartsSize() throws IOException {
    Path written = ChartFiles.write(chart(), dir, "loss", ChartFormat.SVG);

    assertEquals(dir.resolve("loss.svg"), written);
    String svg = Files.readString(written, StandardCharsets.UTF_8);
    assertTrue(svg.contains("<svg"), svg.substring(0, Math.min(200, svg.length())));
    assertTrue(svg.contains("width=\"" + CurveChart.WIDTH + "\""), "width in the svg element");
    assertTrue(svg.contains("height=\"" + CurveChart.HEIGHT + "\""), "height in the svg element");
  }

  @Test
  void aPdfIsOnePageOfTheChartsSize() throws IOException {
    Path written = ChartFiles.write(chart(), dir, "loss", ChartFormat.PDF);

    assertEquals(dir.resolve("loss.pdf"), written);
    // PDFBox, which XChart writes PDFs with, reads it back: one page of the chart's size.
    try (PDDocument pdf = Loader.loadPDF(written.toFile())) {
      assertEquals(1, pdf.getNumberOfPages());
      PDRectangle page = pdf.getPage(0).getMediaBox();
      // Exact: a media box holds floats in points, and whole numbers this size are floats.
      assertEquals(CurveChart.WIDTH, page.getWidth(), 0);
      assertEquals(CurveChart.HEIGHT, page.getHeight(), 0);
    }
  }

  @Test
  void replacesAnExistingPicture() throws IOException {
    ChartFiles.write(chart(), dir, "loss", ChartFormat.PNG);
    long first = Files.size(dir.resolve("loss.png"));
    XYChart longer = CurveChart.of("Loss", "epoch", "loss",
        Map.of("train", List.of(1.0, 0.5, 0.2, 0.9, 0.1, 0.7)), CurveChart.Scale.LINEAR);
    ChartFiles.write(longer, dir, "loss", ChartFormat.PNG);

    assertTrue(Files.size(dir.resolve("loss.png")) != first, "the new picture replaced the old");
    assertEquals(List.of(dir.resolve("loss.png")), filesIn(dir));
  }

  @Test
  void formatsAreNamedCaseInsensitively() {
    assertEquals(ChartFormat.SVG, ChartFormat.named("SVG"));
    assertEquals(ChartFormat.PDF, ChartFormat.named("pdf"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ChartFormat.named("gif"));
    assertEquals("unknown picture format 'gif' (choose png, svg or pdf)", e.getMessage());
  }

  static List<Path> filesIn(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.sorted().toList();
    }
  }
}
