package dev.chainrule.examples.plot;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/**
 * A white picture to draw on, with the fonts every picture shares and text placed by its box
 * rather than its baseline, which is what layout needs.
 */
final class Canvas implements AutoCloseable {
  static {
    Headless.ensure();
  }

  /** Java's logical sans-serif font: on every runtime; DejaVu Sans on most Linux systems. */
  static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
  static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
  static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

  private final BufferedImage image;
  private final Graphics2D g;

  private Canvas(PictureSize size) {
    image = new BufferedImage(size.width(), size.height(), BufferedImage.TYPE_INT_RGB);
    g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
        RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS,
        RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.setColor(java.awt.Color.WHITE);
    g.fillRect(0, 0, size.width(), size.height());
  }

  /** A white picture of the given size. */
  static Canvas of(PictureSize size) {
    return new Canvas(size);
  }

  BufferedImage image() {
    return image;
  }

  Graphics2D graphics() {
    return g;
  }

  int width() {
    return image.getWidth();
  }

  int height() {
    return image.getHeight();
  }

  /** Width of {@code text} in {@code font}, in pixels. */
  double textWidth(Font font, String text) {
    return g.getFontMetrics(font).getStringBounds(text, g).getWidth();
  }

  /** Height of a line of {@code font} (ascent plus descent), in pixels. */
  double textHeight(Font font) {
    FontMetrics metrics = g.getFontMetrics(font);
    return metrics.getAscent() + metrics.getDescent();
  }

  /**
   * Draws {@code text} so that the point (x, y) sits at a fraction of its box: {@code alignX} 0 is
   * the left edge, 0.5 the centre, 1 the right edge; {@code alignY} likewise from the top.
   */
  void text(String text, Font font, double x, double y, double alignX, double alignY) {
    FontMetrics metrics = g.getFontMetrics(font);
    double width = metrics.getStringBounds(text, g).getWidth();
    double height = metrics.getAscent() + metrics.getDescent();
    g.setFont(font);
    g.drawString(text, (float) (x - alignX * width),
        (float) (y - alignY * height + metrics.getAscent()));
  }

  /**
   * Draws {@code text} turned a quarter counter-clockwise (reading upwards, as a y-axis label),
   * with the point (x, y) at the given fractions of the turned box.
   */
  void textUpwards(String text, Font font, double x, double y, double alignX, double alignY) {
    AffineTransform saved = g.getTransform();
    g.translate(x, y);
    g.rotate(-Math.PI / 2);
    // After the turn the box's width runs up the page and its height to the right.
    text(text, font, 0, 0, 1 - alignY, alignX);
    g.setTransform(saved);
  }

  @Override
  public void close() {
    g.dispose();
  }
}
