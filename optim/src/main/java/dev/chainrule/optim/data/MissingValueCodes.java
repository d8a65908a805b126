package dev.chainrule.optim.data;

import dev.chainrule.core.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The warning of a feature column that codes a missing value as a number of nines: -999, 9999,
 * as statistics packages and spreadsheets are told to write an empty cell. The reader takes the
 * code for a measurement; standardised by the spread it makes, the column's real values squeeze
 * together, and the model learns less from them, without a word: 16% of a column so written
 * took a run from 0.9552 (the rows left out) to 0.7750. {@link FeatureOutliers} leaves such a
 * value alone, as one held by more than 1% of the rows is a cluster of the column, not an
 * outlier; this names it when it looks like a code: nines only, at least 99 in magnitude, held
 * by more than 1% of the rows, beyond every other value of the column. A warning, not a refusal:
 * 999 may be a real reading, and only the user knows.
 */
public final class MissingValueCodes {
  /**
   * The share of the rows a code must hold more than: up to 1% it is an outlier's case, which
   * {@link FeatureOutliers} judges by how far it squeezes the others.
   */
  static final double SHARE = 0.01;

  private MissingValueCodes() {}

  /**
   * The warnings for the feature columns that hold a code of nines, one per column.
   *
   * @param data data read from a CSV file
   * @param file the file's name, as the warning gives it
   * @return the warnings, with their "warning: " prefix; empty when no column holds one
   */
  public static List<String> warnings(CsvData data, String file) {
    int rows = data.dataset().size();
    int features = data.dataset().featureCount();
    if (rows == 0) {
      return List.of();
    }
    // Read where it lies, row by row: a double[] copy of a float32 file's features was twice
    // their size, and a column at a time strode across all of them per column.
    Tensor x = data.dataset().features();
    List<Map<Double, Integer>> codes = new ArrayList<>();
    for (int f = 0; f < features; f++) {
      codes.add(new HashMap<>());
    }
    for (int i = 0; i < x.size(); i++) {
      double v = x.flatGet(i);
      if (isCode(v)) {
        codes.get(i % features).merge(v, 1, Integer::sum);
      }
    }
    List<String> found = new ArrayList<>();
    for (int f = 0; f < features; f++) {
      for (Map.Entry<Double, Integer> code : codes.get(f).entrySet()) {
        double v = code.getKey();
        int held = code.getValue();
        if (held <= SHARE * rows || held == rows) {
          continue;
        }
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < rows; i++) {
          double other = x.flatGet(i * features + f);
          if (other != v && !Double.isNaN(other)) {
            low = Math.min(low, other);
            high = Math.max(high, other);
          }
        }
        if (v < low || v > high) {
          found.add(String.format(Locale.ROOT, "warning: %s: the feature \"%s\" holds %s in %,d"
              + " of %,d rows (%.0f%%), beyond its other values (%s to %s): a code for a"
              + " missing value? If so, empty those cells (or write NA) and leave the rows out"
              + " with --missing drop; read as a number, it squeezes the column's real values"
              + " together", file, data.featureNames().get(f), written(v), held, rows,
              100.0 * held / rows, written(low), written(high)));
          break;
        }
      }
    }
    return found;
  }

  /** Whether {@code v} is -99, 999, -9999 and so on: nines only, at least two of them. */
  static boolean isCode(double v) {
    double magnitude = Math.abs(v);
    if (magnitude < 99 || magnitude > 1e15 || magnitude != Math.rint(magnitude)) {
      return false;
    }
    String digits = Long.toString((long) magnitude);
    return digits.chars().allMatch(c -> c == '9');
  }

  private static String written(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
        : String.format(Locale.ROOT, "%.4g", v);
  }
}
