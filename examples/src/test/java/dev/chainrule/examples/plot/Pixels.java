package dev.chainrule.examples.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/** Reading pictures back and judging their pixels, for the plot tests. */
final class Pixels {
  private Pixels() {}

  /** Decodes {@code png}, requiring a picture of {@code size}. */
  static BufferedImage read(Path png, PictureSize size) throws IOException {
    BufferedImage image = ImageIO.read(png.toFile());
    assertNotNull(image, () -> png + " is not a PNG that ImageIO can decode");
    assertEquals(size, new PictureSize(image.getWidth(), image.getHeight()), "picture size");
    return image;
  }

  /** The files in {@code folder}: the picture alone means no temporary file was left behind. */
  static List<Path> filesIn(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.toList();
    }
  }

  /** The colour of the pixel that contains the point (x, y). */
  static Color at(BufferedImage image, double x, double y) {
    return new Color(image.getRGB((int) Math.floor(x), (int) Math.floor(y)));
  }

  /** The largest difference of a colour channel between {@code a} and {@code b}. */
  static int distance(Color a, Color b) {
    return Math.max(Math.abs(a.getRed() - b.getRed()),
        Math.max(Math.abs(a.getGreen() - b.getGreen()), Math.abs(a.getBlue() - b.getBlue())));
  }

  /** Relative luminance, 0 for black to 1 for white (computed here, not by the code under test). */
  static double luminance(Color c) {
    return (0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue()) / 255;
  }

  /** WCAG's contrast ratio of two colours, from 1 (equal) to 21 (black on white). */
  static double contrast(Color a, Color b) {
    double la = wcagLuminance(a);
    double lb = wcagLuminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  private static double wcagLuminance(Color c) {
    return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen())
        + 0.0722 * linear(c.getBlue());
  }

  private static double linear(int channel) {
    double v = channel / 255.0;
    return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  }
}
