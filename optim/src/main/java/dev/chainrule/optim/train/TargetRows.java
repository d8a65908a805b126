package dev.chainrule.optim.train;

import dev.chainrule.nn.loss.TargetRefusedException;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.data.MiniBatches;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntUnaryOperator;

/**
 * A loss's refusal of a target ({@link TargetRefusedException}), naming the row of the data set
 * where the loss named a position in what it was given: {@code target 5.0 at [14]} was position 14
 * of a shuffled batch, and sent the user to row 14 of data whose bad label was row 3737. The row
 * is mapped through the rows the loss was given, not found by checking the data up front: only
 * the loss knows what it takes (class indices or rows, how many classes, an ignored index), and
 * it checks everything it scores already. Each result is an {@link IllegalArgumentException}, as
 * the refusal was, with the refusal as its cause.
 */
final class TargetRows {
  private TargetRows() {}

  /**
   * A refusal in a training batch, with the epoch and batch counted from 1 as a divergence's are.
   * A position that is no row of the batch (a loss of the model's own, on other targets) leaves
   * the refusal as it is.
   */
  static RuntimeException inBatch(TargetRefusedException refused, MiniBatches miniBatches,
      int epoch, int batch, int batches) {
    return named(refused, miniBatches.rowsIn(batch), at -> miniBatches.row(epoch, batch, at),
        String.format(Locale.ROOT, "training data (epoch %d, batch %d of %d; position %s of the"
            + " batch)", epoch + 1, batch + 1, batches, Arrays.toString(refused.position())));
  }

  /**
   * A refusal in the validation data scored after an epoch, which is scored whole, in order: a
   * position is a row. The targets were scored before the first step already ({@link
   * #validationBeforeTraining}), so only a loss that refuses by the outputs too meets one here.
   */
  static RuntimeException inValidation(TargetRefusedException refused, Dataset validation,
      int epoch) {
    return inValidation(refused, validation,
        String.format(Locale.ROOT, "scored after epoch %d", epoch + 1));
  }

  /** A refusal in the validation data scored with the untrained model, before the first step. */
  static RuntimeException validationBeforeTraining(TargetRefusedException refused,
      Dataset validation) {
    return inValidation(refused, validation, "scored before the first step");
  }

  private static RuntimeException inValidation(TargetRefusedException refused,
      Dataset validation, String when) {
    return named(refused, validation.size(), at -> at, "validation data (" + when + ")");
  }

  /**
   * A refusal in the training rows scored before the first step, for the divergence check's
   * reference: {@code count} rows spread evenly over the data, row i of them being its row
   * i·N/count (all of them, in order, when count is N).
   */
  static RuntimeException beforeTraining(TargetRefusedException refused, int trainRows,
      int count) {
    return named(refused, count, at -> (int) ((long) at * trainRows / count),
        "training data (found before the first step, scoring the model's starting loss)");
  }

  /**
   * The refusal naming {@code row} of its position's first index, the sample's place among the
   * {@code given} rows the loss was handed; as it is when the position is no such row (a scalar
   * target, or a loss of the model's own on other targets).
   */
  private static RuntimeException named(TargetRefusedException refused, int given,
      IntUnaryOperator row, String where) {
    int[] at = refused.position();
    if (at.length == 0 || at[0] >= given) {
      return refused;
    }
    return new IllegalArgumentException(
        refused.messageAt("row " + row.applyAsInt(at[0]) + " of the " + where), refused);
  }
}
