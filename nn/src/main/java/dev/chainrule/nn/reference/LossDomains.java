package dev.chainrule.nn.reference;

import dev.chainrule.core.Tensor;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.nn.loss.Losses;
import java.util.Arrays;

/**
 * The outputs and targets the engine's built-in losses refuse, refused by the reference too: its
 * formulas gave a loss and gradients for them (a sigmoid's rows under categorical cross-entropy,
 * an identity's positive outputs under negative log-likelihood, a target row summing to 1.5)
 * where the engine throws, so the reference vouched for losses the engine does not compute. The
 * conditions and tolerances are the engine's ({@code PredictionChecks}, {@code TargetChecks} in
 * the loss package); they depend on the values, not on the model, so {@link DeltaRule#supports},
 * which sees only the model, cannot answer them: a two-unit sigmoid's outputs can sum to 1 and an
 * identity's can all be log-probabilities, and there the engine and the reference agree.
 */
final class LossDomains {
  /**
   * The largest log-probability negative log-likelihood takes, the engine's: room for the log,
   * computed elsewhere, of a probability rounded just above 1.
   */
  private static final double LARGEST_LOG_PROBABILITY = 1e-6;

  private LossDomains() {}

  /**
   * Refuses class indices that are not whole numbers in [0, classes), before they become one-hot
   * rows (where oneHot named neither the loss nor the reference).
   */
  static void requireClassIndices(Loss.BuiltIn loss, Tensor indices, int classes) {
    int bad = indices.indexNotClass(classes);
    if (bad >= 0) {
      throw new IllegalArgumentException("delta rule: target " + indices.flatGet(bad) + " at "
          + at(indices, bad) + " is not a class index for " + classes + " classes (whole numbers"
          + " 0 to " + (classes - 1) + "), which " + loss + " refuses in the engine");
    }
  }

  /**
   * Refuses the targets the engine's {@code loss} refuses, in the output's shape (class indices
   * already one-hot rows): binary targets outside [0, 1], and class rows that are not
   * distributions (an entry outside [0, 1], or a sum off 1 by more than {@link
   * Losses#ROW_SUM_TOLERANCE}).
   */
  static void requireTargets(Loss.BuiltIn loss, Tensor y) {
    if (loss.kind() == Loss.Kind.BINARY_CROSS_ENTROPY
        || loss.kind() == Loss.Kind.BINARY_CROSS_ENTROPY_WITH_LOGITS) {
      int bad = y.indexOutside(0, 1);
      if (bad >= 0) {
        throw new IllegalArgumentException("delta rule: target " + y.flatGet(bad) + " at "
            + at(y, bad) + " is not a probability in [0, 1], which " + loss
            + " refuses in the engine");
      }
      return;
    }
    if (!loss.isClassification() || y.size() == 0) {
      return;
    }
    int bad = y.indexOutside(0, 1);
    if (bad >= 0) {
      throw new IllegalArgumentException("delta rule: target " + y.flatGet(bad) + " at "
          + at(y, bad) + " is not a class probability in [0, 1], which " + loss
          + " refuses in the engine: target rows are one-hot or soft probabilities");
    }
    int row = rowOffOne(y);
    if (row >= 0) {
      throw new IllegalArgumentException("delta rule: target row [" + row + "] sums to "
          + y.sum(-1, false).flatGet(row) + ", not 1 (within " + Losses.ROW_SUM_TOLERANCE
          + "), which " + loss + " refuses in the engine: target rows are one-hot or soft"
          + " probabilities");
    }
  }

  /**
   * Refuses the outputs the engine's {@code loss} refuses that the reference's own checks let
   * through: categorical cross-entropy's rows that are not distributions (a sum off 1 by more
   * than {@link Losses#ROW_SUM_TOLERANCE}), negative log-likelihood's log-probabilities above 0.
   * A NaN passes, as in the engine.
   */
  static void requirePredictions(Loss.BuiltIn loss, Tensor output) {
    if (loss.kind() == Loss.Kind.CATEGORICAL_CROSS_ENTROPY) {
      int row = rowOffOne(output);
      if (row >= 0) {
        throw new IllegalArgumentException("delta rule: prediction row [" + row + "] sums to "
            + output.sum(-1, false).flatGet(row) + ", not 1 (within "
            + Losses.ROW_SUM_TOLERANCE + "), where " + loss + " scores distributions over the"
            + " classes: the engine refuses it (apply a softmax, or give logits to"
            + " softmaxCrossEntropy), and the reference would answer for a loss the engine does"
            + " not compute");
      }
    } else if (loss.kind() == Loss.Kind.NEGATIVE_LOG_LIKELIHOOD) {
      int above = output.indexOutside(Double.NEGATIVE_INFINITY, LARGEST_LOG_PROBABILITY);
      if (above >= 0 && !Double.isNaN(output.flatGet(above))) {
        throw new IllegalArgumentException("delta rule: log-probability "
            + output.flatGet(above) + " at " + at(output, above) + " is above 0, the log of no"
            + " probability, which " + loss + " refuses in the engine (apply logSoftmax, or"
            + " give logits to softmaxCrossEntropy), and the reference would answer for a loss"
            + " the engine does not compute");
      }
    }
  }

  /**
   * The first row (along the last axis) whose sum is off 1 by more than the tolerance, or −1; a
   * NaN sum passes, as in the engine.
   */
  private static int rowOffOne(Tensor rows) {
    Tensor sums = rows.sum(-1, false);
    int row = sums.indexOutside(1 - Losses.ROW_SUM_TOLERANCE, 1 + Losses.ROW_SUM_TOLERANCE);
    return row >= 0 && !Double.isNaN(sums.flatGet(row)) ? row : -1;
  }

  private static String at(Tensor t, int flat) {
    return Arrays.toString(t.shape().unravel(flat));
  }
}
