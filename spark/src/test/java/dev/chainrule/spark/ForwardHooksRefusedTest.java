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
 * validation alone, or never. So is one with nothing to train, every parameter frozen.
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

  /** As Trainer refuses it: nothing would train. */
  @Test
  void aModelWhoseEveryParameterIsFrozenIsRefused() {
    Sequential model = TestData.blobsModel(3);
    model.requiresGrad(false);
    SparkTrainer trainer = SparkTrainer.builder(TestData.describeBlobs(model),
        OptimizerFactory.of(OptimizerChoice.SGD, 0.1)).epochs(1).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer.fit(
        model, Shards.parallelize(LocalSpark.context(), TestData.blobs(30, 1), 2), null));
    assertEquals("spark: every parameter of the model (4) is frozen (requiresGrad(false)), so no"
        + " step would train anything; unfreeze those to train (requiresGrad(true) on a module"
        + " or a parameter)", e.getMessage());
  }
}
