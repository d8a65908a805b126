package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
