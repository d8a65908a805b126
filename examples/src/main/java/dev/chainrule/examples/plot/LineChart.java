package dev.chainrule.examples.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.RoundRectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws curves over epochs (loss, accuracy) with a legend in whichever inside corner of the plot
 * the lines cross least.
 */
final class LineChart {
  static {
    Headless.ensure();
  }

  static final PictureSize SIZE = new PictureSize(800, 500);

  /** Up to this many epochs every value gets a marker; beyond, markers would merge into a band. */
  private static final int MARKED_EPOCHS = 40;
  private static final int TOP = 48;
  private static final int RIGHT = 28;
  private static final int LEGEND_INSET = 10;
  private static final int LEGEND_PADDING = 8;
  private static final int SWATCH = 22;

  private LineChart() {}

  /**
   * The picture of {@code curves} (at most {@link Palette#SIZE}, at least one finite value among
   * them; the caller checks).
   */
  static Drawing draw(String title, String xTitle, String yTitle, List<Curve> curves) {
    int epochs = curves.stream().mapToInt(c -> c.values().size()).max().orElseThrow();
    Range x = Range.covering(1, epochs).padded(0.02);
    Range y = valueRange(curves).padded(0.06);
    Ticks xTicks = Ticks.whole(x, 8);
    Ticks yTicks = Ticks.nice(y, 6);
    try (Canvas canvas = Canvas.of(SIZE)) {
      int left = Axes.leftMargin(canvas, Axes.widestLabel(canvas, yTicks));
      int bottom = Axes.bottomMargin(canvas);
      Axes axes = new Axes(new Rectangle(left, TOP, canvas.width() - left - RIGHT,
          canvas.height() - TOP - bottom), x, y);
      axes.drawGrid(canvas, xTicks, yTicks);
      List<Point2D> drawn = new ArrayList<>();
      Graphics2D g = canvas.graphics();
      g.setClip(axes.area());
      for (int k = 0; k < curves.size(); k++) {
        drawCurve(g, axes, curves.get(k), Palette.color(k), drawn);
      }
      g.setClip(null);
      axes.drawFrame(canvas, xTicks, yTicks, xTitle, yTitle);
      drawLegend(canvas, axes.area(), curves, drawn);
      g.setColor(Palette.INK);
      canvas.text(title, Canvas.TITLE, axes.area().getCenterX(), TOP / 2.0, 0.5, 0.5);
      return new Drawing(canvas.image(), axes);
    }
  }

  private static Range valueRange(List<Curve> curves) {
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    for (Curve curve : curves) {
      for (double v : curve.values()) {
        if (Double.isFinite(v)) {
          low = Math.min(low, v);
          high = Math.max(high, v);
        }
      }
    }
    return Range.covering(low, high);
  }

  /**
   * One curve: a line through its finite values (across gaps), and markers where the epochs are
   * few or a value has no finite neighbour, so that no value is invisible. Every few pixels along
   * the line go to {@code drawn}, for placing the legend.
   */
  private static void drawCurve(Graphics2D g, Axes axes, Curve curve, Color color,
      List<Point2D> drawn) {
    Path2D.Double line = new Path2D.Double();
    Point2D previous = null;
    List<Point2D> markers = new ArrayList<>();
    List<Double> values = curve.values();
    for (int i = 0; i < values.size(); i++) {
      if (!curve.hasValue(i)) {
        continue;
      }
      Point2D point = new Point2D.Double(axes.pixelX(i + 1), axes.pixelY(values.get(i)));
      if (previous == null) {
        line.moveTo(point.getX(), point.getY());
      } else {
        line.lineTo(point.getX(), point.getY());
        sample(previous, point, drawn);
      }
      boolean isolated = (i == 0 || !curve.hasValue(i - 1))
          && (i == values.size() - 1 || !curve.hasValue(i + 1));
      if (values.size() <= MARKED_EPOCHS || isolated) {
        markers.add(point);
      }
      drawn.add(point);
      previous = point;
    }
    g.setColor(color);
    g.setStroke(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.draw(line);
    for (Point2D p : markers) {
      Ellipse2D dot = new Ellipse2D.Double(p.getX() - 3.5, p.getY() - 3.5, 7, 7);
      g.setColor(color);
      g.fill(dot);
      g.setColor(Color.WHITE);
      g.setStroke(new BasicStroke(1f));
      g.draw(dot);
    }
  }

  private static void sample(Point2D from, Point2D to, List<Point2D> drawn) {
    int steps = (int) Math.ceil(from.distance(to) / 4);
    for (int s = 1; s < steps; s++) {
      double t = (double) s / steps;
      drawn.add(new Point2D.Double(from.getX() + t * (to.getX() - from.getX()),
          from.getY() + t * (to.getY() - from.getY())));
    }
  }

  private static void drawLegend(Canvas canvas, Rectangle area, List<Curve> curves,
      List<Point2D> drawn) {
    double lineHeight = canvas.textHeight(Canvas.LABEL) + 2;
    double textWidth = curves.stream()
        .mapToDouble(c -> canvas.textWidth(Canvas.LABEL, c.name())).max().orElse(0);
    double width = 2 * LEGEND_PADDING + SWATCH + 8 + textWidth;
    double height = 2 * LEGEND_PADDING + curves.size() * lineHeight;
    Rectangle box = quietestCorner(area, width, height, drawn);
    Graphics2D g = canvas.graphics();
    RoundRectangle2D frame = new RoundRectangle2D.Double(box.x, box.y, width, height, 8, 8);
    g.setColor(new Color(255, 255, 255, 230));
    g.fill(frame);
    g.setColor(new Color(0xBBBBBB));
    g.setStroke(new BasicStroke(1f));
    g.draw(frame);
    for (int k = 0; k < curves.size(); k++) {
      double middle = box.y + LEGEND_PADDING + (k + 0.5) * lineHeight;
      double start = box.x + LEGEND_PADDING;
      g.setColor(Palette.color(k));
      g.setStroke(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      g.draw(new Line2D.Double(start, middle, start + SWATCH, middle));
      g.setColor(Palette.INK);
      canvas.text(curves.get(k).name(), Canvas.LABEL, start + SWATCH + 8, middle, 0, 0.5);
    }
  }

  /**
   * The inside corner of {@code area} where a box of the given size covers the fewest drawn
   * points; ties go to the first in the order top right, bottom right, top left, bottom left
   * (losses fall, so their top right is usually empty; accuracies rise, leaving the bottom right).
   */
  private static Rectangle quietestCorner(Rectangle area, double width, double height,
      List<Point2D> drawn) {
    int w = (int) Math.ceil(width);
    int h = (int) Math.ceil(height);
    int leftX = area.x + LEGEND_INSET;
    int rightX = (int) area.getMaxX() - LEGEND_INSET - w;
    int topY = area.y + LEGEND_INSET;
    int bottomY = (int) area.getMaxY() - LEGEND_INSET - h;
    Rectangle[] corners = {
        new Rectangle(rightX, topY, w, h), new Rectangle(rightX, bottomY, w, h),
        new Rectangle(leftX, topY, w, h), new Rectangle(leftX, bottomY, w, h)};
    Rectangle best = corners[0];
    long fewest = Long.MAX_VALUE;
    for (Rectangle corner : corners) {
      // Grown by a few pixels: a line just outside the box would still touch its border.
      Rectangle grown = new Rectangle(corner.x - 4, corner.y - 4, w + 8, h + 8);
      long covered = drawn.stream().filter(grown::contains).count();
      if (covered < fewest) {
        fewest = covered;
        best = corner;
      }
    }
    return best;
  }
}
