package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The order of summation is the partitions' numbers', whatever order the tasks finish in. The
 * values aggregated are the association itself: a partition's rows joined by commas and each
 * merge written {@code (left+right)}, so the assertions read the tree that was summed. Every row
 * sleeps a random 0 to 20 ms on the test context's two threads, so tasks finish in varying
 * orders. Spark's {@code treeAggregate} folds on the driver in that order: eight runs on 4
 * partitions summed {@code (((0+1)+3)+2)}, {@code (((0+1)+2)+3)} and {@code (((1+2)+0)+3)}, three
 * different sums in floating point (only two partial values commute without changing the sum).
 */
class FixedOrderAggregateTest {

  /** "" is the empty partial value; merging with it adds nothing, as EMPTY does for the sums. */
  private static String merge(String left, String right) {
    return left.isEmpty() ? right : right.isEmpty() ? left : "(" + left + "+" + right + ")";
  }

  private static String add(String part, Integer row) throws InterruptedException {
    Thread.sleep(ThreadLocalRandom.current().nextInt(21));
    return part.isEmpty() ? row.toString() : part + "," + row;
  }

  private static String aggregate(int rows, int partitions, int depth) {
    List<Integer> values = IntStream.range(0, rows).boxed().collect(Collectors.toList());
    JavaRDD<Integer> rdd = LocalSpark.context().parallelize(values, partitions);
    return FixedOrderAggregate.of(rdd, "", (part, row) -> {
      try {
        return add(part, row);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }, FixedOrderAggregateTest::merge, depth);
  }

  /**
   * Spark's own choice of levels (scale ⌈P^(1/depth)⌉, at least 2; another level only while P >
   * scale + ⌈P/scale⌉), with groups of consecutive partitions merged left to right.
   */
  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "3; 3; 2; ((0+1)+2)",
      "4; 4; 2; (((0+1)+2)+3)",
      "5; 5; 2; ((((0+1)+2)+3)+4)",
      "7; 7; 2; ((((0+1)+2)+((3+4)+5))+6)",
      "8; 4; 2; (((0,1+2,3)+4,5)+6,7)",
      "7; 7; 1; ((((((0+1)+2)+3)+4)+5)+6)",
      "10; 10; 3; (((((0+1)+2)+((3+4)+5))+((6+7)+8))+9)",
      "12; 12; 4; ((((0+1)+(2+3))+((4+5)+(6+7)))+((8+9)+(10+11)))",
  })
  void sumsInTheOrderOfThePartitions(int rows, int partitions, int depth, String tree) {
    for (int run = 0; run < 3; run++) {
      assertEquals(tree, aggregate(rows, partitions, depth), "run " + (run + 1));
    }
  }

  /** Empty partitions (fewer rows than partitions) merge as the identity. */
  @Test
  void emptyPartitionsAddNothing() {
    assertEquals("((0+1)+2)", aggregate(3, 6, 1));
  }

  @Test
  void refusesADepthBelowOne() {
    JavaRDD<Integer> rdd = LocalSpark.context().parallelize(List.of(1, 2), 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FixedOrderAggregate.of(rdd, "", (part, row) -> part + row,
            FixedOrderAggregateTest::merge, 0));
    assertEquals("spark: tree depth must be positive, got 0", e.getMessage());
  }
}
