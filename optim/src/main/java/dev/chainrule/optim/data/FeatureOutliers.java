package dev.chainrule.optim.data;

import dev.chainrule.core.Tensor;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A feature column with a value so far from its other values (1e39, or a missing value written
 * as 999999999, among values near 0) that, once the column is standardised by the spread that
 * value makes, the other values span a sliver of one standard deviation: the network sees them
 * as nearly one number and may learn nothing from the column, and the run ends at chance with
 * advice about the learning rate. Measured on 200 rows of a ~ N(0, 1) and label a > 0: test
 * accuracy 0.975 as they are, 0.55 with one more row of 1e39, 1e12 or 999999999.
 *
 * <p>Warned of, not refused: how close the other values may come and still be learned depends on
 * the data (a sparse column of 0s and a few 1s, with one row of 400, keeps them a seventieth of
 * a standard deviation apart, and a model separates them perfectly), so the finding is evidence
 * of a data error, not proof that nothing can be learned. The usual cause (a typo, a sentinel for
 * a missing value) is the user's to correct, and the warning names the row.
 */
public final class FeatureOutliers {
  /**
   * The other values' standard deviation, as a share of the column's, below which the column is
   * warned of: they then span less than a fiftieth of a standardised unit. On the 200 rows above,
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

  /**
   * The smallest variance the quick test trusts: in float32, deviations below about 1e-19 square
   * to subnormal numbers or to 0, rounded far beyond the test's slack (a review found columns of
   * values near 1e-25 whose far value the quick test missed).
   */
  static final double SMALLEST_TRUSTED_VARIANCE = 1e-24;

  private FeatureOutliers() {}

  /**
   * A feature column's far value, found in a file.
   *
   * @param column the feature column's name
   * @param description one line for people: the file, the column, the line, the value and the
   *     spread left to the other values, with what to do
   */
  public record FarValue(String column, String description) {
    /**
     * The warning both launchers print of this value.
     *
     * @param leaveOut the options that leave the column out ("--drop b"), or null where the
     *     command line cannot (a loaded model fixes its features)
     * @return the warning, with its "warning: " prefix
     */
    public String warning(String leaveOut) {
      return "warning: " + description
          + (leaveOut == null ? "" : ", or leave the column out (" + leaveOut + ")");
    }
  }

  /**
   * The first feature column whose value farthest from its median, left out (with every row
   * that holds it, up to {@link #MAX_FAR_SHARE} of the rows), leaves the others a standard
   * deviation below {@link #MIN_SPREAD_LEFT} of the column's.
   *
   * @param data the data read from a file
   * @param source the name messages give the file
   * @return that column's far value, or empty when no column has one
   */
  public static Optional<FarValue> find(CsvData data, String source) {
    Tensor features = data.dataset().features();
    boolean[] suspect = suspects(features);
    for (int f = 0; f < features.dim(1); f++) {
      Far far = suspect[f] ? Far.in(features.slice(1, f, f + 1).toArray()) : null;
      if (far == null) {
        continue;
      }
      String name = data.featureNames().get(f);
      return Optional.of(new FarValue(name, String.format(Locale.ROOT, "%s: the feature \"%s\""
          + " holds %s at line %d%s, so far from its other values (median %.4g) that,"
          + " standardised by the spread it makes, they span %.2g of a standard deviation: the"
          + " model may learn nothing from the column; correct or remove that row (a missing"
          + " value belongs in an empty cell)", source, name, text(far.value()),
          data.lines().get(far.row()), far.holding() == 1 ? ""
              : String.format(Locale.ROOT, " (and %d more rows)", far.holding() - 1),
          far.median(), far.spreadLeft())));
    }
    return Optional.empty();
  }

  /**
   * A column's far value, which leaves its other values too little spread.
   *
   * @param value the value
   * @param row the first row holding it
   * @param holding how many rows hold it
   * @param median the column's median
   * @param spreadLeft the other values' standard deviation as a share of the column's
   */
  record Far(double value, int row, int holding, double median, double spreadLeft) {
    /** The column's far value when it leaves the others too little spread, else null. */
    static Far in(double[] column) {
      int rows = column.length;
      double[] sorted = column.clone();
      Arrays.sort(sorted);
      double median = sorted[rows / 2];
      double far = Math.abs(sorted[0] - median) >= Math.abs(sorted[rows - 1] - median)
          ? sorted[0] : sorted[rows - 1];
      double[] others = Arrays.stream(column).filter(v -> v != far).toArray();
      int holding = rows - others.length;
      if (holding > Math.max(1, MAX_FAR_SHARE * rows)) {
        return null;
      }
      double all = Standardizer.standardDeviation(column);
      double left = others.length == 0 ? 0 : Standardizer.standardDeviation(others);
      // Others all equal (a one-row indicator, 0s and a single 1) have no spread to lose; a
      // NaN (statistics beyond float64) is refused where the column is standardised.
      if (!(left > 0 && left < MIN_SPREAD_LEFT * all)) {
        return null;
      }
      int row = 0;
      while (column[row] != far) {
        row++;
      }
      return new Far(far, row, holding, median, left / all);
    }
  }

  /**
   * The columns that may hold a far value, found with core's max, min and variance so that the
   * exact test, a sorted copy of the column, runs only for them and not for each of a wide
   * file's hundreds of columns. A far value c held by a share w of the rows, the others of mean m
   * and deviation L, gives the column the variance A² = (1 − w)·L² + w(1 − w)·(c − m)²; L below
   * A/50 then needs (c − m)² above A²·(1 − 1/50²)/(w(1 − w)), and |c − m| is at most the
   * column's range, while w(1 − w) grows with w up to the largest share allowed (at most ½ from
   * two rows up). A column whose range is short of that cannot hold one. 1 % of slack covers
   * the rounding of float32 statistics; a variance beyond the type's range, or below {@link
   * #SMALLEST_TRUSTED_VARIANCE}, leaves the column to the exact test.
   */
  static boolean[] suspects(Tensor features) {
    int rows = features.dim(0);
    double share = Math.max(1, MAX_FAR_SHARE * rows) / rows;
    double needed = 0.99 * (1 - MIN_SPREAD_LEFT * MIN_SPREAD_LEFT) / (share * (1 - share));
    double[] high = features.max(0, false).toArray();
    double[] low = features.min(0, false).toArray();
    double[] variance = features.variance(new int[] {0}, false, false).toArray();
    boolean[] suspect = new boolean[high.length];
    for (int f = 0; f < high.length; f++) {
      double range = high[f] - low[f];
      suspect[f] = !(variance[f] >= SMALLEST_TRUSTED_VARIANCE && variance[f] < Double.MAX_VALUE
          && range * range <= needed * variance[f]);
    }
    return suspect;
  }

  /** A whole number as written (999999999, not 9.99999999E8); others as Java writes them. */
  private static String text(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value) : Double.toString(value);
  }
}
