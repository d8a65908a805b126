package dev.chainrule.examples.plot;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.Tensor;
import dev.chainrule.optim.metrics.ConfusionMatrix;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/**
 * A confusion matrix as a heat map: true classes down the left (the first class at the top, as
 * the terminal prints it), predicted classes along the bottom, each cell shaded by its count with
 * the count written in it, and a colour bar.
 */
public final class ConfusionMatrixChart {
  static {
    Headless.ensure();
  }

  /** Pixels across. */
  public static final int WIDTH = 720;
  /** Pixels down. */
  public static final int HEIGHT = 600;
  /** The name of the chart's one series. */
  public static final String SERIES = "count";
  /**
   * The heat map's width, about (a little under it, to err towards turning): the chart's 720
   * pixels less the row labels, the colour bar and the margins.
   */
  private static final double PLOT_WIDTH = 500;
  /** The share of a column a label may fill and stay apart from its neighbours. */
  private static final double LABEL_SHARE = 0.8;

  private ConfusionMatrixChart() {}

  /**
   * The heat map of {@code matrix}.
   *
   * @param title the heading above the plot
   * @param matrix the counts
   * @param classNames a name per class, or null to name the classes by their indices
   * @return the chart, to write with {@link ChartFiles#write}
   * @throws IllegalArgumentException when names and classes differ in number or a name is null
   */
  public static HeatMapChart of(String title, ConfusionMatrix matrix, List<String> classNames) {
    checkNotNull(title, "confusion matrix: the title is null");
    checkNotNull(matrix, "confusion matrix: the matrix is null");
    int k = matrix.classes();
    checkArgument(k > 0, "confusion matrix: the matrix has no classes");
    // The counts are whole numbers >= 0: ConfusionMatrix refuses anything else.
    Tensor counts = matrix.counts();
    List<String> names;
    if (classNames == null) {
      names = IntStream.range(0, k).mapToObj(Integer::toString).toList();
    } else {
      checkArgument(classNames.size() == k, "confusion matrix: %s class names for %s classes",
          classNames.size(), k);
      int firstNull = IntStream.range(0, k).filter(i -> classNames.get(i) == null).findFirst()
          .orElse(-1);
      checkArgument(firstNull < 0, "confusion matrix: class name %s is null", firstNull);
      names = List.copyOf(classNames);
    }
    HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT).title(title)
        .xAxisTitle("predicted class").yAxisTitle("true class").build();
    ChartStyle.apply(chart.getStyler());
    double max = counts.max().item();
    chart.getStyler().setRangeColors(Palette.heat()).setShowValue(true)
        .setValueFontColor(Palette.INK)
        .setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, k > 6 ? 11 : 15))
        .setHeatMapValueDecimalPattern("#,##0")
        // An all-zero matrix still gets a colour scale, from 0 to 1.
        .setMin(0).setMax(max > 0 ? max : 1)
        .setPlotGridLinesVisible(false);
    chart.getStyler().setXAxisLabelRotation(rotation(names));
    // Rows are listed bottom-up in the chart: the last class first puts the first at the top.
    List<String> rows = new ArrayList<>(names);
    java.util.Collections.reverse(rows);
    double[] values = counts.toArray();
    List<Number[]> cells = new ArrayList<>();
    for (int row = 0; row < k; row++) {
      for (int column = 0; column < k; column++) {
        cells.add(new Number[] {column, k - 1 - row, values[row * k + column]});
      }
    }
    chart.addSeries(SERIES, names, rows, cells);
    return chart;
  }

  /**
   * 45° when a column label would not fit its column lying flat, else 0. Names over six
   * characters always turned; short ones did not, and with 25 classes "c0" to "c24" ran into
   * each other, each column being 20 pixels wide.
   *
   * @param names the class names, one per column
   * @return the x labels' rotation in degrees
   */
  static int rotation(List<String> names) {
    FontRenderContext context = new FontRenderContext(null, true, false);
    double widest = names.stream()
        .mapToDouble(n -> ChartStyle.TICK.getStringBounds(n, context).getWidth()).max()
        .orElse(0);
    boolean crowded = widest > LABEL_SHARE * PLOT_WIDTH / names.size();
    return crowded || names.stream().anyMatch(n -> n.length() > 6) ? 45 : 0;
  }
}
