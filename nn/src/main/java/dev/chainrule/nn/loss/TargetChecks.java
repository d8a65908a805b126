package dev.chainrule.nn.loss;

import dev.chainrule.core.Tensor;
import java.util.Arrays;

/**
 * The checks that class targets are classes, or rows that are distributions over them, before a
 * categorical loss scores them (see {@link Losses}); each names the loss and the first offender.
 */
final class TargetChecks {
  private TargetChecks() {}

  /** Refuses a class index that is not a whole number in [0, count): one pass, first offender. */
  static void classIndices(String loss, Tensor classes, int count) {
    for (int i = 0; i < classes.size(); i++) {
      double c = classes.flatGet(i);
      if (!(c >= 0 && c < count && c == Math.rint(c))) {
        throw new IllegalArgumentException(loss + ": target " + c + " at "
            + Arrays.toString(classes.shape().unravel(i)) + " is not a class index for " + count
            + " classes (whole numbers 0 to " + (count - 1) + ")");
      }
    }
  }

  /**
   * Refuses rows (the last axis) that are not distributions: an entry outside [0, 1] or NaN,
   * which makes −Σ y·log p unbounded below or NaN, or a sum off 1 by more than {@link
   * Losses#ROW_SUM_TOLERANCE}. One pass, stopping at the first offender, nothing allocated: the
   * training step runs it on every batch.
   */
  static void distributions(String loss, Tensor rows) {
    int classes = rows.rank() == 0 ? 1 : rows.shape().dim(-1);
    String why = ": target rows are one-hot or soft probabilities";
    for (int start = 0; classes > 0 && start < rows.size(); start += classes) {
      double sum = 0;
      for (int i = start; i < start + classes; i++) {
        double y = rows.flatGet(i);
        if (!(y >= 0 && y <= 1)) {
          throw new IllegalArgumentException(loss + ": target " + y + " at "
              + Arrays.toString(rows.shape().unravel(i)) + " is not a class probability in"
              + " [0, 1]" + why);
        }
        sum += y;
      }
      if (!(Math.abs(sum - 1) <= Losses.ROW_SUM_TOLERANCE)) {
        int[] at = rows.shape().unravel(start);
        throw new IllegalArgumentException(loss + ": target row "
            + Arrays.toString(Arrays.copyOf(at, Math.max(0, at.length - 1))) + " sums to " + sum
            + ", not 1" + why + " (within " + Losses.ROW_SUM_TOLERANCE + ")");
      }
    }
  }
}
