package dev.chainrule.nn.loss;

import dev.chainrule.core.Tensor;
import java.util.Arrays;

/**
 * The checks that class targets are classes, or rows that are distributions over them, before a
 * categorical loss scores them, and that a binary loss's targets are probabilities (see {@link
 * Losses}); each names the loss and the first offender, in a {@link TargetRefusedException} that
 * gives its position for a training loop to name the data set's row.
 */
final class TargetChecks {
  private TargetChecks() {}

  /** Refuses a class index that is not a whole number in [0, count): one pass, first offender. */
  static void classIndices(String loss, Tensor classes, int count) {
    int bad = classes.indexNotClass(count);
    if (bad >= 0) {
      throw TargetRefusedException.at(loss + ": target " + classes.flatGet(bad) + " at ",
          classes.shape().unravel(bad), " is not a class index for " + count
              + " classes (whole numbers 0 to " + (count - 1) + ")");
    }
  }

  /**
   * Refuses rows (the last axis) that are not distributions: an entry outside [0, 1] or NaN,
   * which makes −Σ y·log p unbounded below or NaN, or a sum off 1 by more than {@link
   * Losses#ROW_SUM_TOLERANCE}. Each check stops at its first offender: the training step runs them
   * on every batch.
   */
  static void distributions(String loss, Tensor rows) {
    String why = ": target rows are one-hot or soft probabilities";
    int bad = rows.indexOutside(0, 1);
    if (bad >= 0) {
      throw TargetRefusedException.at(loss + ": target " + rows.flatGet(bad) + " at ",
          rows.shape().unravel(bad), " is not a class probability in [0, 1]" + why);
    }
    if (rows.rank() == 0 || rows.size() == 0) {
      return;
    }
    Tensor sums = rows.sum(-1, false);
    int row = sums.indexOutside(1 - Losses.ROW_SUM_TOLERANCE, 1 + Losses.ROW_SUM_TOLERANCE);
    if (row >= 0) {
      int[] at = sums.shape().unravel(row);
      throw new TargetRefusedException(loss + ": target ", "row " + Arrays.toString(at), at,
          " sums to " + sums.flatGet(row) + ", not 1" + why + " (within "
              + Losses.ROW_SUM_TOLERANCE + ")");
    }
  }

  /** Refuses a target outside [0, 1] (or NaN), naming it: one pass, stopping at the first. */
  static void probabilities(String loss, Tensor target) {
    int bad = target.indexOutside(0, 1);
    if (bad >= 0) {
      throw TargetRefusedException.at(loss + ": target " + target.flatGet(bad) + " at ",
          target.shape().unravel(bad), " is not a probability in [0, 1]");
    }
  }
}
