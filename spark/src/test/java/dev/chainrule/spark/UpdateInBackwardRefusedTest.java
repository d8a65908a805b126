package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.HookHandle;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.OptimizerChoice;
import dev.chainrule.optim.Sgd;
import org.junit.jupiter.api.Test;

/**
 * Parameters updated in backward ({@code Optimizer.updateInBackward()}) are refused, whoever
 * registered the updates: the driver's synchronous step hands each parameter its summed gradient
 * through backward, where the update would move it in the driver optimizer's place (with another
 * optimizer's settings, or twice), and a replica reused by an executor's later tasks would refuse
 * the factory's second registration.
 */
class UpdateInBackwardRefusedTest {
  @Test
  void updatesRegisteredOnTheModelAreRefusedBeforeAnyStep() {
    Sequential model = TestData.blobsModel(3);
    HookHandle updates = Sgd.builder(0.5).build(model).updateInBackward();
    SparkTrainer trainer = SparkTrainer.builder(TestData.describeBlobs(model),
        OptimizerFactory.of(OptimizerChoice.SGD, 0.1)).epochs(1).build();
    String before = model.namedParameters().get("0.weight").value().toString();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer.fit(
        model, Shards.parallelize(LocalSpark.context(), TestData.blobs(30, 1), 2), null));
    assertEquals("spark: updates in backward on '0.weight', '0.bias', '2.weight', '2.bias':"
        + " Spark's steps apply gradients summed over the executors, which an update in"
        + " backward would take in the driver optimizer's place; remove them"
        + " (HookHandle.remove()) or train on one machine with Trainer", e.getMessage());
    assertEquals(before, model.namedParameters().get("0.weight").value().toString(),
        "nothing trained");
    updates.remove();
  }

  @Test
  void anOptimizerFactoryThatUpdatesInBackwardIsRefused() {
    Sequential model = TestData.blobsModel(3);
    OptimizerFactory updatingInBackward = m -> {
      Optimizer sgd = Sgd.builder(0.1).build(m);
      sgd.updateInBackward();
      return sgd;
    };
    SparkTrainer trainer = SparkTrainer.builder(TestData.describeBlobs(model), updatingInBackward)
        .epochs(1).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer.fit(
        model, Shards.parallelize(LocalSpark.context(), TestData.blobs(30, 1), 2), null));
    assertTrue(e.getMessage().endsWith("the optimizer factory registered them: return an"
        + " optimizer that steps after backward (without updateInBackward())"), e.getMessage());
    // Tried on a copy: the user's model carries no update the factory registered.
    assertTrue(model.parameters().stream().noneMatch(p -> p.hasUpdateInBackward()),
        "the model is as it was");
  }
}
