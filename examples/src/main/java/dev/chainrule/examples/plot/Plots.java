package dev.chainrule.examples.plot;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.Tensor;
import dev.chainrule.optim.metrics.ConfusionMatrix;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * PNG pictures of training: curves over epochs, a classifier's decision regions in the plane, and
 * a confusion matrix. Each method draws in memory without a display (AWT runs headless unless
 * {@code java.awt.headless} was set otherwise), creates missing parent folders, and replaces the
 * file in one rename, so a viewer never shows half a picture.
 *
 * <p>Classes and curves are told apart by the ten colours of Tableau 10, so a picture shows at
 * most ten of them.
 */
public final class Plots {
  static {
    Headless.ensure();
  }

  /** The size of {@link #curves} pictures. */
  public static final PictureSize CURVES_SIZE = LineChart.SIZE;
  /** The size of {@link #decisionBoundary} pictures. */
  public static final PictureSize DECISION_BOUNDARY_SIZE = DecisionBoundaryChart.SIZE;
  /** The size of {@link #confusionMatrix} pictures. */
  public static final PictureSize CONFUSION_MATRIX_SIZE = ConfusionHeatmap.SIZE;
  /** Cells along each side of the grid a decision boundary is evaluated on. */
  public static final int GRID_RESOLUTION = 200;

  private Plots() {}

  /**
   * Draws one line per series over epochs 1, 2, ..., n (n the longest series), with a legend and
   * axis titles: loss curves, accuracy curves. NaN and infinite values are skipped, the line
   * joining the finite values on either side; a finite value with no finite neighbour is drawn as
   * a dot.
   *
   * @param png the file to write
   * @param title the heading above the plot
   * @param xLabel the horizontal axis title (usually "epoch")
   * @param yLabel the vertical axis title
   * @param series 1 to 10 named series in legend order (use an ordered map), none empty, and at
   *     least one finite value among them
   * @return {@code png}
   */
  public static Path curves(Path png, String title, String xLabel, String yLabel,
      Map<String, List<Double>> series) throws IOException {
    checkNotNull(png, "curves: the file is null");
    checkNotNull(title, "curves: the title is null");
    checkNotNull(xLabel, "curves: the x label is null");
    checkNotNull(yLabel, "curves: the y label is null");
    checkNotNull(series, "curves: the series are null");
    checkArgument(!series.isEmpty(), "curves: no series to draw");
    checkArgument(series.size() <= Palette.SIZE,
        "curves: %s series; at most %s can be told apart", series.size(), Palette.SIZE);
    List<Curve> curves = new ArrayList<>();
    for (Map.Entry<String, List<Double>> entry : series.entrySet()) {
      String name = checkNotNull(entry.getKey(), "curves: a series name is null");
      List<Double> values = checkNotNull(entry.getValue(), "curves: series '%s' is null", name);
      checkArgument(!values.isEmpty(), "curves: series '%s' is empty", name);
      // Not values.contains(null): immutable lists throw on a null query.
      int firstNull = firstNull(values);
      checkArgument(firstNull < 0,
          "curves: series '%s' has a null value at epoch %s (use NaN for a missing value)", name,
          firstNull + 1);
      curves.add(new Curve(name, values));
    }
    checkArgument(curves.stream().anyMatch(c -> IntStream.range(0, c.values().size())
            .anyMatch(c::hasValue)), "curves: no series has a finite value");
    PngFile.write(LineChart.draw(title, xLabel, yLabel, curves).image(), png);
    return png;
  }

  /**
   * Colours the plane around {@code points} by the class {@code classifier} predicts there, and
   * draws the points on top in the colour of their true class. The plane spans the points'
   * bounding box grown by {@code padding} on every side; the classifier is called once, with the
   * centres of a {@value #GRID_RESOLUTION}×{@value #GRID_RESOLUTION} grid over it as one batch.
   * The axes are titled "feature 0" and "feature 1" after the columns of {@code points}.
   *
   * @param png the file to write
   * @param title the heading above the plot
   * @param classifier maps [M, 2] points to [M] class indices in {@code [0, classes)}
   * @param points [N, 2] finite coordinates, N at least 1
   * @param labels [N] true class indices in {@code [0, classes)}
   * @param classes the number of classes, 1 to 10
   * @param padding how far the plane reaches beyond the points, in data units, finite and at
   *     least 0
   * @return {@code png}
   */
  public static Path decisionBoundary(Path png, String title, Classifier classifier,
      Tensor points, Tensor labels, int classes, double padding) throws IOException {
    checkNotNull(png, "decision boundary: the file is null");
    checkNotNull(title, "decision boundary: the title is null");
    checkNotNull(classifier, "decision boundary: the classifier is null");
    checkNotNull(points, "decision boundary: the points are null");
    checkNotNull(labels, "decision boundary: the labels are null");
    checkArgument(classes > 0 && classes <= Palette.SIZE,
        "decision boundary: %s classes; expected 1 to %s", classes, Palette.SIZE);
    checkArgument(Double.isFinite(padding) && padding >= 0,
        "decision boundary: padding %s must be finite and at least 0", padding);
    checkArgument(points.rank() == 2 && points.dim(1) == 2 && points.dim(0) > 0,
        "decision boundary: points must be [N, 2] with N at least 1, got %s", points.shape());
    int n = points.dim(0);
    checkArgument(labels.rank() == 1 && labels.dim(0) == n,
        "decision boundary: labels %s do not match points %s; expected [%s]", labels.shape(),
        points.shape(), n);
    Tensor across = points.slice(1, 0, 1).reshape(n);
    Tensor up = points.slice(1, 1, 2).reshape(n);
    double[] xs = across.toArray();
    double[] ys = up.toArray();
    double[] classValues = labels.toArray();
    int[] classIndices = new int[n];
    for (int i = 0; i < n; i++) {
      checkArgument(Double.isFinite(xs[i]) && Double.isFinite(ys[i]),
          "decision boundary: point %s (%s, %s) is not finite", i, xs[i], ys[i]);
      double c = classValues[i];
      checkArgument(c == Math.rint(c) && c >= 0 && c < classes,
          "decision boundary: label %s of point %s is not a class index in [0, %s)", c, i,
          classes);
      classIndices[i] = (int) c;
    }
    Range x = Range.covering(across.min().item() - padding, across.max().item() + padding);
    Range y = Range.covering(up.min().item() - padding, up.max().item() + padding);
    DecisionGrid grid = DecisionGrid.evaluate(classifier, x, y, GRID_RESOLUTION, classes);
    PngFile.write(
        DecisionBoundaryChart.draw(title, grid, xs, ys, classIndices, classes).image(), png);
    return png;
  }

  /**
   * Draws {@code matrix} as a heat map: true classes on the rows, predicted classes on the
   * columns, each cell shaded by its count (darker is more, relative to the largest count) with
   * the count written in it when it fits, in black or white, whichever contrasts more.
   *
   * @param png the file to write
   * @param matrix counts that are finite and at least 0
   * @param classNames a name per class, or null to name the classes by their indices
   * @return {@code png}
   */
  public static Path confusionMatrix(Path png, ConfusionMatrix matrix, List<String> classNames)
      throws IOException {
    checkNotNull(png, "confusion matrix: the file is null");
    checkNotNull(matrix, "confusion matrix: the matrix is null");
    int k = matrix.classes();
    checkArgument(k > 0, "confusion matrix: the matrix has no classes");
    double[] counts = matrix.counts().toArray();
    for (int i = 0; i < counts.length; i++) {
      checkArgument(Double.isFinite(counts[i]) && counts[i] >= 0,
          "confusion matrix: count %s at (%s, %s) must be finite and at least 0", counts[i],
          i / k, i % k);
    }
    List<String> names;
    if (classNames == null) {
      names = IntStream.range(0, k).mapToObj(Integer::toString).toList();
    } else {
      checkArgument(classNames.size() == k, "confusion matrix: %s class names for %s classes",
          classNames.size(), k);
      int firstNull = firstNull(classNames);
      checkArgument(firstNull < 0, "confusion matrix: class name %s is null", firstNull);
      names = List.copyOf(classNames);
    }
    PngFile.write(ConfusionHeatmap.draw(matrix, names).image(), png);
    return png;
  }

  /** The index of the first null in {@code list}, or -1. */
  private static int firstNull(List<?> list) {
    return IntStream.range(0, list.size()).filter(i -> list.get(i) == null).findFirst().orElse(-1);
  }
}
