package dev.chainrule.spark;

import dev.chainrule.core.Tensor;
import dev.chainrule.optim.data.Dataset;
import java.io.Serializable;
import java.util.Comparator;
import java.util.Locale;
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
  /** A shard's first such row, by its number in the whole training set. */
  private record Found(int row, String what) implements Serializable {}

  private NonFiniteData() {}

  /**
   * Where the shards' rows first hold a value that is not finite, in {@code Trainer}'s words
   * ({@code row 77 of the training data holds NaN (feature 2)}), or empty.
   */
  static Optional<String> in(JavaRDD<Shard> shards) {
    return shards.map(NonFiniteData::first).filter(Objects::nonNull).collect().stream()
        .min(Comparator.comparingInt(Found::row)).map(Found::what);
  }

  private static Found first(Shard shard) {
    Dataset data = shard.dataset();
    // Bytes are always finite: not converted to be searched.
    Tensor x = data.unsignedBytes().isPresent() ? null : data.features();
    int at = x == null ? -1 : x.indexOutside(-Double.MAX_VALUE, Double.MAX_VALUE);
    if (at >= 0) {
      int perRow = data.featureCount();
      int row = shard.firstRow() + at / perRow;
      return new Found(row, String.format(Locale.ROOT, "row %d of the training data holds %s"
          + " (feature %d)", row, x.flatGet(at), at % perRow));
    }
    Tensor y = data.labels();
    int label = y.indexOutside(-Double.MAX_VALUE, Double.MAX_VALUE);
    if (label >= 0) {
      int perRow = y.size() / y.shape().dim(0);  // a label [N] or a row of targets [N, K]
      int row = shard.firstRow() + label / perRow;
      return new Found(row, String.format(Locale.ROOT, "row %d of the training data has the"
          + " target %s", row, y.flatGet(label)));
    }
    return null;
  }
}
