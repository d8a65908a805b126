package dev.chainrule.optim.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The columns that had no value in any row {@link MissingValues#DROP} left out, the features'
 * then the label's: when every row is left out, these are the columns to blame, and the refusal
 * names them with their {@code --drop}.
 */
final class EmptyInDroppedRows {
  /** Per feature column, then the label: whether every dropped row lacked it; null before one. */
  private boolean[] empty;

  /** Notes a dropped row: its features (NaN where a value was missing) and its label's lack. */
  void note(double[] row, boolean labelEmpty) {
    if (empty == null) {
      empty = new boolean[row.length + 1];
      Arrays.fill(empty, true);
    }
    for (int k = 0; k < row.length; k++) {
      empty[k] &= Double.isNaN(row[k]);
    }
    empty[row.length] &= labelEmpty;
  }

  /** The names of the columns empty in every dropped row; empty when no row was dropped. */
  List<String> names(List<String> featureNames, String labelName) {
    List<String> names = new ArrayList<>();
    for (int k = 0; empty != null && k < empty.length; k++) {
      if (empty[k]) {
        names.add(k < featureNames.size() ? featureNames.get(k) : labelName);
      }
    }
    return names;
  }
}
