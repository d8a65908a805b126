package dev.chainrule.optim.metrics;

import dev.chainrule.core.Tensor;
import java.util.Arrays;
import java.util.Locale;

/**
 * The checks {@link Metrics} and {@link ConfusionMatrix} make of class indices, rows of targets
 * and rows of scores before they count anything: each refusal names the metric, the offending
 * value and where it is, and each check is one pass that builds its message only on failure.
 */
final class ClassChecks {
  private ClassChecks() {}

  /**
   * Refuses rows [N, K] holding NaN, naming the first. Argmax takes a NaN for the largest score,
   * and a row of NaN for class 0: a diverged model's outputs scored as answers (an accuracy of
   * 1.0 from rows of NaN). One pass that stops at the first NaN; infinities are scores.
   */
  static void requireNoNaN(String metric, String role, Tensor rows) {
    int at = rows.indexOutside(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    if (at >= 0) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: %s %s hold NaN in row"
          + " %d (column %d): a score that is not a number names no class, where argmax would"
          + " take it for the largest; a model whose outputs hold NaN has diverged or was given"
          + " NaN", metric, role, rows.shape(), at / rows.dim(1), at % rows.dim(1)));
    }
  }

  /**
   * {@code targets}, when each of its rows names one class (or it is not rows at all); else the
   * refusal, naming the first row that does not and why: a row of zeros (padding, a masked
   * sample), a multi-hot row or one holding NaN was taken as class 0 (or the NaN's place), a
   * truth that scored the predictions without a word (the categorical losses refuse such rows).
   * Predictions are not checked: tied scores are an answer, the first class, as PyTorch's argmax.
   */
  static Tensor requireOneClassPerRow(String metric, Tensor targets) {
    if (targets == null || targets.rank() != 2 || targets.dim(0) == 0 || targets.dim(1) <= 1) {
      return targets;  // rows() names what is wrong with these
    }
    Tensor bad = noClass(targets);
    int row = bad.argmax();
    if (bad.get(row) > 0) {
      double value = targets.max(1, false).get(row);
      int ties = (int) targets.slice(0, row, row + 1).eq(value).sum().item();
      String why = Double.isNaN(value) ? "it holds NaN"
          : value <= 0 ? String.format(Locale.ROOT, "its largest entry, %s, is not above 0", value)
          : String.format(Locale.ROOT, "its largest entry, %s, is in %d of its %d places", value,
              ties, targets.dim(1));
      throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: target row %d of %s"
          + " names no one class: %s; one-hot or soft target rows have a largest entry above 0,"
          + " and one only if it is 1 (leave out samples without a class, or give class indices"
          + " as a vector [N])", metric, row, targets.shape(), why));
    }
    return targets;
  }

  /**
   * 1 for each row [N, K] that names no one class, else 0. One-hot rows and soft ones (label
   * smoothing, a teacher's probabilities) have a largest entry above 0 and, if it is 1 or more,
   * only one; soft rows of tied probabilities (under 1) keep argmax's first, as the losses take
   * them.
   */
  static Tensor noClass(Tensor targets) {
    Tensor largest = targets.max(1, true);
    Tensor ties = targets.eq(largest).sum(1, false);  // 0 where the row holds NaN
    Tensor top = largest.reshape(targets.dim(0));
    return ties.eq(0).maximum(top.le(0)).maximum(ties.gt(1).mul(top.ge(1)));
  }

  /**
   * Refuses a vector that is not class indices, in one pass over it: probabilities there would be
   * compared with class indices as if they were some, and a wrong score would come out without a
   * word.
   *
   * @param role what the vector holds ("predictions", "targets", "true classes")
   * @param bound the number of classes, or {@link Integer#MAX_VALUE} when not known
   * @return {@code indices}
   */
  static Tensor checkIndices(String metric, String role, Tensor indices, int bound) {
    int bad = indices.indexNotClass(bound);
    double value = bad < 0 ? 0 : indices.flatGet(bad);
    if (bad >= 0 && bound != Integer.MAX_VALUE && value >= bound && value == Math.rint(value)
        && Double.isFinite(value)) {
      // An index, of a class the count leaves out: not scores to take the argmax of.
      throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: %s hold the class %s"
          + " at %s, but the count of classes is %d (classes 0 to %d): give the number of"
          + " classes the data has (at least %s), or leave out the rows of the classes beyond",
          metric, role, wholeNumber(value), Arrays.toString(indices.shape().unravel(bad)), bound,
          bound - 1, value < 0x1p53 ? String.valueOf((long) value + 1) : "one more"));
    }
    if (bad >= 0) {
      // Built only on failure: checkArgument would find the value and its position every batch.
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s: %s hold %s at %s, not a class"
          + " index (a whole number %s); %s as a vector are class indices: take the argmax of"
          + " scores (or threshold binary probabilities) first, or give the rows [N, K] to a"
          + " Metrics function (Metrics.confusion for the table)",
          metric, role, indices.flatGet(bad), Arrays.toString(indices.shape().unravel(bad)),
          bound == Integer.MAX_VALUE ? "≥ 0" : "from 0 to " + (bound - 1), role));
    }
    return indices;
  }

  /**
   * As {@link #checkIndices(String, String, Tensor, int)}, and each index below the number of
   * columns of the rows on the other side, when there are rows ({@code columns} [N, K], which
   * {@code rowsRole} names; else null): a class they have no column for can never match.
   */
  static void checkIndices(String metric, String role, Tensor indices, String rowsRole,
      Tensor columns) {
    int bound = columns == null ? Integer.MAX_VALUE : columns.dim(1);
    int bad = indices.indexNotClass(bound);
    if (bad < 0) {
      return;
    }
    double value = indices.flatGet(bad);
    if (Double.isFinite(value) && value == Math.rint(value) && value >= bound) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: %s hold the class %s at"
          + " %s, but the %s %s have columns for classes 0 to %d only: the two count different"
          + " classes", metric, role, wholeNumber(value),
          Arrays.toString(indices.shape().unravel(bad)), rowsRole, columns.shape(), bound - 1));
    }
    checkIndices(metric, role, indices, Integer.MAX_VALUE);  // not a class at all: its message
  }

  /** A whole number as written, without ".0" while a long holds it exactly. */
  private static String wholeNumber(double value) {
    return value < 0x1p53 ? String.valueOf((long) value) : String.valueOf(value);
  }
}
