package dev.chainrule.optim.data;

import dev.chainrule.optim.data.UnlearnableDataException.Reason;
import java.util.Arrays;
import java.util.Locale;

/**
 * The refusal of a feature column with a value so far from its other values (1e39, or a missing
 * value written as 999999999, among values near 0) that, once the column is standardised by the
 * spread that value makes, the other values span a sliver of one standard deviation: the network
 * sees them as one number and learns nothing from the column, and the run ends without error at
 * chance, with advice about the learning rate. Measured on 200 rows of a ~ N(0, 1) and label
 * a > 0: test accuracy 0.975 as they are, 0.55 with one more row of 1e39, 1e12 or 999999999.
 *
 * <p>Refused rather than warned about, as {@link DataChecks} refuses a regression target with
 * such a value: the run would mean nothing for that column, the usual cause is a data error
 * (a typo, a sentinel for a missing value) that only the user can correct, and a warning among
 * the lines of a run is easy to miss while its score looks like a model's fault. The threshold
 * is far from real data, so the refusal does not stop an ordinary skewed column.
 */
final class FeatureOutliers {
  /**
   * The other values' standard deviation, as a share of the column's, below which the column is
   * refused: they then span less than a fiftieth of a standardised unit. On the 200 rows above,
   * one more value of 100 left this share at 0.15 and the accuracy at 1.0; 1000 made it 0.015
   * and the accuracy 0.75; 10,000, 0.0015 and 0.55 (chance). The lowest share of every column of
   * the real data sets iris, breast_cancer and digits is 0.38 (a digits pixel), 19 times this.
   */
  static final double MIN_SPREAD_LEFT = 1.0 / 50;

  /**
   * The most rows that may hold the far value, as a share of all: a few rows (a sentinel can be
   * repeated) are an outlier; a value many rows hold is a cluster of the column (a bimodal
   * feature), whose standardised position still tells its rows from the others'.
   */
  static final double MAX_FAR_SHARE = 0.01;

  private FeatureOutliers() {}

  /**
   * Refuses the first feature column whose value farthest from its median, left out (with
   * every row that holds it, up to {@link #MAX_FAR_SHARE} of the rows), leaves the others a
   * standard deviation below {@link #MIN_SPREAD_LEFT} of the column's.
   */
  static void requireResolved(CsvData data, String source) {
    var features = data.dataset().features();
    int rows = features.dim(0);
    for (int f = 0; f < features.dim(1); f++) {
      double[] column = features.slice(1, f, f + 1).toArray();
      double[] sorted = column.clone();
      Arrays.sort(sorted);
      double median = sorted[rows / 2];
      double far = Math.abs(sorted[0] - median) >= Math.abs(sorted[rows - 1] - median)
          ? sorted[0] : sorted[rows - 1];
      double[] others = Arrays.stream(column).filter(v -> v != far).toArray();
      int holding = rows - others.length;
      if (holding > Math.max(1, MAX_FAR_SHARE * rows)) {
        continue;
      }
      double all = deviation(column);
      double left = deviation(others);
      // Others all equal (a one-row indicator, 0s and a single 1) have no spread to lose; a
      // NaN (statistics beyond float64) is refused where the column is standardised.
      if (!(left > 0 && left < MIN_SPREAD_LEFT * all)) {
        continue;
      }
      int row = 0;
      while (column[row] != far) {
        row++;
      }
      throw new UnlearnableDataException(Reason.FAR_FEATURE_VALUE, String.format(Locale.ROOT,
          "%s: the feature \"%s\" holds %s at line %d%s, so far from its other values (median"
              + " %.4g) that, standardised by the spread it makes, they span %.2g of a standard"
              + " deviation, less than %s: the model could learn nothing from the column;"
              + " correct or remove that row (a missing value belongs in an empty cell)",
          source, data.featureNames().get(f), text(far), data.lines().get(row),
          holding == 1 ? "" : String.format(Locale.ROOT, " (and %d more rows)", holding - 1),
          median, left / all, "1/" + Math.round(1 / MIN_SPREAD_LEFT)),
          data.featureNames().get(f));
    }
  }

  /**
   * The population standard deviation, computed on deviations divided by the largest so that
   * their squares cannot overflow (as {@link Standardizer} computes it); NaN when the mean does.
   */
  private static double deviation(double[] values) {
    if (values.length == 0) {
      return 0;
    }
    double mean = Arrays.stream(values).sum() / values.length;
    double largest = Arrays.stream(values).map(v -> Math.abs(v - mean)).max().orElse(0);
    if (largest == 0 || !Double.isFinite(largest)) {
      return largest == 0 ? 0 : Double.NaN;
    }
    double squares = Arrays.stream(values).map(v -> (v - mean) / largest).map(r -> r * r).sum();
    return largest * Math.sqrt(squares / values.length);
  }

  /** A whole number as written (999999999, not 9.99999999E8); others as Java writes them. */
  private static String text(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value) : Double.toString(value);
  }
}
