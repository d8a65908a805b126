package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.optim.data.Dataset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardsTest {
  @Test
  void splitsIntoContiguousShardsOfAlmostEqualSize() {
    Dataset data = TestData.blobs(10, 1);
    List<Shard> shards = Shards.split(data, 3);
    assertEquals(List.of(0, 3, 6), shards.stream().map(Shard::firstRow).toList());
    assertEquals(List.of(3, 3, 4), shards.stream().map(Shard::rows).toList());
    assertEquals(data.subset(new int[] {6, 7, 8, 9}), shards.get(2).dataset());
    assertEquals(10, Shards.requireTiling(shards.stream()
        .map(s -> new int[] {s.firstRow(), s.endRow()}).toList()));
    // More shards than rows: one row each.
    assertEquals(2, Shards.split(TestData.blobs(2, 1), 5).size());
  }

  @Test
  void aShardTakesTheRowsOfABatchItHoldsInTheBatchsOrder() {
    Shard shard = Shards.split(TestData.blobs(10, 1), 2).get(1);
    assertArrayEquals(new int[] {4, 0, 2}, shard.localRows(new int[] {9, 3, 5, 0, 7, 1}));
  }

  @Test
  void gapsAndOverlapsAreRefused() {
    IllegalArgumentException gap = assertThrows(IllegalArgumentException.class,
        () -> Shards.requireTiling(List.of(new int[] {0, 5}, new int[] {7, 10})));
    assertEquals("shards: no shard holds rows 5 to 6; shards must number the rows 0..N-1 once",
        gap.getMessage());
    IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class,
        () -> Shards.requireTiling(List.of(new int[] {0, 5}, new int[] {3, 10})));
    assertEquals("shards: rows 3 to 4 are in two shards; shards must number the rows 0..N-1"
        + " once", overlap.getMessage());
  }
}
