package dev.chainrule.spark;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.data.MiniBatches;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/** Cutting a training set into {@link Shard}s, and checking that shards tile their rows. */
public final class Shards {
  /** Mixed into the run's seed for the deal (any constant would do). */
  private static final long DEAL = 0x5DEECE66DL;

  private Shards() {}

  /**
   * The rows of {@code data} in {@code count} contiguous shards of sizes differing by at most one
   * (fewer when there are fewer rows than shards).
   *
   * @param data the rows
   * @param count how many shards
   * @return the shards in row order
   */
  public static List<Shard> split(Dataset data, int count) {
    checkNotNull(data, "Shards.split: data is null");
    checkArgument(count > 0, "Shards.split: shard count must be positive, got %s", count);
    List<Shard> result = new ArrayList<>();
    for (int[] range : ranges(data.size(), count)) {
      result.add(Shard.of(range[0], data.subset(IntStream.range(range[0], range[1]).toArray())));
    }
    return result;
  }

  /**
   * The shards {@link #parallelize} makes of {@code rows} rows when asked for {@code requested}:
   * no more than the rows (a shard of no row would idle a task each step), and at least one.
   *
   * @param rows the training rows
   * @param requested the shard count asked for, positive
   * @return the shard count
   */
  public static int count(int rows, int requested) {
    return Math.max(1, Math.min(requested, rows));
  }

  /**
   * The rows in a seeded random order, for shards that each train on their own rows (parameter
   * averaging): shards cut from a file in its order, sorted by class as files often are, would
   * give each replica one class and their average a worse model. Sync mode needs no such care:
   * its batches are drawn across every shard.
   *
   * @param data the training rows
   * @param seed the seed of the order (the run's, so a resumed run deals the same shards)
   * @return the same rows, shuffled
   */
  public static Dataset dealt(Dataset data, long seed) {
    checkNotNull(data, "Shards.dealt: data is null");
    // Not the batches' own seed: the deal and the first epoch's batch order stay independent.
    return data.subset(MiniBatches.shuffledOrder(data.size(), seed ^ DEAL, 0));
  }

  /** The first and end rows of {@link #split}'s shards of {@code n} rows, without cutting them. */
  private static List<int[]> ranges(int n, int count) {
    int shards = count(n, count);
    List<int[]> ranges = new ArrayList<>(shards);
    for (int s = 0; s < shards; s++) {
      ranges.add(new int[] {(int) ((long) n * s / shards), (int) ((long) n * (s + 1) / shards)});
    }
    return ranges;
  }

  /**
   * Data on the driver as an RDD of {@code count} shards, one per partition, kept in executors'
   * memory. The data travels once, as a broadcast, and each partition cuts its shard from it: the
   * tasks of every training step then carry no data, and a lost partition is cut again from the
   * broadcast. The broadcast data lives as long as the context.
   *
   * @param sc the Spark context
   * @param data the training rows, on the driver
   * @param count how many shards (and partitions)
   * @return the shards, persisted in memory; unpersist them when training is done
   */
  public static JavaRDD<Shard> parallelize(JavaSparkContext sc, Dataset data, int count) {
    checkNotNull(sc, "Shards.parallelize: Spark context is null");
    checkNotNull(data, "Shards.parallelize: data is null");
    checkArgument(count > 0, "Shards.parallelize: shard count must be positive, got %s", count);
    Broadcast<Shard> whole = sc.broadcast(Shard.of(0, data));
    List<int[]> ranges = ranges(data.size(), count);
    return sc.parallelize(ranges, ranges.size())
        .map(range -> Shard.of(range[0], whole.value().dataset()
            .subset(IntStream.range(range[0], range[1]).toArray())))
        .persist(StorageLevel.MEMORY_ONLY())
        .setName("chainrule shards");
  }

  /**
   * The total number of rows after checking that shards (given as first and end rows) tile rows
   * {@code 0..N−1} exactly once: no gap, no overlap.
   *
   * @throws IllegalArgumentException naming the first gap or overlap
   */
  static int requireTiling(List<int[]> ranges) {
    checkArgument(!ranges.isEmpty(), "shards: the training set has no shards");
    List<int[]> sorted = new ArrayList<>(ranges);
    sorted.sort(Comparator.comparingInt((int[] r) -> r[0]).thenComparingInt(r -> r[1]));
    int next = 0;
    for (int[] range : sorted) {
      if (range[1] == range[0]) {
        continue;
      }
      checkArgument(range[0] == next, range[0] > next
              ? "shards: no shard holds rows %s to %s; shards must number the rows 0..N-1 once"
              : "shards: rows %s to %s are in two shards; shards must number the rows 0..N-1 once",
          Math.min(next, range[0]), Math.max(next, range[0]) - 1);
      next = range[1];
    }
    checkArgument(next > 0, "shards: the training set has no rows");
    return next;
  }
}
