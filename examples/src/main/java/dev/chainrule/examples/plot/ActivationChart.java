package dev.chainrule.examples.plot;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.nn.Activation;
import dev.chainrule.optim.diagnostics.ActivationSnapshot;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The distribution of one hidden layer's activations at the start and the end of training, as two
 * histogram outlines over the same axis. The title says how many sigmoid or tanh values sit
 * against a bound (saturated: almost no gradient passes) or how many ReLU units never fire (dead).
 */
public final class ActivationChart {
  static {
    Headless.ensure();
  }

  /** Pixels across. */
  public static final int WIDTH = 800;
  /** Pixels down. */
  public static final int HEIGHT = 500;
  /** The series names, in legend order. */
  public static final String START = "start of training";
  /**
   * The first series' name for a resumed run: its start snapshot is of the loaded model, already
   * trained, not of the untrained network {@link #START} names.
   */
  public static final String START_OF_RUN = "start of this run";
  /** The series names, in legend order. */
  public static final String END = "end of training";

  private ActivationChart() {}

  /**
   * The chart of one layer's two snapshots, of a run that trained from the start.
   *
   * @param task the command's name, which starts the title
   * @param start the layer before training
   * @param end the same layer after training
   * @return the chart, to write with {@link ChartFiles#write}
   * @throws IllegalArgumentException when the snapshots are of different layers
   */
  public static XYChart of(String task, ActivationSnapshot start, ActivationSnapshot end) {
    return of(task, start, end, false);
  }

  /**
   * The chart of one layer's two snapshots.
   *
   * @param task the command's name, which starts the title
   * @param start the layer before this run trained it
   * @param end the same layer after training
   * @param resumed whether the run continued a saved model's training, so that its start is
   *     {@link #START_OF_RUN}, not {@link #START}
   * @return the chart, to write with {@link ChartFiles#write}
   * @throws IllegalArgumentException when the snapshots are of different layers
   */
  public static XYChart of(String task, ActivationSnapshot start, ActivationSnapshot end,
      boolean resumed) {
    checkNotNull(start, "activation chart: the start snapshot is null");
    checkNotNull(end, "activation chart: the end snapshot is null");
    checkArgument(start.layer().equals(end.layer()) && start.activation() == end.activation(),
        "activation chart: snapshots of %s and %s are not of one layer", start.layer(),
        end.layer());
    String function = start.activation().name().toLowerCase(Locale.ROOT).replace('_', '-');
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
        .title(task + ": " + start.layer() + " (" + function + ") activations"
            + summary(start, end))
        .xAxisTitle(function + " output").yAxisTitle("share of values").build();
    ChartStyle.apply(chart.getStyler());
    XYStyler styler = chart.getStyler();
    styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
    styler.setXAxisDecimalPattern("0.##");
    styler.setYAxisDecimalPattern("0.00");
    if (start.activation() == Activation.Kind.SIGMOID) {
      styler.setXAxisMin(0.0);
      styler.setXAxisMax(1.0);
    } else if (start.activation() == Activation.Kind.TANH) {
      styler.setXAxisMin(-1.0);
      styler.setXAxisMax(1.0);
    }
    add(chart, resumed ? START_OF_RUN : START, start, 0);
    add(chart, END, end, 1);
    return chart;
  }

  private static void add(XYChart chart, String name, ActivationSnapshot snapshot, int colour) {
    double[][] outline = outline(snapshot.binCentres().toArray(), snapshot.fractions().toArray());
    XYSeries series = chart.addSeries(name, outline[0], outline[1]);
    series.setMarker(SeriesMarkers.NONE).setLineColor(Palette.color(colour));
  }

  /**
   * The histogram's outline as XChart's Step style draws it: each point's value is held from its x
   * to the next point's, so the points are the bins' lower edges, closed by a point at the top
   * bin's upper edge. Drawn at the centres, every bar stood half a bin to the right (tanh's exact
   * zeros over [0.025, 0.075]) and the top bin was only a vertical line.
   *
   * @return {x, y}: B + 1 edges and the fractions with the last repeated
   */
  static double[][] outline(double[] centres, double[] fractions) {
    int bins = centres.length;
    // The bins are of equal width (ActivationSnapshot); a lone bin has no width to read.
    double width = bins > 1 ? (centres[bins - 1] - centres[0]) / (bins - 1) : 0;
    double[] x = new double[bins + 1];
    double[] y = new double[bins + 1];
    for (int i = 0; i < bins; i++) {
      x[i] = centres[0] - width / 2 + i * width;
      y[i] = fractions[i];
    }
    x[bins] = centres[0] - width / 2 + bins * width;
    y[bins] = fractions[bins - 1];
    return new double[][] {x, y};
  }

  /** ", saturated 2% → 61%" or ", dead units 0% → 12%"; empty when neither applies. */
  private static String summary(ActivationSnapshot start, ActivationSnapshot end) {
    if (!Double.isNaN(start.saturated())) {
      return String.format(Locale.ROOT, ", saturated %.0f%% → %.0f%%", 100 * start.saturated(),
          100 * end.saturated());
    }
    if (!Double.isNaN(start.deadUnits())) {
      return String.format(Locale.ROOT, ", dead units %.0f%% → %.0f%%", 100 * start.deadUnits(),
          100 * end.deadUnits());
    }
    return "";
  }
}
