package dev.chainrule.examples.plot;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Line charts of values per epoch: loss and accuracy curves, gradient statistics per layer.
 * Values that cannot be drawn (NaN, infinite, and on a log scale zero or negative) are gaps the
 * line passes over; a series with no value left is not drawn and not listed in the legend. A log
 * axis is ranged so that its labels can be read ({@link AxisRanges}): within a decade it is
 * labelled at 1, 2, ..., 9 times a power of ten, and over more than {@value
 * AxisRanges#MOST_DECADES} decades the values are drawn as their base-10 logarithms on a linear
 * axis labelled "1E-30", "1E-25", ... A linear axis spans at least {@value
 * AxisRanges#LEAST_RELATIVE_SPAN} of its largest value, so a loss that did not move is drawn flat.
 */
public final class CurveChart {
  static {
    Headless.ensure();
  }

  /** Pixels across. */
  public static final int WIDTH = 800;
  /** Pixels down. */
  public static final int HEIGHT = 500;
  /** Epochs up to which XChart's labels at the epochs themselves read well. */
  private static final int EVENLY_LABELLED_EPOCHS = 40;

  /** How the vertical axis is scaled. */
  public enum Scale {
    /** Equal steps for equal differences. */
    LINEAR,
    /** Equal steps for equal ratios: for values spanning orders of magnitude. */
    LOG
  }

  private CurveChart() {}

  /** A series' drawable values, at their epochs, and its colour's index. */
  private record Curve(String name, List<Integer> epochs, List<Double> values, int colour) {}

  /**
   * One line per series over epochs 1, 2, ..., n, with a legend of the drawn series: {@link
   * #of(String, String, String, Map, Scale, int)} from epoch 1.
   *
   * @param title the heading above the plot
   * @param xLabel the horizontal axis title (usually "epoch")
   * @param yLabel the vertical axis title
   * @param series 1 to 10 named series in legend order (use an ordered map), each a value per
   *     epoch from epoch 1; at least one value among them must be drawable
   * @param scale linear or logarithmic vertical axis
   * @return the chart, to write with {@link ChartFiles#write}
   * @throws IllegalArgumentException when a series is empty or holds null, there are more than
   *     ten, or no value at all can be drawn
   */
  public static XYChart of(String title, String xLabel, String yLabel,
      Map<String, List<Double>> series, Scale scale) {
    return of(title, xLabel, yLabel, series, scale, 1);
  }

  /**
   * One line per series over epochs first, first + 1, ..., with a legend of the drawn series. A
   * resumed run's curves start at the epoch its log starts at (21 after a file of 20 epochs):
   * numbered from 1 they disagreed with the log beside them.
   *
   * @param title the heading above the plot
   * @param xLabel the horizontal axis title (usually "epoch")
   * @param yLabel the vertical axis title
   * @param series 1 to 10 named series in legend order (use an ordered map), each a value per
   *     epoch from epoch {@code first}; at least one value among them must be drawable
   * @param scale linear or logarithmic vertical axis
   * @param first the number of each series' first epoch, from 1
   * @return the chart, to write with {@link ChartFiles#write}
   * @throws IllegalArgumentException when a series is empty or holds null, there are more than
   *     ten, no value at all can be drawn, or {@code first} is below 1
   */
  public static XYChart of(String title, String xLabel, String yLabel,
      Map<String, List<Double>> series, Scale scale, int first) {
    checkNotNull(title, "curves: the title is null");
    checkNotNull(xLabel, "curves: the x label is null");
    checkNotNull(yLabel, "curves: the y label is null");
    checkNotNull(series, "curves: the series are null");
    checkNotNull(scale, "curves: the scale is null");
    checkArgument(!series.isEmpty(), "curves: no series to draw");
    checkArgument(first >= 1, "curves: the first epoch must be 1 or more, got %s", first);
    checkArgument(series.size() <= Palette.SIZE,
        "curves: %s series; at most %s can be told apart", series.size(), Palette.SIZE);
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
        .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
    ChartStyle.apply(chart.getStyler());
    List<Curve> curves = new ArrayList<>();
    int colour = 0;
    for (Map.Entry<String, List<Double>> entry : series.entrySet()) {
      String name = checkNotNull(entry.getKey(), "curves: a series name is null");
      List<Double> values = checkNotNull(entry.getValue(), "curves: series '%s' is null", name);
      checkArgument(!values.isEmpty(), "curves: series '%s' is empty", name);
      // Not values.contains(null): immutable lists throw on a null query.
      int firstNull = IntStream.range(0, values.size()).filter(i -> values.get(i) == null)
          .findFirst().orElse(-1);
      checkArgument(firstNull < 0,
          "curves: series '%s' has a null value at epoch %s (use NaN for a missing value)", name,
          first + firstNull);
      List<Integer> epochs = new ArrayList<>();
      List<Double> drawn = new ArrayList<>();
      for (int i = 0; i < values.size(); i++) {
        double v = values.get(i);
        if (Double.isFinite(v) && (scale == Scale.LINEAR || v > 0)) {
          epochs.add(first + i);
          drawn.add(v);
        }
      }
      // Each series keeps its own colour even when an earlier one is not drawn, so colours
      // mean the same across the pictures of a run.
      int own = colour++;
      if (!drawn.isEmpty()) {
        curves.add(new Curve(name, epochs, drawn, own));
      }
    }
    checkArgument(!curves.isEmpty(), "curves: no series has a drawable value%s",
        scale == Scale.LOG ? " (finite and above 0 on a log scale)" : " (finite)");
    double low = curves.stream().flatMap(c -> c.values().stream()).mapToDouble(v -> v).min()
        .orElseThrow();
    double high = curves.stream().flatMap(c -> c.values().stream()).mapToDouble(v -> v).max()
        .orElseThrow();
    boolean exponents = false;
    if (scale == Scale.LOG) {
      AxisRanges.LogAxis axis = AxisRanges.log(low, high);
      AxisRanges.apply(chart.getStyler(), axis);
      exponents = axis.exponents();
    } else {
      AxisRanges.apply(chart.getStyler(), AxisRanges.linear(low, high));
    }
    for (Curve curve : curves) {
      List<Double> ys = exponents ? curve.values().stream().map(Math::log10).toList()
          : curve.values();
      XYSeries line = chart.addSeries(curve.name(), curve.epochs(), ys);
      line.setLineColor(Palette.color(curve.colour()));
      line.setMarkerColor(Palette.color(curve.colour()));
      line.setMarker(ys.size() == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    }
    unevenAxis(chart, first);
    return chart;
  }

  /**
   * XChart labels the x-axis of equally spaced values (epochs 1, 2, 3, ...) with data values, and
   * at 1,000 epochs it crowded some forty of them into one unreadable string. A hidden point
   * between two epochs makes the values uneven, and XChart then chooses round ticks (0, 100,
   * 200, ...). Not for a few epochs, whose round ticks would fall between them (1.5).
   */
  private static void unevenAxis(XYChart chart, int first) {
    int longest = chart.getSeriesMap().values().stream()
        .mapToInt(series -> series.getXData().length).max().orElse(0);
    if (longest <= EVENLY_LABELLED_EPOCHS) {
      return;
    }
    XYSeries leading = chart.getSeriesMap().values().iterator().next();
    double y = leading.getYData()[0];
    XYSeries hidden = chart.addSeries(" ", new double[] {first, first + 0.5}, new double[] {y, y});
    hidden.setShowInLegend(false);
    hidden.setMarker(SeriesMarkers.NONE);
    hidden.setLineStyle(SeriesLines.NONE);
  }
}
