package dev.chainrule.spark;

import dev.chainrule.optim.data.MiniBatches;
import java.io.Serializable;
import java.util.Arrays;

/**
 * What the driver broadcasts for one round of parameter averaging: the averaged parameters and
 * optimizer state every replica starts from, and which of its local mini-batches each replica
 * trains on.
 *
 * <p>Each shard passes over its own rows once per epoch, in a shuffled order that depends only on
 * the seed, the shard's first row and the epoch, in batches of {@code batchSize}; round {@code r}
 * of an epoch takes local batches {@code r·K} to {@code r·K + K − 1}. A recomputed task therefore
 * trains on exactly the rows the failed one did.
 *
 * <p>{@code scoreChance} asks each replica for the loss at chance on its first batch ({@link
 * ChanceParts}): the run's first round, whose first batches give the divergence reference.
 *
 * @param parameters the averaged parameters every replica starts the round from
 * @param state the averaged optimizer state every replica starts the round from
 * @param epoch the epoch from 0, which with the seed fixes each shard's shuffled order
 * @param round the round within the epoch, which picks the local batches trained on
 * @param localSteps K, the local mini-batches (optimizer steps) each replica takes per round
 * @param batchSize the rows of each local mini-batch (the last of an epoch may have fewer)
 * @param seed the run's seed, from which each shard's shuffle stream is derived
 * @param scoreChance whether each replica reports the loss at chance on its first batch
 * @param frozen which parameters the driver's model has frozen, in parameter order, or null
 *     when none is ({@link Replica#frozen})
 */
record RoundInput(PackedTensors parameters, PackedState state, int epoch, int round,
    int localSteps, int batchSize, long seed, boolean scoreChance, boolean[] frozen)
    implements Serializable {

  /** A round whose replicas do not score the loss at chance, of a model with none frozen. */
  RoundInput(PackedTensors parameters, PackedState state, int epoch, int round, int localSteps,
      int batchSize, long seed) {
    this(parameters, state, epoch, round, localSteps, batchSize, seed, false, null);
  }

  /** The local batches of this round for {@code shard}, as positions in the shard; maybe none. */
  int[][] batchesOf(Shard shard) {
    int rows = shard.rows();
    // A stream per shard: the seed plus γ·(first row + 1), as it was, let shard 0 at epoch S
    // draw the order the shard starting at row S drew at epoch 0.
    int[] order = MiniBatches.shuffledOrder(rows, MiniBatches.streamSeed(seed, shard.firstRow()),
        epoch);
    int first = round * localSteps;
    int count = Math.max(0, Math.min(localSteps, batchesPerEpoch(rows, batchSize) - first));
    int[][] batches = new int[count][];
    for (int b = 0; b < count; b++) {
      int from = (first + b) * batchSize;
      batches[b] = Arrays.copyOfRange(order, from, Math.min(from + batchSize, rows));
    }
    return batches;
  }

  /** Local batches in an epoch of a shard of {@code rows} rows: the last may be smaller. */
  static int batchesPerEpoch(int rows, int batchSize) {
    return ceilDiv(rows, batchSize);
  }

  /**
   * ⌈count / size⌉ for a count ≥ 0 and a size > 0, without the overflow of (count + size − 1) /
   * size: a batch size near 2³¹ (full-batch training asked for by a huge number) made that
   * negative, and the run trained nothing.
   */
  static int ceilDiv(int count, int size) {
    return count == 0 ? 0 : (count - 1) / size + 1;
  }
}
