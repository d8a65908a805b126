package dev.chainrule.examples.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/**
 * Draws a {@link DecisionGrid} as coloured regions, the labelled points on top, and a legend of
 * classes to the right of the plot.
 */
final class DecisionBoundaryChart {
  static {
    Headless.ensure();
  }

  static final PictureSize SIZE = new PictureSize(800, 600);

  private static final int TOP = 48;
  private static final int LEGEND_GAP = 24;
  private static final int RIGHT = 20;
  private static final int SWATCH = 16;

  private DecisionBoundaryChart() {}

  /**
   * The picture of {@code grid} with points ({@code xs[i]}, {@code ys[i]}) of class
   * {@code labels[i]} drawn on top, in order, so later points cover earlier ones.
   */
  static Drawing draw(String title, DecisionGrid grid, double[] xs, double[] ys,
      int[] labels, int classCount) {
    Ticks xTicks = Ticks.nice(grid.x(), 7);
    Ticks yTicks = Ticks.nice(grid.y(), 7);
    try (Canvas canvas = Canvas.of(SIZE)) {
      double legendWidth = SWATCH + 8 + canvas.textWidth(Canvas.LABEL, "class " + (classCount - 1));
      int left = Axes.leftMargin(canvas, Axes.widestLabel(canvas, yTicks));
      int bottom = Axes.bottomMargin(canvas);
      int right = (int) Math.ceil(LEGEND_GAP + legendWidth + RIGHT);
      Axes axes = new Axes(new Rectangle(left, TOP, canvas.width() - left - right,
          canvas.height() - TOP - bottom), grid.x(), grid.y());
      Graphics2D g = canvas.graphics();
      drawRegions(g, axes.area(), grid);
      drawPoints(g, axes, xs, ys, labels);
      axes.drawFrame(canvas, xTicks, yTicks, "feature 0", "feature 1");
      drawLegend(canvas, axes.area().getMaxX() + LEGEND_GAP, axes.area().y, classCount);
      g.setColor(Palette.INK);
      canvas.text(title, Canvas.TITLE, axes.area().getCenterX(), TOP / 2.0, 0.5, 0.5);
      return new Drawing(canvas.image(), axes);
    }
  }

  /** The grid as an image of one pixel per cell, stretched over the area without smoothing. */
  private static void drawRegions(Graphics2D g, Rectangle area, DecisionGrid grid) {
    int n = grid.resolution();
    BufferedImage cells = new BufferedImage(n, n, BufferedImage.TYPE_INT_RGB);
    int[] tints = new int[Palette.SIZE];
    for (int k = 0; k < Palette.SIZE; k++) {
      tints[k] = Palette.region(k).getRGB();
    }
    for (int row = 0; row < n; row++) {
      for (int column = 0; column < n; column++) {
        cells.setRGB(column, row, tints[grid.classAt(row, column)]);
      }
    }
    // Smoothing would blend two classes' tints into a colour that belongs to neither.
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
        RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
    g.drawImage(cells, area.x, area.y, area.width, area.height, null);
  }

  /** Points in their class's full colour with a dark outline, smaller when there are many. */
  private static void drawPoints(Graphics2D g, Axes axes, double[] xs, double[] ys,
      int[] labels) {
    double radius = xs.length <= 300 ? 5 : xs.length <= 2000 ? 4 : 3;
    g.setClip(axes.area());
    g.setStroke(new BasicStroke(1f));
    for (int i = 0; i < xs.length; i++) {
      Ellipse2D dot = new Ellipse2D.Double(axes.pixelX(xs[i]) - radius,
          axes.pixelY(ys[i]) - radius, 2 * radius, 2 * radius);
      g.setColor(Palette.color(labels[i]));
      g.fill(dot);
      g.setColor(Palette.INK);
      g.draw(dot);
    }
    g.setClip(null);
  }

  /** One row per class: its region's tint with a point of its colour, then its name. */
  private static void drawLegend(Canvas canvas, double x, double y, int classCount) {
    Graphics2D g = canvas.graphics();
    double lineHeight = Math.max(SWATCH, canvas.textHeight(Canvas.LABEL)) + 8;
    for (int k = 0; k < classCount; k++) {
      double middle = y + (k + 0.5) * lineHeight;
      Rectangle2D swatch = new Rectangle2D.Double(x, middle - SWATCH / 2.0, SWATCH, SWATCH);
      g.setColor(Palette.region(k));
      g.fill(swatch);
      g.setColor(new Color(0xBBBBBB));
      g.setStroke(new BasicStroke(1f));
      g.draw(swatch);
      Ellipse2D dot = new Ellipse2D.Double(x + SWATCH / 2.0 - 4, middle - 4, 8, 8);
      g.setColor(Palette.color(k));
      g.fill(dot);
      g.setColor(Palette.INK);
      g.draw(dot);
      canvas.text("class " + k, Canvas.LABEL, x + SWATCH + 8, middle, 0, 0.5);
    }
  }
}
