package dev.chainrule.optim.data;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * a missing value) is the user's to correct, and the warning names the row. Several far values
 * (two sentinels, 999999999 and 999999998) squeeze the others together, and are found together.
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
   * The most rows that may hold the far values, as a share of all: a few rows (a sentinel can be
   * repeated, two sentinels can be used) are outliers; a value many rows hold is a cluster of the
   * column (a bimodal feature), whose standardised position still tells its rows from the
   * others'.
   */
  static final double MAX_FAR_SHARE = 0.01;

  /**
   * The smallest variance the quick test trusts: in float32, deviations below about 1e-19 square
   * to subnormal numbers or to 0, rounded far beyond the test's slack (a review found columns of
   * values near 1e-25 whose far value the quick test missed).
   */
  static final double SMALLEST_TRUSTED_VARIANCE = 1e-24;

  /** The far values a warning names; more are counted. */
  private static final int NAMED = 3;

  private FeatureOutliers() {}

  /**
   * A feature column's far values, found in a file.
   *
   * @param column the feature column's name
   * @param description one line for people: the file, the column, the lines and the values, and
   *     the spread left to the other values, with what to do
   */
  public record FarValue(String column, String description) {
    /**
     * The warning both launchers print of these values.
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
   * The first feature column whose values farthest from its median, left out one after another
   * (each with every row that holds it, up to {@link #MAX_FAR_SHARE} of the rows in all), leave
   * the others a standard deviation below {@link #MIN_SPREAD_LEFT} of the column's.
   *
   * @param data the data read from a file
   * @param source the name messages give the file
   * @return that column's far values, or empty when no column has one
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
      boolean one = far.groups().size() == 1;
      return Optional.of(new FarValue(name, String.format(Locale.ROOT, "%s: the feature \"%s\""
          + " holds %s, so far from its other values (median %.4g) that, standardised by the"
          + " spread %s, %s span %.2g of a standard deviation: the model may learn nothing from"
          + " the column; correct or remove %s (a missing value belongs in an empty cell; real"
          + " values of so long a tail may need other units, a logarithm)",
          source, name, places(far.groups(), data.lines(), features.dtype()), far.median(),
          one ? "it makes" : "they make", one ? "they" : "the others", far.spreadLeft(),
          far.groups().size() == 1 && far.groups().get(0).holding() == 1 ? "that row"
              : "those rows")));
    }
    return Optional.empty();
  }

  /** Where the far values lie: "1.0E39 at line 5 (and 1 more row) and 999999999 at line 9". */
  private static String places(List<Group> groups, List<Integer> lines, DType dtype) {
    List<String> named = new ArrayList<>();
    for (Group group : groups.subList(0, Math.min(NAMED, groups.size()))) {
      named.add(text(group.value(), dtype) + " at line " + lines.get(group.row())
          + (group.holding() == 1 ? "" : " (and " + rows(group.holding() - 1, "more row") + ")"));
    }
    if (groups.size() > NAMED) {
      List<Group> rest = groups.subList(NAMED, groups.size());
      named.add(rows(rest.size(), "more far value") + " ("
          + rows(rest.stream().mapToInt(Group::holding).sum(), "row") + ")");
    }
    String last = named.remove(named.size() - 1);
    return named.isEmpty() ? last : String.join(", ", named) + " and " + last;
  }

  /** "1 row", "2 rows". */
  private static String rows(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }

  /**
   * One far value of a column.
   *
   * @param value the value
   * @param row the first row holding it
   * @param holding how many rows hold it
   */
  record Group(double value, int row, int holding) {}

  /** A far value taken out of a column, and how many rows held it. */
  private record Removed(double value, int rows) {}

  /**
   * A column's far values, which leave its other values too little spread.
   *
   * @param groups the far values, farthest from the median first
   * @param median the column's median
   * @param spreadLeft the other values' standard deviation as a share of the column's
   */
  record Far(List<Group> groups, double median, double spreadLeft) {
    /**
     * The column's far values when they leave the others too little spread, else null. The
     * values farthest from the median are left out one after another while their rows fit in
     * the share: two rows of 999999999 and 999999998 among 300 values near 0 leave the others
     * room only together (with the first left out, the second still squeezes them), and a run
     * the warning missed ended at 0.58 accuracy for 0.97 without them. The first removal that
     * squeezes the rest (standard deviation below {@link #MIN_SPREAD_LEFT} of the column's) makes
     * the warning; further ones that squeeze what that leaves (1e9, then 1e5 among values near
     * 0) are named with it, not one after another in the warnings of runs to come.
     */
    static Far in(double[] column) {
      int rows = column.length;
      double[] sorted = column.clone();
      Arrays.sort(sorted);
      double median = sorted[rows / 2];
      double unit = Math.max(Math.abs(sorted[0] - median), Math.abs(sorted[rows - 1] - median));
      // All one value: no spread to lose. A deviation beyond float64 (1e308 and -1e308) is
      // refused where the column is standardised.
      if (!(unit > 0 && unit < Double.POSITIVE_INFINITY)) {
        return null;
      }
      double allowed = Math.max(1, MAX_FAR_SHARE * rows);
      List<Removed> removed = new ArrayList<>();  // farthest first
      int low = 0;
      int high = rows - 1;
      int taken = 0;
      while (low <= high) {
        boolean fromLow = Math.abs(sorted[low] - median) >= Math.abs(sorted[high] - median);
        double value = fromLow ? sorted[low] : sorted[high];
        int count = 0;
        while (count <= high - low && sorted[fromLow ? low + count : high - count] == value) {
          count++;
        }
        if (taken + count > allowed) {
          break;
        }
        taken += count;
        low += fromLow ? count : 0;
        high -= fromLow ? 0 : count;
        removed.add(new Removed(value, count));
      }
      double[] left = spreadsLeft(sorted, low, high, removed, median, unit);
      int last = squeezing(left, 0);
      if (last < 0) {
        return null;
      }
      for (int next = squeezing(left, last); next >= 0; next = squeezing(left, last)) {
        last = next;
      }
      return new Far(groups(column, removed.subList(0, last)), median, left[last] / left[0]);
    }

    /**
     * The first removal after {@code from} that leaves a standard deviation above 0 (the rest
     * all equal, a one-row indicator's 0s, have no spread to lose) and below {@link
     * #MIN_SPREAD_LEFT} of {@code left[from]}'s, or -1.
     */
    private static int squeezing(double[] left, int from) {
      for (int j = from + 1; j < left.length; j++) {
        if (left[j] > 0 && left[j] < MIN_SPREAD_LEFT * left[from]) {
          return j;
        }
      }
      return -1;
    }

    /**
     * The standard deviation left after each number of removals (0: the column's), in units of
     * {@code unit}: the values kept last, then each removed value put back outward (Chan's
     * update), so that one pass serves every removal and no deviation is squared past float64.
     */
    private static double[] spreadsLeft(double[] sorted, int low, int high,
        List<Removed> removed, double median, double unit) {
      int count = high - low + 1;
      double mean = 0;
      for (int i = low; i <= high; i++) {
        mean += (sorted[i] - median) / unit;
      }
      mean = count == 0 ? 0 : mean / count;
      double squares = 0;
      for (int i = low; i <= high; i++) {
        double d = (sorted[i] - median) / unit - mean;
        squares += d * d;
      }
      double[] left = new double[removed.size() + 1];
      left[removed.size()] = count == 0 ? 0 : Math.sqrt(squares / count);
      for (int j = removed.size() - 1; j >= 0; j--) {
        Removed group = removed.get(j);
        double delta = (group.value() - median) / unit - mean;
        int grown = count + group.rows();
        mean += delta * group.rows() / grown;
        squares += delta * delta * count * group.rows() / grown;
        count = grown;
        left[j] = Math.sqrt(squares / count);
      }
      return left;
    }

    /** The removed values with the first row holding each. */
    private static List<Group> groups(double[] column, List<Removed> removed) {
      // Adding 0.0 makes -0.0 0.0: one value to the sort's ==, two keys to a map.
      Map<Double, Integer> first = new HashMap<>();
      removed.forEach(group -> first.put(group.value() + 0.0, -1));
      for (int row = 0; row < column.length; row++) {
        first.replace(column[row] + 0.0, -1, row);
      }
      List<Group> groups = new ArrayList<>();
      for (Removed group : removed) {
        groups.add(new Group(group.value(), first.get(group.value() + 0.0), group.rows()));
      }
      return groups;
    }
  }

  /**
   * The columns that may hold a far value, found with core's max, min and variance so that the
   * exact test, a sorted copy of the column, runs only for them and not for each of a wide
   * file's hundreds of columns. Far values held by a share w of the rows, the others of mean m
   * and deviation L, give the column a variance A² at most the mean square about m, (1 − w)·L²
   * plus w times the far values' mean (c − m)², and each |c − m| is at most the column's range
   * R. L below A/50 then needs R² above A²·(1 − (1 − w)/50²)/w ≥ A²·(1 − 1/50²)/w, least at the
   * largest share allowed, whatever the number and signs of the far values (the bound for a
   * single one, A² = (1 − w)·L² + w(1 − w)·(c − m)², is tighter by 1 − w). A column whose range
   * is short of that cannot hold them. 1 % of slack covers the rounding of float32 statistics;
   * a variance beyond the type's range, or below {@link #SMALLEST_TRUSTED_VARIANCE}, leaves the
   * column to the exact test.
   */
  static boolean[] suspects(Tensor features) {
    int rows = features.dim(0);
    double share = Math.max(1, MAX_FAR_SHARE * rows) / rows;
    double needed = 0.99 * (1 - MIN_SPREAD_LEFT * MIN_SPREAD_LEFT) / share;
    double[] high = features.max(0, false).toArray();
    double[] low = features.min(0, false).toArray();
    // By blocks of columns: the whole chain held two full-size copies (ColumnBlocks).
    double[] variance = ColumnBlocks.reduce(features,
        (block, from, to) -> block.variance(new int[] {0}, false, false)).toArray();
    boolean[] suspect = new boolean[high.length];
    for (int f = 0; f < high.length; f++) {
      double range = high[f] - low[f];
      suspect[f] = !(variance[f] >= SMALLEST_TRUSTED_VARIANCE && variance[f] < Double.MAX_VALUE
          && range * range <= needed * variance[f]);
    }
    return suspect;
  }

  /**
   * A whole number as written (999999999, not 9.99999999E8); others as Java writes the data's
   * type: a float32 cell of 1e-12 is 1.0E-12, not its float32 value widened to double
   * (9.999999960041972E-13).
   */
  private static String text(double value, DType dtype) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
        : dtype == DType.FLOAT32 ? Float.toString((float) value) : Double.toString(value);
  }
}
