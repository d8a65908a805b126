package dev.chainrule.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Groups are configuration a checkpoint records with the optimizer's other settings: a state
 * saved with groups loads only into an optimizer with the same groups, one saved without them
 * only into one without, and the saved "lr" is the optimizer's own rate.
 */
class ParameterGroupCheckpointTest {

  private static Sequential model() {
    return Sequential.of(Dense.of(2, 3, 1L), Activation.tanh(), Dense.of(3, 1, 2L));
  }

  private static void train(Sequential model, Optimizer optimizer) {
    optimizer.zeroGrad();
    model.forward(dev.chainrule.autograd.Variable.constant(Tensors.ones(4, 2))).sum().backward();
    optimizer.step();
  }

  @Test
  void aStateLoadsOnlyIntoAnOptimizerWithTheSameGroups(@TempDir Path dir) {
    Sequential model = model();
    Function<Double, Sgd> grouped = decay -> Sgd.builder(0.1).momentum(0.9).weightDecay(5e-4)
        .group(ParameterGroup.matching(model, path -> path.endsWith("bias")).weightDecay(decay))
        .group(ParameterGroup.matching(model, path -> path.equals("0.weight"))
            .learningRateScale(0.1))
        .build(model);
    Sgd saved = grouped.apply(0.0);
    train(model, saved);
    saved.setLearningRate(0.05);
    Path file = dir.resolve("grouped.safetensors");
    ModelCheckpoint.save(file, model, saved, Map.of());
    String recorded = SafeTensors.read(file).metadata()
        .get(ModelCheckpoint.OPTIMIZER_SETTINGS_KEY);
    assertEquals("momentum=0.9, weightDecay=5.0E-4, groups=[{parameters=[0],"
        + " learningRateScale=0.1}, {parameters=[1, 3], weightDecay=0.0}]", recorded);
    assertEquals(Tensor.scalar(0.05), saved.state().get(Optimizer.LEARNING_RATE_KEY),
        "the optimizer's rate, not a group's");

    Sgd same = grouped.apply(0.0);
    ModelCheckpoint.load(file, model, same);
    assertEquals(saved.state(), same.state());

    Sgd without = Sgd.builder(0.1).momentum(0.9).weightDecay(5e-4).build(model);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelCheckpoint.load(file, model, without));
    assertTrue(e.getMessage().contains("Sgd(" + recorded + "), not of Sgd(momentum=0.9,"
        + " weightDecay=5.0E-4)"), e.getMessage());
    Sgd otherDecay = grouped.apply(1e-5);
    e = assertThrows(IllegalArgumentException.class,
        () -> ModelCheckpoint.load(file, model, otherDecay));
    assertTrue(e.getMessage().contains("not of Sgd(" + otherDecay.settings() + ")"),
        e.getMessage());

    // The other way: a state saved without groups (as every file before them) loads into an
    // optimizer without groups and is refused by one with them.
    Path plain = dir.resolve("plain.safetensors");
    train(model, without);
    ModelCheckpoint.save(plain, model, without, Map.of());
    ModelCheckpoint.load(plain, model, Sgd.builder(0.1).momentum(0.9).weightDecay(5e-4)
        .build(model));
    e = assertThrows(IllegalArgumentException.class,
        () -> ModelCheckpoint.load(plain, model, grouped.apply(0.0)));
    assertTrue(e.getMessage().contains("groups=["), e.getMessage());
  }
}
