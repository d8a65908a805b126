package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.optim.data.Dataset;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
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
  void aShardOfBytesCarriesOneBytePerFeature() throws Exception {
    byte[] pixels = new byte[200 * 784];
    new Random(5).nextBytes(pixels);
    Tensor labels = Tensor.vector(IntStream.range(0, 200).mapToDouble(i -> i % 10).toArray());
    Dataset data = Dataset.ofUnsignedBytes(pixels, 784, 255, DType.FLOAT32, labels);
    Shard shard = Shards.split(data, 2).get(1);

    ByteArrayOutputStream serialized = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(serialized)) {
      out.writeObject(shard);
    }
    // 100 rows of 784 bytes and 100 labels of 8: as float32 the pixels alone would take 313,600
    // bytes; the 2,000 allowed above the data are the stream's class descriptions.
    assertTrue(serialized.size() < 100 * 784 + 100 * 8 + 2_000, () -> serialized.size() + " B");
    Shard received;
    try (ObjectInputStream in = new ObjectInputStream(
        new ByteArrayInputStream(serialized.toByteArray()))) {
      received = (Shard) in.readObject();
    }
    Dataset rows = received.dataset();
    assertEquals(data.subset(IntStream.range(100, 200).toArray()), rows);
    assertEquals(DType.FLOAT32, rows.dtype());
    assertTrue(rows.unsignedBytes().isPresent(), "the received shard converts rows when used");
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
