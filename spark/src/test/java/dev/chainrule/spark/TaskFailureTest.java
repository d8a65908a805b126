package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.CrossEntropyOptions;
import dev.chainrule.nn.loss.TargetRefusedException;
import dev.chainrule.optim.OptimizerChoice;
import dev.chainrule.optim.data.Dataset;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A task that fails on every attempt fails the run with the task's own exception, as one
 * machine's {@code Trainer} throws it, not Spark's job failure, whose message was Spark's task
 * and stage numbers followed by the executor's stack trace, with the reason somewhere inside.
 */
class TaskFailureTest {
  private static SparkTrainer trainer(Sequential model, String mode) {
    return trainer(model, mode, false);
  }

  private static SparkTrainer trainer(Sequential model, String mode, boolean weighted) {
    SparkTrainer.Builder builder = SparkTrainer.builder(TestData.describeBlobs(model),
        OptimizerFactory.of(OptimizerChoice.SGD, 0.1)).epochs(1).batchSize(16);
    if (weighted) {
      builder.crossEntropy(CrossEntropyOptions.none().withClassWeights(1, 2, 3));
    }
    return mode.equals("sync") ? builder.build() : builder.averaging(2).build();
  }

  /**
   * With class weights too: averaging's check for a local batch that weighs nothing reads each
   * label as an index, and threw ArrayIndexOutOfBoundsException on these before the loss could
   * refuse them.
   */
  @ParameterizedTest
  @CsvSource({"sync, false", "average, false", "sync, true", "average, true"})
  void aLabelTheLossRefusesFailsWithTheLossMessage(String mode, boolean weighted) {
    Dataset data = TestData.blobs(30, 1);
    // Classes 0..2 shifted to 3..5: not class indices of the description's three classes.
    Dataset shifted = new Dataset(data.features(), data.labels().add(Tensor.scalar(3.0)));
    Sequential model = TestData.blobsModel(3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> trainer(model, mode, weighted).fit(model,
            Shards.parallelize(LocalSpark.context(), shifted, 2), null));
    // The loss's own message, whichever row of whichever part it met first, named by its row.
    assertTrue(e.getMessage().matches("softmaxCrossEntropy: target [345]\\.0 at row \\d+ of the"
        + " training data \\(epoch 1, .*\\) is not a class index for 3 classes \\(whole numbers"
        + " 0 to 2\\)"), e.getMessage());
  }

  /**
   * The loss names a position in the shard's part of a batch ({@code at [4]}); the run names the
   * row of the training data, as {@code Trainer} does, with the step's place.
   */
  @ParameterizedTest
  @ValueSource(strings = {"sync", "average"})
  void aLabelTheLossRefusesIsNamedByItsRowOfTheTrainingData(String mode) {
    Dataset data = TestData.blobs(30, 1);
    double[] labels = data.labels().toArray();
    labels[21] = 5;
    Dataset bad = new Dataset(data.features(), Tensor.vector(labels));
    Sequential model = TestData.blobsModel(3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> trainer(model, mode).fit(model, Shards.parallelize(LocalSpark.context(), bad, 2),
            null));
    String place = mode.equals("sync") ? "batch [12] of 2; position \\[\\d+\\] of the batch"
        : "round \\d+; position \\[\\d+\\] of the replica's local batch";
    assertTrue(e.getMessage().matches("softmaxCrossEntropy: target 5\\.0 at row 21 of the"
        + " training data \\(epoch 1, " + place + "\\) is not a class index for 3 classes"
        + " \\(whole numbers 0 to 2\\)"), e.getMessage());
    assertInstanceOf(TargetRefusedException.class, e.getCause());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sync", "average"})
  void theUsersOwnFailureInAShardsMapIsThrownAsItself(String mode) {
    JavaRDD<Shard> failing = Shards.parallelize(LocalSpark.context(), TestData.blobs(30, 1), 2)
        .map(shard -> {
          if (shard.firstRow() > 0) {
            throw new IllegalStateException("cannot read " + shard);
          }
          return shard;
        });
    Sequential model = TestData.blobsModel(3);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> trainer(model, mode).fit(model, failing, null));
    assertEquals("cannot read Shard[rows 15..29]", e.getMessage());
  }
}
