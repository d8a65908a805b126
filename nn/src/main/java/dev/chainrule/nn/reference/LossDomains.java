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
   * Refuses what the engine's {@code loss} refuses, in the engine's order, so that the first
   * refusal is the engine's: binary cross-entropy checks its predictions, then its targets;
   * categorical cross-entropy its targets, then its predictions (each in [0, 1], then rows
   * summing to 1); negative log-likelihood its targets, then its log-probabilities; the losses on
   * logits their targets only; the squared errors nothing. The targets are in the output's shape
   * (class indices already one-hot rows, checked by {@link #requireClassIndices} first, as the
   * engine does).
   */
  static void require(Loss.BuiltIn loss, Tensor output, Tensor y) {
    switch (loss.kind()) {
      case BINARY_CROSS_ENTROPY -> {
        requireProbabilities(loss, output, "sigmoid", "binaryCrossEntropyWithLogits");
        requireBinaryTargets(loss, y);
      }
      case BINARY_CROSS_ENTROPY_WITH_LOGITS -> requireBinaryTargets(loss, y);
      case CATEGORICAL_CROSS_ENTROPY -> {
        requireClassTargets(loss, y);
        requireProbabilities(loss, output, "softmax", "softmaxCrossEntropy");
        requireDistributions(loss, output);
      }
      case SOFTMAX_CROSS_ENTROPY -> requireClassTargets(loss, y);
      case NEGATIVE_LOG_LIKELIHOOD -> {
        requireClassTargets(loss, y);
        requireLogProbabilities(loss, output);
      }
      case SUM_OF_SQUARES, MEAN_SQUARED_ERROR, HALF_MEAN_SQUARED_ERROR -> { }
    }
  }

  /** Refuses a binary target outside [0, 1] or NaN, the first in row-major order. */
  private static void requireBinaryTargets(Loss.BuiltIn loss, Tensor y) {
    int bad = y.indexOutside(0, 1);
    if (bad >= 0) {
      throw new IllegalArgumentException("delta rule: target " + y.flatGet(bad) + " at "
          + at(y, bad) + " is not a probability in [0, 1], which " + loss
          + " refuses in the engine");
    }
  }

  /**
   * Refuses class rows that are not distributions: an entry outside [0, 1] or NaN, then a row
   * whose sum is off 1 by more than {@link Losses#ROW_SUM_TOLERANCE}.
   */
  private static void requireClassTargets(Loss.BuiltIn loss, Tensor y) {
    int bad = y.indexOutside(0, 1);
    if (bad >= 0) {
      throw new IllegalArgumentException("delta rule: target " + y.flatGet(bad) + " at "
          + at(y, bad) + " is not a class probability in [0, 1], which " + loss
          + " refuses in the engine: target rows are one-hot or soft probabilities");
    }
    if (y.size() == 0) {
      return;
    }
    // No NaN gets here (the entries' check refuses it), so unlike the outputs' no sum passes.
    Tensor sums = y.sum(-1, false);
    int row = sums.indexOutside(1 - Losses.ROW_SUM_TOLERANCE, 1 + Losses.ROW_SUM_TOLERANCE);
    if (row >= 0) {
      throw new IllegalArgumentException("delta rule: target row [" + row + "] sums to "
          + sums.flatGet(row) + ", not 1 (within " + Losses.ROW_SUM_TOLERANCE + "), which "
          + loss + " refuses in the engine: target rows are one-hot or soft probabilities");
    }
  }

  /**
   * Refuses a prediction outside [0, 1], in the engine's words. As in the engine, only the first
   * element outside [0, 1] or NaN is looked at, and a NaN there passes (for a trainer to report
   * as the run's loss): the engine lets a prediction after a NaN through unchecked, and so does
   * the reference, which would otherwise refuse what the engine computes.
   */
  private static void requireProbabilities(Loss.BuiltIn loss, Tensor output, String squash,
      String onLogits) {
    int bad = output.indexOutside(0, 1);
    if (bad >= 0 && !Double.isNaN(output.flatGet(bad))) {
      throw new IllegalArgumentException("delta rule: prediction " + output.flatGet(bad)
          + " at " + at(output, bad) + " is not a probability in [0, 1] (apply a " + squash
          + ", or give logits to " + onLogits + "), which " + loss + " refuses in the engine,"
          + " and the reference would answer for a loss the engine does not compute");
    }
  }

  /**
   * Refuses categorical cross-entropy's prediction rows that are not distributions, a sum off 1
   * by more than {@link Losses#ROW_SUM_TOLERANCE}; as in the engine, only the first row outside
   * the tolerance or NaN is looked at, and a NaN sum passes.
   */
  private static void requireDistributions(Loss.BuiltIn loss, Tensor output) {
    Tensor sums = output.sum(-1, false);
    int row = sums.indexOutside(1 - Losses.ROW_SUM_TOLERANCE, 1 + Losses.ROW_SUM_TOLERANCE);
    if (row >= 0 && !Double.isNaN(sums.flatGet(row))) {
      throw new IllegalArgumentException("delta rule: prediction row [" + row + "] sums to "
          + sums.flatGet(row) + ", not 1 (within " + Losses.ROW_SUM_TOLERANCE + "), where "
          + loss + " scores distributions over the classes: the engine refuses it (apply a"
          + " softmax, or give logits to softmaxCrossEntropy), and the reference would answer"
          + " for a loss the engine does not compute");
    }
  }

  /**
   * Refuses negative log-likelihood's log-probabilities above {@link
   * Losses#LARGEST_LOG_PROBABILITY}; as in the engine, only the first such element or NaN is
   * looked at, and a NaN passes.
   */
  private static void requireLogProbabilities(Loss.BuiltIn loss, Tensor output) {
    int above = output.indexOutside(Double.NEGATIVE_INFINITY, Losses.LARGEST_LOG_PROBABILITY);
    if (above >= 0 && !Double.isNaN(output.flatGet(above))) {
      throw new IllegalArgumentException("delta rule: log-probability " + output.flatGet(above)
          + " at " + at(output, above) + " is above 0, the log of no probability, which " + loss
          + " refuses in the engine (apply logSoftmax, or give logits to softmaxCrossEntropy),"
          + " and the reference would answer for a loss the engine does not compute");
    }
  }

  private static String at(Tensor t, int flat) {
    return Arrays.toString(t.shape().unravel(flat));
  }
}
