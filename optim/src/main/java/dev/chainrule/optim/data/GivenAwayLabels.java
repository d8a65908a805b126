package dev.chainrule.optim.data;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The warning of feature columns that give the label away: a copy of the label (or a code
 * computed from it, as spreadsheets add beside a column), or a row number in a file sorted by
 * its classes or, named as a row index, by its regression target. Trained with such a column,
 * a network scored 1.0000 on its test rows with no word said, since the test rows carry the copy
 * too; new rows to predict do not, and the score says nothing of them. Only among other features
 * that vary: alone, such a column is the data itself, a toy's y = 2x + 1, and leaving it out
 * leaves nothing to learn from. Warnings, not refusals: a column known before the label that
 * happens to determine it is possible data, and only the user knows which. The program's {@code
 * train} prints them.
 */
public final class GivenAwayLabels {
  /**
   * How close to ±1 a feature's correlation with a regression target makes it a copy. A column
   * computed from the target (other units) and written with five significant digits lies within
   * 1e-10 of it (rounding noise of 5e-6 of the spread); measured data is never that close.
   */
  static final double COPY_CORRELATION = 1e-9;

  /**
   * Header names of a row index, as spreadsheets and pandas (its index read back) write them,
   * in lower case: a regression's row number is named only under one of them.
   */
  static final Set<String> ROW_INDEX_NAMES = Set.of("id", "index", "idx", "#", "no", "no.",
      "nr", "row", "rowid", "row_id", "row id", "rownum", "row_number", "unnamed: 0");

  /** The classes whose values one warning names; more are counted. */
  static final int NAMED = 3;

  private GivenAwayLabels() {}

  /**
   * The warnings for the file's columns that give the label away, one per column.
   *
   * @param data data read from a CSV file, with its label column
   * @param leaveOut how the caller leaves a column out, given its name ("--drop id")
   * @return the warnings, with their "warning: " prefix, in the order of the features; empty
   *     when no column gives the label away
   */
  public static List<String> warnings(CsvData data, Function<String, String> leaveOut) {
    int[] rows = data.labelledRows();
    if (rows.length < 3) { // too few to tell a copy from chance
      return List.of();
    }
    // Read where it lies: a double[] copy of a float32 file's features was twice their size,
    // and what a wide file's run (60,000 rows of 784) ran out of memory on.
    Tensor x = data.dataset().features();
    int features = data.dataset().featureCount();
    double[] target = data.dataset().hasClassIndices() ? null : data.dataset().labels().toArray();
    int[] classes = data.dataset().hasClassIndices() ? data.dataset().classIndices() : null;
    boolean float32 = data.dataset().dtype() == DType.FLOAT32;
    int varying = 0;
    for (int f = 0; f < features && varying < 2; f++) {
      varying += varies(x, features, f, rows) ? 1 : 0;
    }
    // A column that is the only one varying is the data itself (y = 2x + 1, or a class that
    // is a threshold of x): leaving it out would leave nothing to learn from.
    if (varying < 2) {
      return List.of();
    }
    List<String> found = new ArrayList<>();
    double[] column = new double[rows.length];  // one at a time: a copy of all is the data's size
    for (int f = 0; f < features; f++) {
      for (int i = 0; i < rows.length; i++) {
        column[i] = x.flatGet(rows[i] * features + f);
      }
      String name = data.featureNames().get(f);
      String why = classes != null
          ? classCopy(column, rows, classes, data.classNames(), float32)
          : targetCopy(column, rows, target, data.labelName());
      // A regression's only when the column is named as a row index: a target sorted in file
      // order beside its row ids is a sheet sorted by price, but beside time steps (t, year)
      // a trend, or a count that never falls, and the steps are data.
      if (why == null && rowNumber(column, rows, data.lines()) && (classes != null
          ? sorted(rows, classes) : ROW_INDEX_NAMES.contains(name.strip().toLowerCase(
              Locale.ROOT)) && sorted(rows, target))) {
        why = "counts the rows (" + written(column[0], float32) + ", "
            + written(column[1], float32) + ", ... in file order) and the file is sorted by"
            + " its " + (classes != null ? "label" : "target") + " \"" + data.labelName()
            + "\", so the row number tells the " + (classes != null ? "label" : "target");
      }
      if (why != null) {
        found.add("warning: the feature \"" + name + "\" gives the label away: it " + why
            + "; the test rows hold it too, so their score says nothing of new rows, which"
            + " will not; unless it is known before the label, leave it out ("
            + leaveOut.apply(name) + ")");
      }
    }
    return found;
  }

  /** The words for a column holding one value per class, each class its own; else null. */
  private static String classCopy(double[] column, int[] rows, int[] classes,
      List<String> names, boolean float32) {
    Map<Integer, Double> valueOf = new LinkedHashMap<>();
    for (int i = 0; i < rows.length; i++) {
      Double value = valueOf.putIfAbsent(classes[rows[i]], column[i]);
      if (value != null && Double.compare(value + 0.0, column[i] + 0.0) != 0) {
        return null;
      }
    }
    if (valueOf.size() < 2 || valueOf.values().stream().distinct().count() < valueOf.size()) {
      return null;
    }
    String named = valueOf.entrySet().stream().sorted(Map.Entry.comparingByKey()).limit(NAMED)
        .map(e -> written(e.getValue(), float32) + " in every row of class "
            + names.get(e.getKey()))
        .collect(Collectors.joining(", "));
    return "is " + named + (valueOf.size() > NAMED
        ? " and one value for each of " + (valueOf.size() - NAMED) + " more classes" : "");
  }

  /** The words for a column that is the target in other units; else null. */
  private static String targetCopy(double[] column, int[] rows, double[] target, String label) {
    double[] y = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      y[i] = target[rows[i]];
    }
    double mx = mean(column);
    double my = mean(y);
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < y.length; i++) {
      sxy += (column[i] - mx) * (y[i] - my);
      sxx += (column[i] - mx) * (column[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    if (sxx == 0 || syy == 0) {
      return null;
    }
    double r = sxy / Math.sqrt(sxx * syy);
    return 1 - Math.abs(r) < COPY_CORRELATION ? String.format(Locale.ROOT,
        "is the target \"%s\" in other units (correlation %.9f)", label, r) : null;
  }

  /** Whether the column counts the rows by one, or by the file's lines when rows were left out. */
  private static boolean rowNumber(double[] column, int[] rows, List<Integer> lines) {
    boolean byOne = true;
    boolean byLine = true;
    for (int i = 1; i < column.length && (byOne || byLine); i++) {
      double step = column[i] - column[i - 1];
      byOne &= step == 1;
      byLine &= step == lines.get(rows[i]) - lines.get(rows[i - 1]);
    }
    return byOne || byLine;
  }

  /** Whether the labels in file order come in one block per class. */
  private static boolean sorted(int[] rows, int[] classes) {
    int changes = 0;
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < rows.length; i++) {
      if (i > 0 && classes[rows[i]] != classes[rows[i - 1]]) {
        changes++;
      }
      seen.add(classes[rows[i]]);
    }
    return changes == seen.size() - 1;
  }

  /**
   * Whether the targets in file order never fall or never rise, and differ: a row number then
   * orders the rows as the target does, and a network fits the target from it (a file sorted by
   * price, R² 0.91 from its row ids where its measured features gave 0.33).
   */
  private static boolean sorted(int[] rows, double[] target) {
    boolean rising = true;
    boolean falling = true;
    for (int i = 1; i < rows.length && (rising || falling); i++) {
      rising &= target[rows[i]] >= target[rows[i - 1]];
      falling &= target[rows[i]] <= target[rows[i - 1]];
    }
    return (rising || falling) && target[rows[0]] != target[rows[rows.length - 1]];
  }

  /**
   * Whether feature {@code f} holds two values over the rows (0.0 and -0.0 alike, NaN as one).
   * A loop that stops at the second value, not {@code distinct().count()}, which boxed every
   * value into a set: 2.4 million for 60,000 rows of 40 features.
   */
  private static boolean varies(Tensor x, int features, int f, int[] rows) {
    double first = x.flatGet(rows[0] * features + f) + 0.0;
    for (int row : rows) {
      if (Double.compare(x.flatGet(row * features + f) + 0.0, first) != 0) {
        return true;
      }
    }
    return false;
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  /** A value as the file most likely wrote it: 3 rather than 3.0, a float32's 0.1 as 0.1. */
  private static String written(double value, boolean float32) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
        : float32 ? Float.toString((float) value) : Double.toString(value);
  }
}
