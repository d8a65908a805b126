package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.optim.data.Dataset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Averaging's shards shuffle in orders of their own. A shard's seed was the run's plus
 * γ·(first row + 1), and each epoch added γ again (SplittableRandom's increment), so the shard
 * starting at row 0 drew at epoch S the order the shard starting at row S drew at epoch 0.
 */
class ShardOrdersTest {
  private static final int ROWS = 20;

  @Test
  void noShardAtAnyEpochRepeatsAnothersOrder() {
    Dataset rows = new Dataset(Tensors.zeros(ROWS, 2), Tensor.vector(new double[ROWS]));
    Set<List<Integer>> orders = new HashSet<>();
    int drawn = 0;
    for (int firstRow = 0; firstRow < 6; firstRow++) {
      Shard shard = Shard.of(firstRow, rows);
      for (int epoch = 0; epoch < 6; epoch++, drawn++) {
        // One batch of the whole shard: the batch is the epoch's order.
        int[][] batches = new RoundInput(null, null, epoch, 0, 1, ROWS, 11L).batchesOf(shard);
        orders.add(Arrays.stream(batches[0]).boxed().toList());
      }
    }
    // 36 orders of 20 rows: two agree by chance with probability about 36²/2/20!, 3e-16.
    assertEquals(drawn, orders.size(), "36 shard-epochs, 36 orders");
  }
}
