package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.Tensor;
import dev.chainrule.optim.data.Dataset;
import org.junit.jupiter.api.Test;

/**
 * Steps per epoch and shard counts at their limits. A batch size near 2³¹ (full-batch training
 * asked for by a huge number) overflowed (rows + batch − 1) / batch into a negative count, and
 * the run trained nothing and reported success.
 */
class StepCountsTest {
  @Test
  void aHugeBatchIsOneBatchOfEveryRow() {
    assertEquals(1, RoundInput.batchesPerEpoch(120, Integer.MAX_VALUE));
    assertEquals(1, RoundInput.ceilDiv(1, Integer.MAX_VALUE));
    assertEquals(0, RoundInput.ceilDiv(0, 16), "an empty shard has no batch");
    assertEquals(8, RoundInput.ceilDiv(120, 16));
    assertEquals(7, RoundInput.ceilDiv(112, 16));
    assertEquals(Integer.MAX_VALUE, RoundInput.ceilDiv(Integer.MAX_VALUE, 1));
  }

  @Test
  void shardsAreAtMostTheRowsAndAtLeastOne() {
    assertEquals(120, Shards.count(120, 500));
    assertEquals(3, Shards.count(120, 3));
    assertEquals(1, Shards.count(0, 4));
  }

  /**
   * Rows sorted by class, dealt before averaging's shards are cut: every third of them holds
   * every class (cut in file order, each held one), and the same seed deals the same order.
   */
  @Test
  void dealtRowsGiveEveryShardEveryClass() {
    double[] classes = new double[120];
    for (int i = 0; i < 120; i++) {
      classes[i] = i / 40;
    }
    Dataset sorted = new Dataset(Tensor.of(classes, 120, 1), Tensor.vector(classes));
    Dataset dealt = Shards.dealt(sorted, 42);
    int[] labels = dealt.classIndices();
    for (int third = 0; third < 3; third++) {
      long kinds = java.util.Arrays.stream(labels, 40 * third, 40 * (third + 1)).distinct().count();
      assertEquals(3, kinds, "shard " + third);
    }
    assertEquals(java.util.Arrays.stream(labels).sum(), 40 * (0 + 1 + 2), "the same rows");
    assertEquals(dealt.labels(), Shards.dealt(sorted, 42).labels(), "a seed deals one order");
    assertEquals(dealt.features(), dealt.labels().reshape(120, 1), "rows stay whole");
  }
}
