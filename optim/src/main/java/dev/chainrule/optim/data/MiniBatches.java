package dev.chainrule.optim.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A dataset cut into mini-batches, epoch after epoch. Each epoch visits the samples in an order
 * that is a function of the seed and the epoch number alone: the same seed replays the same
 * sequence of batches, and every epoch is shuffled afresh (and differently) without any state
 * carried between epochs, so a run resumed at epoch 7 sees what an uninterrupted run saw.
 *
 * <p>Batches hold {@code batchSize} samples, except that the last one of an epoch holds the
 * remainder when N is not a multiple of the batch size; with {@link #dropLast(boolean)} that
 * incomplete batch is left out (its samples come up again in other epochs, in other places). A
 * batch size of at least N gives a single batch of all N samples, also when dropping the last:
 * that batch is as full as the data allows, and an epoch with no batches at all would silently
 * train on nothing. A batch size of 1 is plain stochastic gradient descent.
 *
 * <p>Immutable; {@code epoch(e)} may be called any number of times, from any thread.
 */
public final class MiniBatches {
  private final Dataset data;
  private final int batchSize;
  private final boolean shuffle;
  private final long seed;
  private final boolean dropLast;

  private MiniBatches(Dataset data, int batchSize, boolean shuffle, long seed, boolean dropLast) {
    this.data = data;
    this.batchSize = batchSize;
    this.shuffle = shuffle;
    this.seed = seed;
    this.dropLast = dropLast;
  }

  /**
   * Batches in a shuffled order determined by {@code seed} and the epoch; the last is kept.
   *
   * @param data the samples to cut into batches
   * @param batchSize samples per batch, positive
   * @param seed the seed of the random choices
   * @return the batches
   */
  public static MiniBatches shuffled(Dataset data, int batchSize, long seed) {
    return new MiniBatches(checkData(data), checkBatchSize(batchSize), true, seed, false);
  }

  /**
   * Batches in the dataset's own order, the same every epoch (for evaluation); the last is kept.
   *
   * @param data the samples to cut into batches
   * @param batchSize samples per batch, positive
   * @return the batches
   */
  public static MiniBatches inOrder(Dataset data, int batchSize) {
    return new MiniBatches(checkData(data), checkBatchSize(batchSize), false, 0L, false);
  }

  /**
   * These batches, leaving out (or keeping) the incomplete last batch of each epoch.
   *
   * @param drop whether to skip a last batch smaller than the rest (a batch size above the
   *     data's size is that size: one batch of every row, kept, where PyTorch's loader would give
   *     none and an epoch would train nothing)
   * @return a copy with this choice
   */
  public MiniBatches dropLast(boolean drop) {
    return new MiniBatches(data, batchSize, shuffle, seed, drop);
  }

  /**
   * The dataset the batches are cut from.
   *
   * @return the samples
   */
  public Dataset dataset() {
    return data;
  }

  /**
   * The requested batch size; batches are never larger than N.
   *
   * @return samples per batch
   */
  public int batchSize() {
    return batchSize;
  }

  /**
   * Whether each epoch visits the samples in a shuffled order (false: the dataset's order).
   *
   * @return whether each epoch has its own random order
   */
  public boolean shuffles() {
    return shuffle;
  }

  /**
   * Whether the incomplete last batch of an epoch is left out.
   *
   * @return whether a last smaller batch is skipped
   */
  public boolean dropsLast() {
    return dropLast;
  }

  /**
   * Batches per epoch: {@code ⌈N / B⌉}, or {@code ⌊N / B⌋} when dropping the last (B ≤ N).
   *
   * @return batches per epoch
   */
  public int batchCount() {
    int n = data.size();
    if (n == 0) {
      return 0;
    }
    int size = effectiveBatchSize();
    return dropLast ? n / size : (n + size - 1) / size;
  }

  /**
   * The order in which epoch {@code epoch} visits the samples: a permutation of {@code 0..N−1}.
   *
   * @param epoch the 0-based epoch, which seeds its order
   * @return the epoch's order of sample indices
   */
  public int[] order(int epoch) {
    checkArgument(epoch >= 0, "MiniBatches: epoch must not be negative, got %s", epoch);
    int n = data.size();
    if (!shuffle) {
      int[] order = new int[n];
      Arrays.setAll(order, i -> i);
      return order;
    }
    return shuffledOrder(n, seed, epoch);
  }

  /**
   * The order in which epoch {@code epoch} of {@link #shuffled} batches over {@code size} samples
   * with {@code seed} visits them, without the data: a loop that holds the samples elsewhere (on a
   * cluster, say) draws the same batches as one machine.
   *
   * @param size N, the number of samples
   * @param seed the seed of the batch order
   * @param epoch from 0
   * @return a permutation of {@code 0..N−1}
   */
  public static int[] shuffledOrder(int size, long seed, int epoch) {
    checkArgument(size >= 0, "MiniBatches: size must not be negative, got %s", size);
    checkArgument(epoch >= 0, "MiniBatches: epoch must not be negative, got %s", epoch);
    return Permutations.shuffled(size, Permutations.forEpoch(seed, epoch));
  }

  /**
   * A seed whose batch orders are unrelated to {@code seed}'s and to every other stream's, at
   * every epoch: for a loop that needs several independent sequences of orders from one seed (a
   * trainer's successive calls, a cluster's shards). Adding a multiple of a constant to the seed
   * instead can make one sequence the other shifted by some epochs.
   *
   * @param seed the seed the streams derive from
   * @param stream which stream; distinct streams give distinct seeds
   * @return the stream's seed, for {@link #shuffled} or {@link #shuffledOrder}
   */
  public static long streamSeed(long seed, long stream) {
    return Permutations.streamSeed(seed, stream);
  }

  /**
   * The batches of one epoch, each made when the iteration reaches it.
   *
   * @param epoch the 0-based epoch, which seeds its order
   * @return the epoch's batches, in order
   */
  public Iterable<Dataset> epoch(int epoch) {
    int[] order = order(epoch);
    int size = effectiveBatchSize();
    int count = batchCount();
    return () -> new Iterator<>() {
      private int next = 0;

      @Override
      public boolean hasNext() {
        return next < count;
      }

      @Override
      public Dataset next() {
        if (!hasNext()) {
          throw new NoSuchElementException(
              "MiniBatches: no batch left in this epoch (it has " + count + ")");
        }
        int from = next++ * size;
        return data.subset(Arrays.copyOfRange(order, from, Math.min(from + size, order.length)));
      }
    };
  }

  /**
   * The data set's row at a position of one of an epoch's batches: what a message about a
   * sample of the batch names, since its position in a shuffled batch says nothing to the user.
   * Draws the epoch's order again, a pass over N: for a failure, not for every batch.
   *
   * @param epoch the 0-based epoch
   * @param batch the batch within the epoch, from 0
   * @param position the sample's position in the batch, from 0
   * @return the sample's row in {@link #dataset()}
   * @throws IllegalArgumentException naming the batch or the position when the epoch has no
   *     such batch or the batch no such position
   */
  public int row(int epoch, int batch, int position) {
    int rows = rowsIn(batch);
    checkArgument(position >= 0 && position < rows,
        "MiniBatches: no position %s in batch %s of %s rows", position, batch, rows);
    return order(epoch)[batch * effectiveBatchSize() + position];
  }

  /**
   * The rows of one of an epoch's batches: the batch size, or the remainder for a last batch.
   *
   * @param batch the batch within an epoch, from 0
   * @return its rows
   * @throws IllegalArgumentException naming the batch when an epoch has no such batch
   */
  public int rowsIn(int batch) {
    int count = batchCount();
    checkArgument(batch >= 0 && batch < count, "MiniBatches: no batch %s in an epoch of %s",
        batch, count);
    int size = effectiveBatchSize();
    return Math.min(size, data.size() - batch * size);
  }

  @Override
  public String toString() {
    return "MiniBatches[" + data.size() + " samples, batch size " + batchSize
        + (shuffle ? ", shuffled with seed " + seed : ", in order")
        + (dropLast ? ", dropping the last" : "") + "]";
  }

  private int effectiveBatchSize() {
    return Math.min(batchSize, Math.max(1, data.size()));
  }

  private static Dataset checkData(Dataset data) {
    return checkNotNull(data, "MiniBatches: dataset is null");
  }

  private static int checkBatchSize(int batchSize) {
    checkArgument(batchSize > 0, "MiniBatches: batch size must be positive, got %s", batchSize);
    return batchSize;
  }
}
