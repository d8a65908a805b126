package dev.chainrule.optim.data;

import java.util.List;
import java.util.Locale;

/**
 * Whether float32 can tell a column's values apart, judged from the exact values as they are read
 * into float32. A column of timestamps (1.7e9 seconds, 0.1 s apart) rounds to a float32 grid 128
 * apart: every value becomes the same number, or a few, and a model then trains on that grid
 * without a word, or the column reads as constant. Standardizing afterwards cannot bring the
 * digits back, so such a column is refused when read to learn from (the label required: new rows
 * to predict, a few of them alike, have no spread of their own to judge by), naming it and the
 * two scales.
 *
 * <p>The test: the most that reading into float32 moved a value of the column must stay within
 * a hundredth of the column's standard deviation. Within that, the rounding is noise of under 1 %
 * of the spread, which the data's own noise swamps; beyond it, the standardized values move by
 * more than 0.01, visibly (and the probe that found this lost a tenth of its test accuracy). The
 * rounding actually made is measured, not float32's step there: whole numbers up to 2²⁴ (counts,
 * years, ids near 1e6) read exactly, however small their spread.
 */
final class Float32Resolution {
  private static final double SHARE_OF_SPREAD = 0.01;

  private final long[] counts;
  private final double[] means;
  private final double[] squares;
  private final double[] largest;
  private final double[] rounding;

  Float32Resolution(int columns) {
    counts = new long[columns];
    means = new double[columns];
    squares = new double[columns];
    largest = new double[columns];
    rounding = new double[columns];
  }

  /** Takes one row's exact values; NaN cells (kept missing values) are not counted. */
  void add(double[] row) {
    for (int k = 0; k < row.length; k++) {
      double x = row[k];
      if (Double.isFinite(x)) {
        // Welford's update: stable where Σx² − n·mean² would cancel, as for timestamps.
        double delta = x - means[k];
        means[k] += delta / ++counts[k];
        squares[k] += delta * (x - means[k]);
        largest[k] = Math.max(largest[k], Math.abs(x));
        rounding[k] = Math.max(rounding[k], Math.abs(x - (float) x));
      }
    }
  }

  /**
   * Refuses the first column some of whose values float32 rounds by more than a hundredth of
   * their spread.
   *
   * @param columns the columns as a message names them ({@code column "t"}), in the order of
   *     the rows' values
   * @param where the source, for the message
   * @throws DataFormatException naming the column, its spread, its magnitude and float32's step
   */
  void check(List<String> columns, String where) {
    for (int k = 0; k < counts.length; k++) {
      if (counts[k] < 2) {
        continue;
      }
      double deviation = Math.sqrt(squares[k] / (counts[k] - 1));
      if (deviation > 0 && rounding[k] > SHARE_OF_SPREAD * deviation) {
        double step = Math.ulp((float) largest[k]);
        throw new DataFormatException(String.format(Locale.ROOT, "%s: %s: float32 cannot"
            + " tell its values apart: they spread by %.3g (standard deviation) at magnitudes up"
            + " to %.3g, where float32 numbers are %.3g apart, so reading them rounds away what"
            + " distinguishes them; read the file as float64, or subtract a constant from the"
            + " column first (a timestamp minus the first one)", where,
            columns.get(k), deviation, largest[k], step));
      }
    }
  }
}
