package dev.chainrule.spark;

import dev.chainrule.nn.loss.TargetRefusedException;
import java.util.Arrays;
import java.util.Locale;

/**
 * A loss's refusal of a target met on an executor, naming the row of the training data as {@code
 * Trainer}'s does ({@code target 5.0 at row 3737 of the training data (epoch 1, batch 105 of 313;
 * position [14] of the batch)}): the loss named a position in the shard's part of a batch ({@code
 * at [4]}), which says nothing to the user. Rows are numbered as {@link NonFiniteData} numbers
 * them: from the shard's first row, in the data the shards were cut from. A position that is no
 * row of the part leaves the refusal as it was.
 */
final class RefusedTargets {
  private RefusedTargets() {}

  /**
   * A refusal in a synchronous step's part, whose place is given in the whole batch.
   *
   * @param rows the part's rows, as positions in the shard
   */
  static RuntimeException inStep(TargetRefusedException refused, Shard shard, int[] rows,
      StepInput input) {
    int[] at = refused.position();
    if (at.length == 0 || at[0] >= rows.length) {
      return refused;
    }
    int row = shard.firstRow() + rows[at[0]];
    int[] inBatch = at.clone();
    inBatch[0] = indexOf(input.batch(), row);
    return named(refused, row, String.format(Locale.ROOT, "epoch %d, batch %d of %d; position %s"
        + " of the batch", input.epoch() + 1, input.step() + 1, input.steps(),
        Arrays.toString(inBatch)));
  }

  /**
   * A refusal in a local batch of a replica's round of parameter averaging.
   *
   * @param rows the local batch's rows, as positions in the shard
   */
  static RuntimeException inRound(TargetRefusedException refused, Shard shard, int[] rows,
      RoundInput input) {
    int[] at = refused.position();
    if (at.length == 0 || at[0] >= rows.length) {
      return refused;
    }
    return named(refused, shard.firstRow() + rows[at[0]], String.format(Locale.ROOT,
        "epoch %d, round %d; position %s of the replica's local batch", input.epoch() + 1,
        input.round() + 1, Arrays.toString(at)));
  }

  private static IllegalArgumentException named(TargetRefusedException refused, int row,
      String place) {
    return new IllegalArgumentException(
        refused.messageAt("row " + row + " of the training data (" + place + ")"), refused);
  }

  private static int indexOf(int[] batch, int row) {
    for (int i = 0; i < batch.length; i++) {
      if (batch[i] == row) {
        return i;
      }
    }
    throw new IllegalStateException("spark: row " + row + " is not in the step's batch");
  }
}
