package dev.chainrule.nn.loss;

import dev.chainrule.core.Tensor;
import java.util.Arrays;

/**
 * The checks that a loss on probabilities (or their logs) was given them, not logits: logits
 * made a binary or categorical cross-entropy negative, or a negative log-likelihood negative,
 * without a word. Each names the loss, the first offender and the loss that takes logits; a NaN
 * passes, for a trainer to report as the run's loss.
 */
final class PredictionChecks {
  private PredictionChecks() {}

  /** Refuses a prediction outside [0, 1], suggesting {@code squash} and {@code onLogits}. */
  static void probabilities(String loss, Tensor p, String squash, String onLogits) {
    int bad = p.indexOutside(0, 1);
    if (bad >= 0 && !Double.isNaN(p.flatGet(bad))) {
      throw new IllegalArgumentException(loss + ": prediction " + p.flatGet(bad) + " at "
          + Arrays.toString(p.shape().unravel(bad)) + " is not a probability in [0, 1] (apply a "
          + squash + ", or give logits to " + onLogits + ")");
    }
  }

  /**
   * Refuses a row of probabilities (along the last axis) that is no distribution, its sum off 1
   * by more than {@link Losses#ROW_SUM_TOLERANCE}: sigmoid outputs (or any values in [0, 1])
   * made a categorical cross-entropy that reached 0 with every output at 1, having learnt
   * nothing. A NaN sum passes, for a trainer to report as the run's loss.
   */
  static void distributions(String loss, Tensor p) {
    Tensor sums = p.sum(-1, false);
    int row = sums.indexOutside(1 - Losses.ROW_SUM_TOLERANCE, 1 + Losses.ROW_SUM_TOLERANCE);
    if (row >= 0 && !Double.isNaN(sums.flatGet(row))) {
      throw new IllegalArgumentException(loss + ": prediction row "
          + Arrays.toString(sums.shape().unravel(row)) + " sums to " + sums.flatGet(row)
          + ", not 1 (within " + Losses.ROW_SUM_TOLERANCE + "): the loss scores distributions"
          + " over the classes (apply a softmax, or give logits to softmaxCrossEntropy; rows of"
          + " independent probabilities take binaryCrossEntropy)");
    }
  }

  /**
   * Refuses a log-probability above {@link Losses#LARGEST_LOG_PROBABILITY}.
   */
  static void logProbabilities(String loss, Tensor logP) {
    int above = logP.indexOutside(Double.NEGATIVE_INFINITY, Losses.LARGEST_LOG_PROBABILITY);
    if (above >= 0 && !Double.isNaN(logP.flatGet(above))) {
      throw new IllegalArgumentException(loss + ": log-probability " + logP.flatGet(above)
          + " at " + Arrays.toString(logP.shape().unravel(above)) + " is above 0, the log of no"
          + " probability (apply logSoftmax, or give logits to softmaxCrossEntropy)");
    }
  }
}
