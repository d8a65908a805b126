package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.loss.CrossEntropyOptions;
import dev.chainrule.optim.OptimizerChoice;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.data.MiniBatches;
import dev.chainrule.optim.train.History;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A class of weight 0 on 60 rows sorted by class (20 of each), in three shards of 20: the first
 * shard holds only class 0, which weighs 0. Sync mode takes that shard, since its batches'
 * Σ w_y spans the shards, and refuses only a whole batch of class 0; averaging stops on the
 * first replica's local batch, as {@code Trainer} does on such a batch. Both refusals reach the
 * caller from the executor as the task's own message.
 */
class ZeroClassWeightTest {
  private static final int ROWS = 60;
  private static final long SEED = 7;
  private static final CrossEntropyOptions CLASS_0_WEIGHS_NOTHING =
      CrossEntropyOptions.none().withClassWeights(0, 1, 1);
  private static JavaRDD<Shard> shards;

  @BeforeAll
  static void sortedByClass() {
    double[] labels = new double[ROWS];
    for (int i = 0; i < ROWS; i++) {
      labels[i] = i / 20;
    }
    Dataset data = new Dataset(Tensors.randn(Shape.of(ROWS, 4), 3), Tensor.vector(labels));
    shards = Shards.parallelize(LocalSpark.context(), data, 3);
  }

  private static SparkTrainer.Builder builder() {
    return SparkTrainer.builder(TestData.describeBlobs(TestData.blobsModel(3)),
            OptimizerFactory.of(OptimizerChoice.SGD, 0.1))
        .epochs(1).seed(SEED).crossEntropy(CLASS_0_WEIGHS_NOTHING);
  }

  /** Batches of all 60 rows: the first shard's rows weigh 0, the batch does not. */
  @Test
  void syncTakesAShardWhoseRowsAllWeighNothing() {
    History history = builder().batchSize(ROWS).build()
        .fit(TestData.blobsModel(3), shards, null).history();
    assertTrue(Double.isFinite(history.epochs().get(0).trainLoss()), history.toString());
  }

  /**
   * Batches of one row: the first step whose row is of class 0 is refused, naming it (the
   * batches are MiniBatches' order with the run's seed).
   */
  @Test
  void syncRefusesAWholeBatchThatWeighsNothing() {
    int[] order = MiniBatches.shuffledOrder(ROWS, SEED, 0);
    int step = 0;
    while (order[step] >= 20) {
      step++;
    }
    SparkTrainer trainer = builder().batchSize(1).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> trainer.fit(TestData.blobsModel(3), shards, null));
    assertEquals("softmaxCrossEntropy: every target's class weighs 0 in epoch 1, step "
        + (step + 1) + ", so the weighted mean would divide by 0: give those classes weight",
        e.getMessage());
  }

  /**
   * Averaging: the first replica's first local batch is of class 0 only. The message is the
   * replica's, from the executor, not the loss's (which would advise a sum the trainer does not
   * offer) nor Spark's job failure.
   */
  @Test
  void averagingStopsOnALocalBatchThatWeighsNothing() {
    SparkTrainer trainer = builder().batchSize(4).averaging(2).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> trainer.fit(TestData.blobsModel(3), shards, null));
    assertEquals("softmaxCrossEntropy: every target's class weighs 0 (classes [0]) in a local"
        + " batch of the replica of rows 0..19 (epoch 1, round 1), so its weighted mean would"
        + " divide by 0, as Trainer's would on such a batch: give those classes weight, or train"
        + " in sync mode, whose batches draw from every shard", e.getMessage());
  }
}
