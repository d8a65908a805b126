package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.OptimizerChoice;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A model with a frozen layer trains on Spark as on one machine: the executors rebuild it from
 * its description, where every parameter is trainable, so the driver ships which are frozen, and
 * the frozen layer comes back as it went, bit for bit, in both modes.
 */
class FrozenParametersTest {

  private static List<Tensor> copies(List<Variable> parameters) {
    return parameters.stream().map(p -> p.value().copy()).toList();
  }

  private static void trainsTheHeadAlone(SparkTrainer.Builder builder) {
    Sequential model = TestData.blobsModel(3);
    model.children().get("0").requiresGrad(false);
    List<Tensor> body = copies(model.children().get("0").parameters());
    List<Tensor> head = copies(model.children().get("2").parameters());
    builder.epochs(2).batchSize(8).build().fit(model,
        Shards.parallelize(LocalSpark.context(), TestData.blobs(48, 1), 2), null);
    assertEquals(body, model.children().get("0").parameters().stream().map(Variable::value)
        .toList(), "frozen: not one bit moved");
    assertNotEquals(head, model.children().get("2").parameters().stream().map(Variable::value)
        .toList(), "the head trained");
    assertTrue(model.children().get("0").parameters().stream().noneMatch(Variable::requiresGrad),
        "still frozen on the driver");
  }

  @Test
  void synchronousStepsLeaveAFrozenLayerAsItWas() {
    trainsTheHeadAlone(SparkTrainer.builder(TestData.describeBlobs(TestData.blobsModel(3)),
        OptimizerFactory.of(OptimizerChoice.SGD, 0.1)).synchronous());
  }

  /** Momentum on the replicas: a frozen parameter gets no gradient there, so none moves it. */
  @Test
  void averagingLeavesAFrozenLayerAsItWas() {
    trainsTheHeadAlone(SparkTrainer.builder(TestData.describeBlobs(TestData.blobsModel(3)),
        OptimizerFactory.of(OptimizerChoice.ADAM, 0.05)).averaging(2));
  }
}
