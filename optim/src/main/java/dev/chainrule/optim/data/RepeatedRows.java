package dev.chainrule.optim.data;

import dev.chainrule.core.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The warning of test rows that repeat a training row, features and label alike. A file holding
 * each row several times (appended to itself, or joined to a table of several matches per row)
 * is split as if its copies were separate rows: most test rows then have a copy among the
 * training rows, and the test score measures what the network memorised (200 rows of 40
 * distinct ones scored 1.0000, where 200 distinct rows of the same data scored 0.95), with no
 * word said. Only copies count: a repeated row some of whose values occur nowhere else in the
 * file; data whose features take few values repeats rows of itself (the Spark suite's grid of
 * 7 × 5 values per class: 8 of its 18 test rows), which new data would too. Validation rows
 * held out of the training part are counted alike against the rows trained on: their loss
 * chooses the epoch. A warning, not a refusal: only the user knows whether the copies are real.
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
   *     rows are copies of a training row
   */
  public static Optional<String> warning(Split split) {
    return warning(split, null);
  }

  /**
   * The warning for the test rows that repeat a training row and for the validation rows that
   * repeat a row trained on: copies among the validation rows make the validation loss, which
   * chooses the epoch ({@code --patience}) and the curves show, favour the epochs that memorised
   * them. Each count is named from 5% of its rows.
   *
   * @param split the split, both parts prepared alike
   * @param heldOut the training part's rows trained on ({@link Split#train}) and its validation
   *     rows ({@link Split#test}), prepared as {@code split}; null when none are held out
   * @return the warning, with its "warning: " prefix, or empty when fewer than 5% of the test
   *     rows and of the validation rows are copies
   */
  public static Optional<String> warning(Split split, Split heldOut) {
    int test = copies(split.test(), split.train());
    int validation = heldOut == null ? 0 : copies(heldOut.test(), heldOut.train());
    if (test == 0 && validation == 0) {
      return Optional.empty();
    }
    List<String> found = new ArrayList<>();
    List<String> why = new ArrayList<>();
    if (test > 0) {
      found.add(share(test, split.test().size(), "test rows") + " are copies of a training row");
      why.add("the test score counts them as new rows though the network trained on them, and"
          + " overstates how it does on new data");
    }
    if (validation > 0) {
      found.add(share(validation, heldOut.test().size(), "validation rows")
          + (test > 0 ? " of a row trained on" : " are copies of a row trained on"));
      why.add("the validation loss, which chooses the epoch, counts "
          + (test > 0 ? "its copies" : "them") + " as new rows and favours the epochs that"
          + " memorised them");
    }
    return Optional.of("warning: " + String.join(", and ", found) + ", features and label alike: "
        + String.join("; ", why) + "; if the file holds copies of rows (appended to itself, or"
        + " joined), remove them before training");
  }

  /** "2 of the 3 test rows (67%)". */
  private static String share(int copies, int rows, String what) {
    return String.format(Locale.ROOT, "%,d of the %,d %s (%.0f%%)", copies, rows, what,
        100.0 * copies / rows);
  }

  /**
   * The rows of {@code test} that copy a row of {@code train}, or 0 when they are fewer than 5%
   * of {@code test}'s rows.
   */
  private static int copies(Dataset test, Dataset train) {
    if (test.size() == 0 || train.size() == 0) {
      return 0;
    }
    // Tables of the test rows, and of the values of those found among the training rows: a
    // table of every row and of every value of every column (2.4 million boxed values for
    // 60,000 rows of 40 features) cost a run more time and memory than its training.
    List<Row> tested = rows(test);
    Map<Row, Integer> copies = new HashMap<>();
    tested.forEach(row -> copies.merge(row, 1, Integer::sum));
    Set<Row> trainedToo = new HashSet<>();
    forEachRow(train, row -> {
      if (copies.computeIfPresent(row, (r, n) -> n + 1) != null) {
        trainedToo.add(row);
      }
    });
    List<Row> candidates = tested.stream().filter(trainedToo::contains).toList();
    if (candidates.isEmpty() || candidates.size() < SHARE * test.size()) {
      return 0;
    }
    // How often each value of the candidates occurs in its column, over the file's rows.
    List<Map<Double, Integer>> valueCounts = new ArrayList<>();
    for (int k = 0; k < train.featureCount(); k++) {
      Map<Double, Integer> counts = new HashMap<>();
      for (Row row : candidates) {
        counts.put(row.values()[k], 0);
      }
      valueCounts.add(counts);
    }
    for (Dataset part : List.of(train, test)) {
      forEachRow(part, row -> {
        for (int k = 0; k < valueCounts.size(); k++) {
          valueCounts.get(k).computeIfPresent(row.values()[k], (v, n) -> n + 1);
        }
      });
    }
    int repeated = 0;
    for (Row row : candidates) {
      if (copied(row, copies.get(row), valueCounts)) {
        repeated++;
      }
    }
    return repeated < SHARE * test.size() ? 0 : repeated;
  }

  /**
   * Whether a repeated row is a copy rather than a coincidence of data of few values: some value
   * of its features occurs only in the copies of this row. A grid of discrete features (x of 7
   * values, y of 5) repeats rows whose values each occur in many other rows; a copied row of
   * measured values holds values found nowhere else.
   */
  private static boolean copied(Row row, int copies, List<Map<Double, Integer>> valueCounts) {
    for (int k = 0; k < valueCounts.size(); k++) {
      if (valueCounts.get(k).get(row.values()[k]) == copies) {
        return true;
      }
    }
    return false;
  }

  private static List<Row> rows(Dataset data) {
    List<Row> rows = new ArrayList<>(data.size());
    forEachRow(data, rows::add);
    return rows;
  }

  /** Each row's features and label, compared by value (0.0 and -0.0 alike), one at a time. */
  private static void forEachRow(Dataset data, Consumer<Row> action) {
    // The features read where they lie: a double[] copy of a float32 file's was twice their size.
    Tensor x = data.features();
    double[] y = data.hasClassIndices()
        ? Arrays.stream(data.classIndices()).asDoubleStream().toArray()
        : data.labels().toArray();
    int features = data.featureCount();
    int labels = y.length / data.size();
    for (int i = 0; i < data.size(); i++) {
      double[] values = new double[features + labels];
      for (int k = 0; k < features; k++) {
        values[k] = x.flatGet(i * features + k) + 0.0;
      }
      for (int k = 0; k < labels; k++) {
        values[features + k] = y[i * labels + k] + 0.0;
      }
      action.accept(new Row(values));
    }
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
