package dev.chainrule.optim.train;

import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.TracelessPass;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.data.Dataset;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The checks of what the untrained model gives, made before the first step, for mistakes that
 * otherwise train to nothing without a word: a softmax over a single output (always 1), and
 * probabilities handed to a loss that takes logits from a model whose last layer {@link
 * LossPairing} cannot see (a module of the user's own, an activation made by {@link
 * Activation#of}). One forward pass over a few training rows, a {@link TracelessPass} in
 * evaluation mode as the validation scores are, made only when one of the checks applies.
 */
final class OutputChecks {
  /** Rows looked at, spread over the training data: enough to tell, cheap to compute. */
  static final int ROWS = 32;
  /**
   * How far from 1 a row's sum may be and still be called a softmax's: float32 sums K values
   * each rounded by up to 2^-24 of itself, under 1e-4 for any K a classifier has; outputs not
   * made to sum to 1 come this close on every one of several rows by chance practically never.
   */
  static final double SUM_TOLERANCE = 1e-3;

  private OutputChecks() {}

  /**
   * Refuses a model that ends in a built-in softmax (or log-softmax) over an axis of size 1, for
   * any loss, and one whose outputs are probabilities (every row non-negative, summing to 1)
   * before {@code softmaxCrossEntropy}.
   *
   * @throws IllegalArgumentException naming the outputs' shape and the way out
   */
  static void require(Module model, Loss loss, Dataset train) {
    Activation.BuiltIn last = LossPairing.lastActivation(model);
    boolean squashes = last != null && (last.kind() == Activation.Kind.SOFTMAX
        || last.kind() == Activation.Kind.LOG_SOFTMAX);
    boolean logits = LossPairing.kind(loss) == Loss.Kind.SOFTMAX_CROSS_ENTROPY;
    if (!squashes && !logits) {
      return;
    }
    int rows = Math.min(train.size(), ROWS);
    Dataset spread = rows == train.size() ? train : train.subset(IntStream.range(0, rows)
        .map(i -> (int) ((long) i * train.size() / rows)).toArray());
    Tensor output = TracelessPass.run(model, () -> Evaluation.predict(model, spread));
    if (squashes) {
      requireSeveralValues(last, output);
    }
    if (logits && probabilities(output)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "trainer: the model's outputs %s are"
          + " probabilities (every row of the last axis is non-negative and sums to 1, within"
          + " %s), found before the first step, and softmaxCrossEntropy applies its own softmax"
          + " to the logits it takes, so it would see the softmax of probabilities: remove the"
          + " softmax at the end of the model's forward (%s)", output.shape(), SUM_TOLERANCE,
          LossPairing.probabilityLoss(loss)));
    }
  }

  private static void requireSeveralValues(Activation.BuiltIn last, Tensor output) {
    int axis = (int) last.parameter();
    int rank = output.rank();
    int at = axis < 0 ? axis + rank : axis;
    if (at < 0 || at >= rank || output.dim(at) != 1) {
      return;
    }
    boolean log = last.kind() == Activation.Kind.LOG_SOFTMAX;
    throw new IllegalArgumentException(String.format(Locale.ROOT,
        "trainer: the model ends in a %s over axis"
        + " %s of its outputs %s, which holds a single value, whose %s is always %s: every"
        + " prediction would be %s and no gradient would reach the model, found before the"
        + " first step; for one yes/no output end in a sigmoid (with binaryCrossEntropy), or"
        + " give the last layer one output per class", log ? "log-softmax" : "softmax", axis,
        output.shape(), log ? "log-softmax" : "softmax", log ? 0 : 1, log ? 0 : 1));
  }

  /**
   * Whether every row of the last axis (at least two rows of at least two values) is
   * non-negative and sums to 1 within {@link #SUM_TOLERANCE}.
   */
  private static boolean probabilities(Tensor output) {
    if (output.rank() < 1) {
      return false;
    }
    int width = output.dim(-1);
    if (width < 2 || output.size() / width < 2) {
      return false;
    }
    double[] values = output.toArray();
    for (int row = 0; row < values.length; row += width) {
      double sum = 0;
      for (int k = row; k < row + width; k++) {
        if (!(values[k] >= 0)) {
          return false;
        }
        sum += values[k];
      }
      if (!(Math.abs(sum - 1) <= SUM_TOLERANCE)) {
        return false;
      }
    }
    return true;
  }
}
