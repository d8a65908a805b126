package dev.chainrule.spark;

import dev.chainrule.optim.data.NonFiniteRows;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;

/**
 * The first training row holding a NaN or an infinity, searched on the executors once a loss or
 * a parameter is no longer finite, so that the run names the data as {@code Trainer}'s does: a
 * row of NaN made the loss NaN some steps in, and the run was reported as diverging, which sent
 * the user to the learning rate. One job, run only then: a healthy run pays nothing.
 */
final class NonFiniteData {
  private NonFiniteData() {}

  /**
   * Where the shards' rows first hold a value that is not finite, in {@code Trainer}'s words
   * ({@code row 77 of the training data holds NaN (feature 2)}), or empty. Rows are numbered in
   * the data the shards were cut from: after {@link Shards#dealt}, the dealt order (the rows
   * carry no number of the file's).
   */
  static Optional<String> in(JavaRDD<Shard> shards) {
    return shards.map(NonFiniteData::first).filter(Objects::nonNull).collect().stream()
        .min(Comparator.comparingInt(NonFiniteRows.Row::row))
        .map(NonFiniteRows.Row::description);
  }

  /** The shard's first such row, or null (Spark's collect holds no Optional). */
  private static NonFiniteRows.Row first(Shard shard) {
    return NonFiniteRows.first(shard.dataset(), shard.firstRow()).orElse(null);
  }
}
