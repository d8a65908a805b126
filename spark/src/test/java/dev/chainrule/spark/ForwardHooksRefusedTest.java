package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.nn.ForwardHook;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.OptimizerChoice;
import org.junit.jupiter.api.Test;

/**
 * A model with forward hooks, or gradient hooks on its parameters, is refused: the executors
 * train copies rebuilt from its description, without hooks, so a hook would act on the driver's
 * validation alone, or never. So is one with frozen parameters, which the copies would train.
 */
class ForwardHooksRefusedTest {
  @Test
  void aHookAnywhereInTheModelIsRefusedByItsPath() {
    Sequential model = TestData.blobsModel(3);
    model.children().get("0").registerForwardHook(ForwardHook.observer((m, in, out) -> { }));
    SparkTrainer trainer = SparkTrainer.builder(TestData.describeBlobs(model),
        OptimizerFactory.of(OptimizerChoice.SGD, 0.1)).epochs(1).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer.fit(
        model, Shards.parallelize(LocalSpark.context(), TestData.blobs(30, 1), 2), null));
    assertEquals("spark: forward hooks on '0': the executors train copies rebuilt from the"
        + " model's description, which carry no hooks, so the hooks would change or see the"
        + " driver's validation alone; remove them (HookHandle.remove()) or train on one machine"
        + " with Trainer", e.getMessage());
  }

  @Test
  void aGradientHookOnAParameterIsRefusedByItsPath() {
    Sequential model = TestData.blobsModel(3);
    model.namedParameters().get("0.weight").registerHook(
        dev.chainrule.autograd.GradientHook.observer(g -> { }));
    SparkTrainer trainer = SparkTrainer.builder(TestData.describeBlobs(model),
        OptimizerFactory.of(OptimizerChoice.SGD, 0.1)).epochs(1).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer.fit(
        model, Shards.parallelize(LocalSpark.context(), TestData.blobs(30, 1), 2), null));
    assertEquals("spark: gradient hooks on '0.weight': the executors compute the gradients on"
        + " copies rebuilt from the model's description, which carry no hooks, so the hooks"
        + " would never run; remove them (HookHandle.remove()) or train on one machine with"
        + " Trainer", e.getMessage());
  }

  /** Rebuilt from the description, the executors' copies would train what the driver froze. */
  @Test
  void aFrozenParameterIsRefusedByItsPath() {
    Sequential model = TestData.blobsModel(3);
    model.children().get("0").requiresGrad(false);
    SparkTrainer trainer = SparkTrainer.builder(TestData.describeBlobs(model),
        OptimizerFactory.of(OptimizerChoice.SGD, 0.1)).epochs(1).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer.fit(
        model, Shards.parallelize(LocalSpark.context(), TestData.blobs(30, 1), 2), null));
    assertEquals("spark: '0.weight', '0.bias' are frozen (requiresGrad(false)), and the executors"
        + " train copies rebuilt from the model's description, where every parameter is"
        + " trainable, so they would be trained; unfreeze them or train on one machine with"
        + " Trainer", e.getMessage());
  }
}
