package dev.chainrule.examples.plot;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A classifier's decision regions in the plane with the data on top: the plane is tinted by the
 * class predicted at each cell of a grid, and each point is drawn in the full colour of its true
 * class. The legend lists the classes by name, for the points; a region takes the light tint of
 * its class's colour.
 */
public final class DecisionBoundaryChart {
  static {
    Headless.ensure();
  }

  /** Pixels across. */
  public static final int WIDTH = 800;
  /** Pixels down. */
  public static final int HEIGHT = 600;
  /** Cells along each side of the grid the classifier is evaluated on. */
  public static final int GRID_RESOLUTION = 80;
  /** The most classes a chart tells apart, one colour each. */
  public static final int MAX_CLASSES = Palette.SIZE;
  /**
   * Marker size in pixels, for the grid's squares and the points alike (XChart sizes all markers
   * of a chart the same): a little more than a cell of the plot area, so the squares overlap into
   * a solid fill.
   */
  static final int MARKER_SIZE = 9;

  private DecisionBoundaryChart() {}

  /**
   * The chart of {@code classifier} around {@code points}. The plane spans the points' bounding
   * box grown by {@code padding} on every side; the classifier is called once, with the centres
   * of a {@value #GRID_RESOLUTION}×{@value #GRID_RESOLUTION} grid over it as one batch. The axes
   * are titled "feature 0" and "feature 1" after the columns of {@code points}.
   *
   * @param title the heading above the plot
   * @param classifier maps [M, 2] points to [M] class indices in {@code [0, classes)}
   * @param points [N, 2] finite coordinates, N at least 1
   * @param labels [N] true class indices in {@code [0, classes)}
   * @param classNames a name per class, 1 to 10 classes
   * @param padding how far the plane reaches beyond the points, in data units, finite and at
   *     least 0
   * @return the chart, to write with {@link ChartFiles#write}
   * @throws IllegalArgumentException when an argument or an answer of the classifier is invalid
   */
  public static XYChart of(String title, Classifier classifier, Tensor points, Tensor labels,
      List<String> classNames, double padding) {
    return of(title, classifier, points, labels, classNames, padding,
        List.of("feature 0", "feature 1"));
  }

  /**
   * {@link #of(String, Classifier, Tensor, Tensor, List, double)} with the axes titled as the
   * caller says: the points' columns and their units ({@code "weight (standardised)"}).
   *
   * @param title the heading above the plot
   * @param classifier maps [M, 2] points to [M] class indices in {@code [0, classes)}
   * @param points [N, 2] finite coordinates, N at least 1
   * @param labels [N] true class indices in {@code [0, classes)}
   * @param classNames a name per class, 1 to 10 classes
   * @param padding how far the plane reaches beyond the points, in data units
   * @param axisTitles the x axis's title, then the y axis's
   * @return the chart, to write with {@link ChartFiles#write}
   * @throws IllegalArgumentException when an argument or an answer of the classifier is invalid
   */
  public static XYChart of(String title, Classifier classifier, Tensor points, Tensor labels,
      List<String> classNames, double padding, List<String> axisTitles) {
    checkNotNull(axisTitles, "decision boundary: the axis titles are null");
    checkArgument(axisTitles.size() == 2, "decision boundary: %s axis titles; expected 2",
        axisTitles.size());
    checkNotNull(title, "decision boundary: the title is null");
    checkNotNull(classifier, "decision boundary: the classifier is null");
    checkNotNull(points, "decision boundary: the points are null");
    checkNotNull(labels, "decision boundary: the labels are null");
    checkNotNull(classNames, "decision boundary: the class names are null");
    int classes = classNames.size();
    checkArgument(classes > 0 && classes <= MAX_CLASSES,
        "decision boundary: %s classes; expected 1 to %s", classes, MAX_CLASSES);
    checkArgument(Double.isFinite(padding) && padding >= 0,
        "decision boundary: padding %s must be finite and at least 0", padding);
    checkArgument(points.rank() == 2 && points.dim(1) == 2 && points.dim(0) > 0,
        "decision boundary: points must be [N, 2] with N at least 1, got %s", points.shape());
    int n = points.dim(0);
    checkArgument(labels.rank() == 1 && labels.dim(0) == n,
        "decision boundary: labels %s do not match points %s; expected [%s]", labels.shape(),
        points.shape(), n);
    Tensor finite = points.eq(points).mul(points.abs().lt(Double.POSITIVE_INFINITY)).min(1, false);
    if (finite.min().item() == 0) {
      int bad = finite.argmin();
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "decision boundary: point %s (%s, %s) is not finite", bad, points.get(bad, 0),
          points.get(bad, 1)));
    }
    int bad = labels.indexNotClass(classes);
    if (bad >= 0) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "decision boundary: label %s of point %s is not a class index in [0, %s)",
          labels.get(bad), bad, classes));
    }
    Tensor low = points.min(0, false).sub(padding);
    Tensor high = points.max(0, false).add(padding);
    double[] x = covering(low.get(0), high.get(0));
    double[] y = covering(low.get(1), high.get(1));
    double xMin = x[0];
    double xMax = x[1];
    double yMin = y[0];
    double yMax = y[1];
    DecisionGrid grid = DecisionGrid.evaluate(classifier, xMin, xMax, yMin, yMax,
        GRID_RESOLUTION, classes);

    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
        .xAxisTitle(axisTitles.get(0)).yAxisTitle(axisTitles.get(1)).build();
    ChartStyle.apply(chart.getStyler());
    XYStyler styler = chart.getStyler();
    styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    styler.setMarkerSize(MARKER_SIZE);
    styler.setXAxisMin(xMin);
    styler.setXAxisMax(xMax);
    styler.setYAxisMin(yMin);
    styler.setYAxisMax(yMax);
    styler.setPlotGridLinesVisible(false);
    // The regions fill the plot to its frame (XChart leaves a margin inside it by default).
    styler.setPlotContentSize(1.0);
    List<List<double[]>> regions = byClass(grid.centres(), grid.classes(), classes);
    List<List<double[]>> groups = byClass(points, labels, classes);
    for (int k = 0; k < classes; k++) {
      if (!regions.get(k).isEmpty()) {
        XYSeries region = add(chart, "region: " + classNames.get(k), regions.get(k));
        region.setMarker(SeriesMarkers.SQUARE).setMarkerColor(Palette.region(k));
        region.setShowInLegend(false);
      }
    }
    for (int k = 0; k < classes; k++) {
      if (!groups.get(k).isEmpty()) {
        add(chart, classNames.get(k), groups.get(k)).setMarker(SeriesMarkers.CIRCLE)
            .setMarkerColor(Palette.color(k));
      }
    }
    return chart;
  }

  /**
   * The interval from {@code low} to {@code high}; when they are equal (one point, no padding), a
   * unit around the value, or a tenth of its size when that is larger, so the plane still shows.
   */
  private static double[] covering(double low, double high) {
    if (low < high) {
      return new double[] {low, high};
    }
    double half = Math.max(0.5, Math.abs(low) * 0.1);
    return new double[] {low - half, high + half};
  }

  /** The rows of {@code xy} grouped by their class, for one chart series per class. */
  private static List<List<double[]>> byClass(Tensor xy, Tensor classOf, int classes) {
    List<List<double[]>> groups = new ArrayList<>();
    for (int k = 0; k < classes; k++) {
      groups.add(new ArrayList<>());
    }
    double[] coordinates = xy.toArray();
    double[] owner = classOf.toArray();
    for (int i = 0; i < owner.length; i++) {
      groups.get((int) owner[i]).add(new double[] {coordinates[2 * i], coordinates[2 * i + 1]});
    }
    return groups;
  }

  private static XYSeries add(XYChart chart, String name, List<double[]> points) {
    double[] xs = points.stream().mapToDouble(p -> p[0]).toArray();
    double[] ys = points.stream().mapToDouble(p -> p[1]).toArray();
    return chart.addSeries(name, xs, ys);
  }
}
