package dev.chainrule.examples.plot;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Line2D;

/**
 * A rectangle of the picture that shows {@code x} across and {@code y} upwards, with the frame,
 * ticks, tick labels, grid lines and axis titles around it.
 *
 * @param area the plotting rectangle in pixels
 * @param x the data range shown from the left edge to the right edge
 * @param y the data range shown from the bottom edge to the top edge
 */
record Axes(Rectangle area, Range x, Range y) {
  /** Tick mark length and the gap between a tick and its label, in pixels. */
  static final int TICK_LENGTH = 5;
  static final int TICK_GAP = 4;
  /** Gap between tick labels and the axis title. */
  static final int TITLE_GAP = 10;
  /** Blank border between an axis title and the edge of the picture. */
  static final int OUTER = 12;

  Axes {
    area = new Rectangle(area);
  }

  @Override
  public Rectangle area() {
    return new Rectangle(area);
  }

  /** The horizontal pixel position of data value {@code value}. */
  double pixelX(double value) {
    return area.x + x.fraction(value) * area.width;
  }

  /** The vertical pixel position of data value {@code value} (up is larger). */
  double pixelY(double value) {
    return area.y + area.height - y.fraction(value) * area.height;
  }

  /** Light grid lines at the ticks, to be drawn before the data. */
  void drawGrid(Canvas canvas, Ticks xTicks, Ticks yTicks) {
    Graphics2D g = canvas.graphics();
    g.setColor(Palette.GRID);
    g.setStroke(new BasicStroke(1f));
    for (double v : xTicks.values()) {
      g.draw(new Line2D.Double(pixelX(v), area.y, pixelX(v), area.getMaxY()));
    }
    for (double v : yTicks.values()) {
      g.draw(new Line2D.Double(area.x, pixelY(v), area.getMaxX(), pixelY(v)));
    }
  }

  /** The frame, tick marks with their labels, and both axis titles, drawn after the data. */
  void drawFrame(Canvas canvas, Ticks xTicks, Ticks yTicks, String xTitle, String yTitle) {
    Graphics2D g = canvas.graphics();
    g.setColor(Palette.INK);
    g.setStroke(new BasicStroke(1f));
    g.draw(area);
    double labelHeight = canvas.textHeight(Canvas.TICK);
    for (double v : xTicks.values()) {
      double px = pixelX(v);
      g.setColor(Palette.INK);
      g.draw(new Line2D.Double(px, area.getMaxY(), px, area.getMaxY() + TICK_LENGTH));
      g.setColor(Palette.MUTED);
      canvas.text(xTicks.label(v), Canvas.TICK, px, area.getMaxY() + TICK_LENGTH + TICK_GAP,
          0.5, 0);
    }
    double widest = 0;
    for (double v : yTicks.values()) {
      double py = pixelY(v);
      g.setColor(Palette.INK);
      g.draw(new Line2D.Double(area.x - TICK_LENGTH, py, area.x, py));
      g.setColor(Palette.MUTED);
      String label = yTicks.label(v);
      widest = Math.max(widest, canvas.textWidth(Canvas.TICK, label));
      canvas.text(label, Canvas.TICK, area.x - TICK_LENGTH - TICK_GAP, py, 1, 0.5);
    }
    g.setColor(Palette.INK);
    canvas.text(xTitle, Canvas.LABEL, area.getCenterX(),
        area.getMaxY() + TICK_LENGTH + TICK_GAP + labelHeight + TITLE_GAP, 0.5, 0);
    canvas.textUpwards(yTitle, Canvas.LABEL,
        area.x - TICK_LENGTH - TICK_GAP - widest - TITLE_GAP, area.getCenterY(), 1, 0.5);
  }

  /** Pixels needed left of the area for y tick labels of the given width and the turned title. */
  static int leftMargin(Canvas canvas, double widestTickLabel) {
    return (int) Math.ceil(TICK_LENGTH + TICK_GAP + widestTickLabel + TITLE_GAP
        + canvas.textHeight(Canvas.LABEL) + OUTER);
  }

  /** Pixels needed below the area for x tick labels and the title. */
  static int bottomMargin(Canvas canvas) {
    return (int) Math.ceil(TICK_LENGTH + TICK_GAP + canvas.textHeight(Canvas.TICK) + TITLE_GAP
        + canvas.textHeight(Canvas.LABEL) + OUTER);
  }

  /** The widest label among {@code ticks}. */
  static double widestLabel(Canvas canvas, Ticks ticks) {
    return ticks.values().stream()
        .mapToDouble(v -> canvas.textWidth(Canvas.TICK, ticks.label(v))).max().orElse(0);
  }
}
