package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.OptimizerChoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An optimizer factory that returns an optimizer over another model's parameters is refused
 * before any step, as {@code Trainer} refuses such an optimizer: it stepped without error, on the
 * driver and on every replica, and the run ended with the model's initial weights. So is one
 * that maximizes, which would climb the loss the run minimizes.
 */
class ForeignOptimizerRefusedTest {
  @ParameterizedTest
  @ValueSource(strings = {"sync", "average"})
  void aFactoryIgnoringItsModelIsRefused(String mode) {
    Sequential model = TestData.blobsModel(3);
    // Captures a model of its own (serializable: a Sequential is built inside the lambda).
    OptimizerFactory foreign = m -> OptimizerChoice.SGD.build(TestData.blobsModel(9), 0.1);
    SparkTrainer.Builder builder = SparkTrainer.builder(TestData.describeBlobs(model), foreign)
        .epochs(1).batchSize(16);
    SparkTrainer trainer = mode.equals("sync") ? builder.build() : builder.averaging(2).build();
    String before = model.namedParameters().get("0.weight").value().toString();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer.fit(
        model, Shards.parallelize(LocalSpark.context(), TestData.blobs(30, 1), 2), null));
    assertEquals("spark: the optimizer factory returned an optimizer that updates none of the"
        + " model's 4 parameters (its 4 parameters belong to another model?); build it from the"
        + " model it is given", e.getMessage());
    assertEquals(before, model.namedParameters().get("0.weight").value().toString(),
        "nothing trained");
  }

  /** A factory whose optimizer climbs is refused as Trainer refuses it, before any step. */
  @Test
  void aFactoryThatMaximizesIsRefused() {
    Sequential model = TestData.blobsModel(3);
    OptimizerFactory climbing = m -> Adam.builder().maximize(true).build(m);
    SparkTrainer trainer = SparkTrainer.builder(TestData.describeBlobs(model), climbing)
        .epochs(1).batchSize(16).build();
    String before = model.namedParameters().get("0.weight").value().toString();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer.fit(
        model, Shards.parallelize(LocalSpark.context(), TestData.blobs(30, 1), 2), null));
    assertEquals("spark: the optimizer factory returned Adam(lr=0.001, betas=(0.9, 0.999),"
        + " eps=1.0E-8, weightDecay=0.0, maximize), which maximizes, and the run minimizes its"
        + " loss (early stopping and the best epoch take lower as better); return an optimizer"
        + " that minimizes", e.getMessage());
    assertEquals(before, model.namedParameters().get("0.weight").value().toString(),
        "nothing trained");
  }
}
