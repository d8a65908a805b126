package dev.chainrule.spark;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * {@code treeAggregate} in an order of summation fixed by the partitions' numbers, so that a run
 * is reproducible bit for bit on any number of shards.
 *
 * <p>Spark's {@code treeAggregate} merges results in the order its tasks finish: the last level
 * folds them on the driver as they arrive, the levels before that in the order the shuffle
 * fetches them. Floating-point addition is commutative but not associative, so on three or more
 * partitions two runs of one seed end a few ulps apart, even under {@code local[1]}, whose
 * results still reach the driver through a pool of threads. Here every partition folds its rows
 * in their order, as {@code treeAggregate} does, and each level sorts what it merges by partition
 * number before folding it: groups of {@code scale} consecutive partitions, the same {@code
 * scale} and the same test for whether another level pays as Spark's (so {@code depth} keeps its
 * meaning), and the last level on the driver after {@code collect}. Which task finishes first no
 * longer matters; a retried task computes the same value from the same rows.
 */
final class FixedOrderAggregate {
  private FixedOrderAggregate() {}

  /**
   * One step of a fold: Spark's {@code Function2} without its checked exception, as the steps
   * here throw none and the last level runs on the driver.
   *
   * @param <S> the partial value
   * @param <V> what is folded into it: a row, or another partial value
   */
  @FunctionalInterface
  interface Fold<S, V> extends Serializable {
    S apply(S sum, V next);
  }

  /**
   * The rows of {@code rdd} aggregated as {@code treeAggregate(zero, add, merge, depth)}
   * would, summed in a fixed order.
   *
   * @param zero the identity of {@code merge}, and each partition's starting value
   * @param add adds one row to a partial value
   * @param merge merges two partial values, the lower-numbered partitions' on the left
   * @param depth at least 1: the levels of merging, the driver's included
   * @return {@code zero} for an RDD of no partition
   */
  static <T, U extends Serializable> U of(JavaRDD<T> rdd, U zero, Fold<U, T> add,
      Fold<U, U> merge, int depth) {
    checkArgument(depth > 0, "spark: tree depth must be positive, got %s", depth);
    int count = rdd.getNumPartitions();
    if (count == 0) {
      return zero;
    }
    JavaPairRDD<Integer, U> level = rdd.mapPartitionsWithIndex((index, rows) -> {
      U part = zero;
      while (rows.hasNext()) {
        part = add.apply(part, rows.next());
      }
      return List.of(new Tuple2<>(index, part)).iterator();
    }, true).mapToPair(indexed -> indexed);
    int scale = Math.max((int) Math.ceil(Math.pow(count, 1.0 / depth)), 2);
    while (count > scale + RoundInput.ceilDiv(count, scale)) {
      count = RoundInput.ceilDiv(count, scale);
      level = level.mapToPair(part -> new Tuple2<>(part._1() / scale, part))
          .groupByKey(new HashPartitioner(count))
          .mapValues(parts -> inOrder(parts.iterator(), merge));
    }
    return inOrder(level.collect().iterator(), merge);
  }

  /** The values folded with {@code merge} in the order of their keys. */
  private static <U> U inOrder(Iterator<Tuple2<Integer, U>> parts, Fold<U, U> merge) {
    List<Tuple2<Integer, U>> sorted = new ArrayList<>();
    parts.forEachRemaining(sorted::add);
    sorted.sort(Comparator.comparing(Tuple2::_1));
    U sum = sorted.get(0)._2();
    for (int i = 1; i < sorted.size(); i++) {
      sum = merge.apply(sum, sorted.get(i)._2());
    }
    return sum;
  }
}
