package dev.chainrule.spark;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.optim.model.ModelDescription;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;

/**
 * How the training rows lie across the shards, read by the run's first job and checked before
 * any training: the shards tile rows 0..N−1 once, hold no null and give each row the model's
 * inputs.
 *
 * @param rows N, the training rows
 * @param count the shards (partitions)
 * @param largest the rows of the largest shard
 */
record ShardLayout(int rows, int count, int largest) {

  /**
   * Collects each shard's first row, end row and feature count, and checks them ({@link
   * Shards#requireTiling}, {@link TrainingRefusals#requireShardInputs}).
   *
   * @throws IllegalArgumentException counting the null shards, or naming the first gap,
   *     overlap or feature count
   */
  static ShardLayout of(JavaRDD<Shard> shards, ModelDescription description) {
    List<int[]> ranges;
    try {
      // Static, so the task's function captures nothing: it must serialize on its own.
      ranges = shards.map(s -> s == null ? null
          : new int[] {s.firstRow(), s.endRow(), s.featureCount()}).collect();
    } catch (Exception e) {  // the first job: where the shards' own code fails
      TaskFailure.rethrowTask(e);
      throw e;
    }
    // Found on an executor, it was a NullPointerException of the lambda above.
    checkArgument(!ranges.contains(null), "spark: the shards' RDD holds null where a Shard"
        + " belongs (%s of its %s elements)", ranges.stream().filter(r -> r == null).count(),
        ranges.size());
    int rows = Shards.requireTiling(ranges);
    TrainingRefusals.requireShardInputs(description, ranges);
    int largest = ranges.stream().mapToInt(r -> r[1] - r[0]).max().orElse(0);
    return new ShardLayout(rows, ranges.size(), largest);
  }
}
