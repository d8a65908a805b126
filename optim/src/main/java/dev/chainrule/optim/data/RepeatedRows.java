package dev.chainrule.optim.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The warning of test rows that repeat a training row, features and label alike. A file holding
 * each row several times (appended to itself, or joined to a table of several matches per row)
 * is split as if its copies were separate rows: most test rows then have a copy among the
 * training rows, and the test score measures what the network memorised (200 rows of 40
 * distinct ones scored 1.0000, where 200 distinct rows of the same data scored 0.95), with no
 * word said. A warning, not a refusal: data whose features take few values repeats rows of
 * itself, and only the user knows whether those are copies.
 */
public final class RepeatedRows {
  /**
   * The share of the test rows repeating a training row from which the warning is given. Each
   * such row can add its share to the test accuracy; below 5% (one row of Iris's 30 test rows,
   * where two irises of the file are alike) that stays within a 30-row score's own spread.
   */
  static final double SHARE = 0.05;

  private RepeatedRows() {}

  /**
   * The warning for the test rows that repeat a training row.
   *
   * @param split the split, both parts prepared alike (raw, or standardised by one standardiser,
   *     which maps equal rows to equal rows)
   * @return the warning, with its "warning: " prefix, or empty when fewer than 5% of the test
   *     rows repeat a training row
   */
  public static Optional<String> warning(Split split) {
    Dataset train = split.train();
    Dataset test = split.test();
    if (test.size() == 0 || train.size() == 0) {
      return Optional.empty();
    }
    Set<Row> seen = new HashSet<>(rows(train));
    int repeated = 0;
    for (Row row : rows(test)) {
      if (seen.contains(row)) {
        repeated++;
      }
    }
    if (repeated == 0 || repeated < SHARE * test.size()) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT, "warning: %,d of the %,d test rows (%.0f%%)"
        + " repeat a training row, features and label alike: the test score counts them as new"
        + " rows though the network trained on them, so it overstates how it does on new data;"
        + " if the file holds copies of rows (appended to itself, or joined), remove them before"
        + " training", repeated, test.size(), 100.0 * repeated / test.size()));
  }

  /** Each row's features and label, compared by value (0.0 and -0.0 alike). */
  private static List<Row> rows(Dataset data) {
    double[] x = data.features().toArray();
    double[] y = data.hasClassIndices()
        ? Arrays.stream(data.classIndices()).asDoubleStream().toArray()
        : data.labels().toArray();
    int features = data.featureCount();
    int labels = y.length / data.size();
    List<Row> rows = new ArrayList<>(data.size());
    for (int i = 0; i < data.size(); i++) {
      double[] values = new double[features + labels];
      for (int k = 0; k < features; k++) {
        values[k] = x[i * features + k] + 0.0;
      }
      for (int k = 0; k < labels; k++) {
        values[features + k] = y[i * labels + k] + 0.0;
      }
      rows.add(new Row(values));
    }
    return rows;
  }

  /** Values compared element by element, as a record of an array is not. */
  private record Row(double[] values) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Row other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
      return Arrays.toString(values);
    }
  }
}
