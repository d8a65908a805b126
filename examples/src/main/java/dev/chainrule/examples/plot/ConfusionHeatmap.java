package dev.chainrule.examples.plot;

import dev.chainrule.optim.metrics.ConfusionMatrix;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Locale;

/**
 * Draws a confusion matrix as a grid of cells shaded by count, true classes down the left,
 * predicted classes along the bottom, each count written in its cell, and a colour bar.
 */
final class ConfusionHeatmap {
  static {
    Headless.ensure();
  }

  static final PictureSize SIZE = new PictureSize(720, 600);

  private static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
  private static final int TOP = 70;
  private static final int MARGIN = 20;
  private static final int NAME_GAP = 8;
  private static final int BAR_GAP = 24;
  private static final int BAR_WIDTH = 16;
  /** Cells too small for counts in at least this font size show the shading alone. */
  private static final double SMALLEST_COUNT_FONT = 8;

  private ConfusionHeatmap() {}

  /** The picture of {@code matrix} with a name for each class (same length; checked by caller). */
  static Drawing draw(ConfusionMatrix matrix, List<String> names) {
    int k = matrix.classes();
    double[] counts = matrix.counts().toArray();
    double max = 0;
    boolean whole = true;
    for (double c : counts) {
      max = Math.max(max, c);
      whole &= c == Math.rint(c);
    }
    // An all-zero matrix still gets a bar, from 0 to 1.
    Range barRange = new Range(0, max > 0 ? max : 1);
    Ticks barTicks = whole ? Ticks.whole(barRange, 5) : Ticks.nice(barRange, 5);
    try (Canvas canvas = Canvas.of(SIZE)) {
      double label = canvas.textHeight(Canvas.LABEL);
      double widestName = names.stream()
          .mapToDouble(n -> canvas.textWidth(Canvas.LABEL, n)).max().orElse(0);
      double left = label + Axes.TITLE_GAP + widestName + NAME_GAP;
      double right = BAR_GAP + BAR_WIDTH + Axes.TICK_LENGTH + Axes.TICK_GAP
          + Axes.widestLabel(canvas, barTicks);
      // Column names lie flat when the widest fits in a cell, otherwise they are turned upwards;
      // the cell size depends on that choice, so try flat first.
      double flatBottom = NAME_GAP + label + Axes.TITLE_GAP + label;
      double side = side(canvas, left, right, flatBottom);
      boolean flat = widestName <= side / k - 6;
      if (!flat) {
        side = side(canvas, left, right, NAME_GAP + widestName + Axes.TITLE_GAP + label);
      }
      int x0 = (int) Math.round((canvas.width() - left - side - right) / 2 + left);
      Rectangle area = new Rectangle(x0, TOP, (int) side, (int) side);
      drawCells(canvas, area, k, counts, max, whole);
      drawNames(canvas, area, names, flat, widestName);
      drawBar(canvas, area, barRange, barTicks);
      drawTitles(canvas, area, matrix);
      return new Drawing(canvas.image(), new Axes(area, new Range(0, k), new Range(0, k)));
    }
  }

  /** The side of the square of cells that fits between the margins. */
  private static double side(Canvas canvas, double left, double right, double bottom) {
    return Math.floor(Math.min(canvas.width() - 2 * MARGIN - left - right,
        canvas.height() - TOP - bottom - MARGIN));
  }

  private static void drawCells(Canvas canvas, Rectangle2D area, int k, double[] counts,
      double max, boolean whole) {
    Graphics2D g = canvas.graphics();
    double cell = area.getWidth() / k;
    Font font = new Font(Font.SANS_SERIF, Font.PLAIN, (int) Math.min(16, cell / 3.2));
    for (int row = 0; row < k; row++) {
      for (int column = 0; column < k; column++) {
        double count = counts[row * k + column];
        Color shade = Palette.heat(max == 0 ? 0 : count / max);
        Rectangle2D box = new Rectangle2D.Double(area.getX() + column * cell,
            area.getY() + row * cell, cell, cell);
        g.setColor(shade);
        g.fill(box);
        String text = whole ? Long.toString(Math.round(count))
            : String.format(Locale.ROOT, "%.2f", count);
        if (font.getSize() >= SMALLEST_COUNT_FONT && canvas.textWidth(font, text) < cell - 4) {
          g.setColor(Palette.textOn(shade));
          canvas.text(text, font, box.getCenterX(), box.getCenterY(), 0.5, 0.5);
        }
      }
    }
    // Thin white rules keep equal neighbours apart; the frame closes the matrix off.
    g.setColor(Color.WHITE);
    g.setStroke(new BasicStroke(1f));
    for (int i = 1; i < k; i++) {
      double offset = i * cell;
      g.draw(new Line2D.Double(area.getX() + offset, area.getY(),
          area.getX() + offset, area.getMaxY()));
      g.draw(new Line2D.Double(area.getX(), area.getY() + offset,
          area.getMaxX(), area.getY() + offset));
    }
    g.setColor(new Color(0x999999));
    g.draw(area);
  }

  private static void drawNames(Canvas canvas, Rectangle2D area, List<String> names, boolean flat,
      double widestName) {
    int k = names.size();
    double cell = area.getWidth() / k;
    double label = canvas.textHeight(Canvas.LABEL);
    canvas.graphics().setColor(Palette.INK);
    for (int i = 0; i < k; i++) {
      double middle = area.getY() + (i + 0.5) * cell;
      canvas.text(names.get(i), Canvas.LABEL, area.getX() - NAME_GAP, middle, 1, 0.5);
      double centre = area.getX() + (i + 0.5) * cell;
      if (flat) {
        canvas.text(names.get(i), Canvas.LABEL, centre, area.getMaxY() + NAME_GAP, 0.5, 0);
      } else {
        canvas.textUpwards(names.get(i), Canvas.LABEL, centre, area.getMaxY() + NAME_GAP, 0.5, 0);
      }
    }
    double below = flat ? label : widestName;
    canvas.text("predicted class", Canvas.LABEL, area.getCenterX(),
        area.getMaxY() + NAME_GAP + below + Axes.TITLE_GAP, 0.5, 0);
    canvas.textUpwards("true class", Canvas.LABEL,
        area.getX() - NAME_GAP - widestName - Axes.TITLE_GAP, area.getCenterY(), 1, 0.5);
  }

  /** A vertical bar of the shading from 0 (bottom) to the largest count (top), with ticks. */
  private static void drawBar(Canvas canvas, Rectangle2D area, Range range, Ticks ticks) {
    Graphics2D g = canvas.graphics();
    double x = area.getMaxX() + BAR_GAP;
    int height = (int) area.getHeight();
    for (int i = 0; i < height; i++) {
      g.setColor(Palette.heat(1 - (i + 0.5) / height));
      g.fill(new Rectangle2D.Double(x, area.getY() + i, BAR_WIDTH, 1));
    }
    g.setColor(new Color(0x999999));
    g.setStroke(new BasicStroke(1f));
    g.draw(new Rectangle2D.Double(x, area.getY(), BAR_WIDTH, height));
    for (double v : ticks.values()) {
      double y = area.getMaxY() - range.fraction(v) * area.getHeight();
      g.setColor(Palette.INK);
      g.draw(new Line2D.Double(x + BAR_WIDTH, y,
          x + BAR_WIDTH + Axes.TICK_LENGTH, y));
      g.setColor(Palette.MUTED);
      canvas.text(ticks.label(v), Canvas.TICK,
          x + BAR_WIDTH + Axes.TICK_LENGTH + Axes.TICK_GAP, y, 0, 0.5);
    }
  }

  private static void drawTitles(Canvas canvas, Rectangle2D area, ConfusionMatrix matrix) {
    Graphics2D g = canvas.graphics();
    g.setColor(Palette.INK);
    canvas.text("Confusion matrix", Canvas.TITLE, area.getCenterX(), 14, 0.5, 0);
    double total = matrix.counts().sum().item();
    String summary = total == 0 ? "no samples"
        : String.format(Locale.ROOT, "%s samples, accuracy %.1f%%",
            total == Math.rint(total) ? Long.toString(Math.round(total)) : total,
            100 * matrix.accuracy());
    g.setColor(Palette.MUTED);
    canvas.text(summary, SUBTITLE, area.getCenterX(), 40, 0.5, 0);
  }
}
