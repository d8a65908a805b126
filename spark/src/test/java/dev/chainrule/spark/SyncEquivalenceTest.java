package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.OptimizerChoice;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.model.Task;
import dev.chainrule.optim.train.History;
import dev.chainrule.optim.train.Trainer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Synchronous Spark training is single-machine training, up to the order of summation. */
class SyncEquivalenceTest {
  private static final int EPOCHS = 2;
  private static final int BATCH = 16;
  private static final long SEED = 5;

  /**
   * 150 rows in batches of 16: 10 steps per epoch (the last of 6 rows), 20 steps in all. Each
   * parameter after them must match single-machine training to 1e-12 of its largest magnitude.
   * The only difference is where the batch's sums are split: each shard sums its rows, then the
   * shards' sums are added. Each such regrouping changes a sum by a few ulps (1e-16 relative);
   * the 20 steps carry these forward through the optimizer, and with Adam's division by √v
   * through elements whose gradient is small, so the bound leaves a factor of 10⁴ over one
   * rounding, which is still far below any difference a wrong batch or a wrong share would make
   * (1e-3 and more after one step).
   */
  @ParameterizedTest(name = "{0} on {1} shards")
  @CsvSource({"sgd, 2", "momentum, 3", "adam, 5"})
  void parametersAfterNStepsMatchOneMachine(String optimizer, int shards) {
    Dataset data = TestData.blobs(150, 11);
    OptimizerChoice choice = OptimizerChoice.named(optimizer);
    double rate = choice == OptimizerChoice.ADAM ? 0.01 : 0.1;

    Sequential alone = TestData.blobsModel(3);
    // Stepping after backward, as Spark's steps do: left to choose, the trainer would update
    // plain SGD inside its products, which rounds differently.
    History single = Trainer.builder(alone, SparkTrainer.lossOf(
            Task.CLASSIFICATION), choice.build(alone, rate))
        .epochs(EPOCHS).batchSize(BATCH).seed(SEED).updateInBackward(false).build().fit(data);

    Sequential distributed = TestData.blobsModel(3);
    SparkTrainer.Result result = SparkTrainer.builder(TestData.describeBlobs(distributed),
            OptimizerFactory.of(choice, rate))
        .epochs(EPOCHS).batchSize(BATCH).seed(SEED).build()
        .fit(distributed, Shards.parallelize(LocalSpark.context(), data, shards), null);

    double difference = TestData.largestRelativeDifference(distributed, alone);
    assertTrue(difference <= 1e-12, "largest relative difference " + difference);
    // The training made a difference that such a bound could miss: the weights moved.
    assertTrue(TestData.largestRelativeDifference(distributed, TestData.blobsModel(3)) > 1e-2);
    assertEquals(20, result.optimizer().stepCount());
    assertEquals(20, result.timing().steps());
    for (int e = 0; e < EPOCHS; e++) {
      // The epoch's loss is the same mean of batch losses weighted by batch size.
      assertEquals(single.epochs().get(e).trainLoss(),
          result.history().epochs().get(e).trainLoss(), 1e-12);
      assertEquals(single.epochs().get(e).trainAccuracy(),
          result.history().epochs().get(e).trainAccuracy(), 0.0);
    }
  }

  /**
   * In float32 the parameters, gradients and data cross Spark as floats, and the regrouped sums
   * differ by ulps of float32 (6e-8 relative) instead; the same 20 steps of SGD keep the
   * difference to a few of them: 1e-5 relative leaves a factor of 100 over one rounding and is
   * still 1,000 times below the change training makes.
   */
  @ParameterizedTest(name = "float32, {0} shards")
  @CsvSource({"2", "3"})
  void float32MatchesOneMachineToItsPrecision(int shards) {
    Dataset data = TestData.blobs(150, 11);
    Sequential alone = TestData.blobsModel(3);
    alone.to(DType.FLOAT32);
    Trainer.builder(alone, SparkTrainer.lossOf(Task.CLASSIFICATION),
            OptimizerChoice.SGD.build(alone, 0.1))
        .epochs(EPOCHS).batchSize(BATCH).seed(SEED).updateInBackward(false).build()
        .fit(new Dataset(data.features().to(DType.FLOAT32), data.labels()));

    Sequential distributed = TestData.blobsModel(3);
    distributed.to(DType.FLOAT32);
    SparkTrainer.builder(TestData.describeBlobs(distributed),
            OptimizerFactory.of(OptimizerChoice.SGD, 0.1))
        .epochs(EPOCHS).batchSize(BATCH).seed(SEED).build()
        .fit(distributed, Shards.parallelize(LocalSpark.context(),
            new Dataset(data.features().to(DType.FLOAT32), data.labels()), shards), null);

    assertEquals(DType.FLOAT32, distributed.dtype());
    double difference = TestData.largestRelativeDifference(distributed, alone);
    assertTrue(difference <= 1e-5, "largest relative difference " + difference);
    assertTrue(TestData.largestRelativeDifference(distributed, TestData.blobsModel(3)) > 1e-2);
  }
}
