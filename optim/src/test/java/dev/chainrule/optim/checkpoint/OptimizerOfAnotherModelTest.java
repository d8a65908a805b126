package dev.chainrule.optim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.Optimizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An optimizer built for another model (one built before the model was rebuilt or reloaded) was
 * saved beside this model's weights, and its state loaded onto the other model's parameters,
 * without a word, where the trainer refuses the same pairing. Both are refused now, before
 * anything is written or changed.
 */
class OptimizerOfAnotherModelTest {
  private static Sequential model(long seed) {
    return Sequential.of(Dense.of(2, 1, seed));
  }

  private static Optimizer stepped(Sequential model) {
    Optimizer adam = Adam.builder().learningRate(0.1).build(model);
    model.forward(Variable.constant(Tensors.ones(3, 2))).sum().backward();
    adam.step();
    return adam;
  }

  @Test
  void savingWithAnotherModelsOptimizerIsRefusedAndWritesNothing(@TempDir Path dir) {
    Path file = dir.resolve("run.safetensors");
    Sequential saved = model(1);
    String message = assertThrows(IllegalArgumentException.class,
        () -> ModelCheckpoint.save(file, saved, stepped(model(2)), Map.of())).getMessage();
    assertEquals("checkpoint: the optimizer updates none of the model's 2 parameters (its 2"
        + " parameters belong to another model?); save the model with the optimizer that trains"
        + " it", message);
    assertFalse(Files.exists(file));
  }

  @Test
  void loadingIntoAnotherModelsOptimizerIsRefusedAndChangesNothing(@TempDir Path dir) {
    Path file = dir.resolve("run.safetensors");
    Sequential trained = model(1);
    ModelCheckpoint.save(file, trained, stepped(trained), Map.of());
    Sequential target = model(3);
    Optimizer foreign = stepped(model(4));
    double[] before = target.parameters().get(0).value().toArray();
    Map<String, Tensor> stateBefore = foreign.state();
    String message = assertThrows(IllegalArgumentException.class,
        () -> ModelCheckpoint.load(file, target, foreign)).getMessage();
    assertEquals("load: the optimizer updates none of the model's 2 parameters (its 2 belong to"
        + " another model?), and run.safetensors's state for the model's parameters would go to"
        + " them; load with the optimizer that trains this model", message);
    assertArrayEquals(before, target.parameters().get(0).value().toArray(), 0);
    assertEquals(stateBefore, foreign.state());
  }

  @Test
  void theModelsOwnOptimizerStillSavesAndLoads(@TempDir Path dir) {
    Path file = dir.resolve("run.safetensors");
    Sequential trained = model(1);
    ModelCheckpoint.save(file, trained, stepped(trained), Map.of());
    Sequential target = model(3);
    ModelCheckpoint.load(file, target, Adam.builder().learningRate(0.1).build(target));
    assertArrayEquals(trained.parameters().get(0).value().toArray(),
        target.parameters().get(0).value().toArray(), 0);
  }
}
