package dev.chainrule.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code maximize} is configuration, as PyTorch's param_groups hold it beside the state: the
 * settings a checkpoint records name it when it is on, so a maximizing optimizer's state loads
 * only into one that maximizes (the buffers alone cannot tell, and a minimizing optimizer would
 * take the file's momentum downhill), and, off, settings read as they did before the option
 * existed, so older files load into optimizers that minimize as before.
 */
class MaximizeCheckpointTest {

  private static Sequential model() {
    return Sequential.of(Dense.of(2, 3, 1L), Activation.tanh(), Dense.of(3, 1, 2L));
  }

  /** One step on the summed output of the model for a batch of ones. */
  private static void train(Sequential model, Optimizer optimizer) {
    optimizer.zeroGrad();
    model.forward(Variable.constant(Tensors.ones(4, 2))).sum().backward();
    optimizer.step();
  }

  @Test
  void settingsNameMaximizeOnlyWhenOnAfterTheOptimizersOwnOptions() {
    List<Variable> p = List.of(Variable.parameter(Tensor.scalar(0)));
    Map<Optimizer, String> on = Map.of(
        Sgd.builder(0.1).momentum(0.9).maximize(true).build(p),
        "momentum=0.9, weightDecay=0.0, maximize",
        Adam.builder().amsgrad(true).maximize(true).build(p),
        "betas=(0.9, 0.999), eps=1.0E-8, weightDecay=0.0, amsgrad, maximize",
        AdamW.builder().maximize(true).build(p),
        "betas=(0.9, 0.999), eps=1.0E-8, weightDecay=0.01, maximize",
        RmsProp.builder().centered(true).maximize(true).build(p),
        "alpha=0.99, eps=1.0E-8, momentum=0.0, weightDecay=0.0, centered, maximize",
        Adagrad.builder().maximize(true).build(p),
        "eps=1.0E-10, weightDecay=0.0, maximize");
    on.forEach((optimizer, settings) -> assertEquals(settings, optimizer.settings()));
    for (Optimizer off : List.of(Sgd.builder(0.1).maximize(false).build(p),
        Adam.builder().maximize(false).build(p), AdamW.builder().build(p),
        RmsProp.builder().build(p), Adagrad.builder().build(p))) {
      assertFalse(off.toString().contains("maximize"), off.toString());
    }
    assertEquals("Sgd(lr=0.1, momentum=0.0, weightDecay=0.0, maximize, groups=[{parameters=[0],"
        + " learningRateScale=0.5}])", Sgd.builder(0.1).maximize(true)
        .group(ParameterGroup.of(p).learningRateScale(0.5)).build(p).toString());
  }

  @Test
  void aMaximizingStateLoadsOnlyIntoAnOptimizerThatMaximizes(@TempDir Path dir) {
    Sequential model = model();
    Function<Boolean, Adam> adam = up -> Adam.builder().learningRate(0.01).maximize(up)
        .build(model);
    Adam saved = adam.apply(true);
    train(model, saved);
    Path file = dir.resolve("ascent.safetensors");
    ModelCheckpoint.save(file, model, saved, Map.of());
    assertEquals("betas=(0.9, 0.999), eps=1.0E-8, weightDecay=0.0, maximize",
        SafeTensors.read(file).metadata().get(ModelCheckpoint.OPTIMIZER_SETTINGS_KEY));

    Adam same = adam.apply(true);
    ModelCheckpoint.load(file, model, same);
    assertEquals(saved.state(), same.state());
    Sequential copy = model();
    Adam resumed = Adam.builder().learningRate(0.01).maximize(true).build(copy);
    ModelCheckpoint.load(file, copy, resumed);
    train(model, saved);
    train(copy, resumed);
    assertEquals(model.stateDict(), copy.stateDict(), "the next step, bit for bit");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelCheckpoint.load(file, model, adam.apply(false)));
    assertTrue(e.getMessage().contains("holds the state of Adam(betas=(0.9, 0.999), eps=1.0E-8,"
        + " weightDecay=0.0, maximize), not of Adam(betas=(0.9, 0.999), eps=1.0E-8,"
        + " weightDecay=0.0)"), e.getMessage());
  }

  @Test
  void aFileWrittenWithoutTheOptionLoadsIntoAnOptimizerThatMinimizes(@TempDir Path dir) {
    // What every file before the option records: settings without it, read as maximize off.
    Sequential model = model();
    Sgd before = Sgd.builder(0.1).momentum(0.9).build(model);
    train(model, before);
    Path file = dir.resolve("descent.safetensors");
    ModelCheckpoint.save(file, model, before, Map.of());
    assertEquals("momentum=0.9, weightDecay=0.0",
        SafeTensors.read(file).metadata().get(ModelCheckpoint.OPTIMIZER_SETTINGS_KEY));
    Sgd minimizing = Sgd.builder(0.1).momentum(0.9).maximize(false).build(model);
    ModelCheckpoint.load(file, model, minimizing);
    assertEquals(before.state(), minimizing.state());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelCheckpoint.load(file, model, Sgd.builder(0.1).momentum(0.9).maximize(true)
            .build(model)));
    assertTrue(e.getMessage().contains("not of Sgd(momentum=0.9, weightDecay=0.0, maximize)"),
        e.getMessage());
  }
}
