package dev.chainrule.optim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.BatchNorm1d;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Adagrad;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.AdamW;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.RmsProp;
import dev.chainrule.optim.Sgd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCheckpointTest {
  private static Sequential model(long seed, int hidden) {
    return Sequential.of(Dense.of(3, hidden, seed), Activation.relu(), Dense.of(hidden, 2, seed));
  }

  private static void trainOneStep(Sequential model, Adam adam) {
    adam.zeroGrad();
    Loss.meanSquaredError().compute(model.forward(Variable.constant(Tensors.ones(4, 3))),
        Tensors.zeros(4, 2)).backward();
    adam.step();
  }

  /** A model whose child is named "optimizer", as the file's prefix for the optimizer's state. */
  private static final class WithAnOptimizerChild extends dev.chainrule.nn.Module {
    private final Dense body = registerModule("body", Dense.of(2, 2, 1L));
    private final Dense optimizer = registerModule("optimizer", Dense.of(2, 2, 2L));

    @Override
    public Variable forward(Variable x) {
      return optimizer.forward(body.forward(x));
    }
  }

  /** Its entries were overwritten by the optimizer's on saving, and read as its on loading. */
  @Test
  void aModelNameUnderTheOptimizersPrefixIsRefused(@TempDir Path dir) {
    WithAnOptimizerChild model = new WithAnOptimizerChild();
    Path file = dir.resolve("clash.safetensors");
    String expected = "checkpoint: the model's \"optimizer.weight\" begins with \"optimizer.\","
        + " the prefix checkpoints keep the optimizer's state under; register that module or"
        + " parameter under another name";
    assertEquals(expected, assertThrows(IllegalArgumentException.class,
        () -> ModelCheckpoint.save(file, model, Sgd.builder(0.1).build(model), Map.of()))
        .getMessage());
    ModelCheckpoint.save(file, model(1, 2), null, Map.of());
    assertEquals(expected, assertThrows(IllegalArgumentException.class,
        () -> ModelCheckpoint.loadMatching(file, model)).getMessage());
  }

  @Test
  void modelAndOptimizerRoundTripAndTheNextStepIsIdentical(@TempDir Path dir) {
    Sequential model = model(1, 5);
    Adam adam = Adam.builder().learningRate(0.01).build(model);
    trainOneStep(model, adam);
    Path file = dir.resolve("model.safetensors");
    ModelCheckpoint.save(file, model, adam, Map.of("note", "after one step"));

    Sequential restored = model(99, 5);
    Adam restoredAdam = Adam.builder().learningRate(0.01).build(restored);
    LoadReport report = ModelCheckpoint.load(file, restored, restoredAdam);
    assertTrue(report.isExactMatch());
    assertEquals("after one step", report.metadata().get("note"));
    trainOneStep(model, adam);
    trainOneStep(restored, restoredAdam);
    for (int i = 0; i < model.parameters().size(); i++) {
      assertEquals(model.parameters().get(i).value(), restored.parameters().get(i).value());
    }
  }

  /** Saving given values: named refusals where a raw NPE or a silently dropped state stood. */
  @Test
  void givenValuesAreRefusedByName(@TempDir Path dir) {
    Sequential model = model(1, 5);
    Adam adam = Adam.builder().learningRate(0.01).build(model);
    Path file = dir.resolve("m.safetensors");
    assertEquals("checkpoint: the values are null", assertThrows(NullPointerException.class,
        () -> ModelCheckpoint.save(file, model, null, null, null, Map.of())).getMessage());
    assertEquals("checkpoint: an optimizer's state without the optimizer it belongs to",
        assertThrows(IllegalArgumentException.class, () -> ModelCheckpoint.save(file, model,
            model.stateDict(), null, adam.state(), Map.of())).getMessage());
    // Values of another model, or of part of this one, would save a file that does not load.
    Map<String, Tensor> renamed = new LinkedHashMap<>(model.stateDict());
    renamed.put("extra", renamed.remove("0.bias"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelCheckpoint.save(file, model, renamed, null, null, Map.of()));
    assertEquals("checkpoint: the values are named " + renamed.keySet() + ", the model's state "
        + model.stateDict().keySet(), e.getMessage());
    assertFalse(Files.exists(file), "nothing written");
  }

  /**
   * Weights alone, as a PyTorch state_dict or a model to predict with is loaded: the two-argument
   * load, which a reader of "loads with ModelCheckpoint.load" writes first, passes over the
   * file's optimizer state.
   */
  @Test
  void weightsLoadWithoutAnOptimizer(@TempDir Path dir) {
    Sequential model = model(1, 5);
    Adam adam = Adam.builder().learningRate(0.01).build(model);
    trainOneStep(model, adam);
    Path file = dir.resolve("model.safetensors");
    ModelCheckpoint.save(file, model, adam, Map.of());
    Sequential restored = model(99, 5);
    LoadReport report = ModelCheckpoint.load(file, restored);
    assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), report.loaded());
    for (int i = 0; i < model.parameters().size(); i++) {
      assertEquals(model.parameters().get(i).value(), restored.parameters().get(i).value());
    }
    assertThrows(CheckpointMismatchException.class,
        () -> ModelCheckpoint.load(file, model(1, 4)), "as strict as with an optimizer");
  }

  @Test
  void mismatchesAreListedAndLeaveTheModelUntouched(@TempDir Path dir) {
    Path file = dir.resolve("model.safetensors");
    ModelCheckpoint.save(file, model(1, 5), null, Map.of());
    Sequential other = Sequential.of(Dense.of(3, 4, 2), Activation.relu(), Dense.of(4, 2, 2),
        Activation.relu(), Dense.of(2, 2, 3));
    Tensor before = other.parameters().get(0).value().copy();
    CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class,
        () -> ModelCheckpoint.load(file, other, null));
    assertEquals("model.safetensors: checkpoint does not match the model: missing: 4.weight,"
        + " 4.bias; mis-shaped: 0.weight: file [5, 3] vs model [4, 3], 0.bias: file [5] vs"
        + " model [4], 2.weight: file [2, 5] vs model [2, 4]", e.getMessage());
    assertEquals(before, other.parameters().get(0).value());

    LoadReport partial = ModelCheckpoint.loadMatching(file, other);
    assertEquals(List.of("2.bias"), partial.loaded());
    assertEquals(List.of(), partial.unexpected());
    Sequential smaller = Sequential.of(Dense.of(3, 5, 4));
    assertEquals(List.of("2.weight", "2.bias"),
        ModelCheckpoint.loadMatching(file, smaller).unexpected());
    assertEquals(SafeTensors.read(file).tensor("0.weight"), smaller.parameters().get(0).value());
  }

  @Test
  void anOptimizerNeedsStateInTheFile(@TempDir Path dir) {
    Path file = dir.resolve("weights.safetensors");
    Sequential model = model(1, 5);
    ModelCheckpoint.save(file, model, null, Map.of());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelCheckpoint.load(file, model, Adam.builder().build(model)));
    assertEquals("weights.safetensors: checkpoint holds no optimizer state; load it without an"
        + " optimizer", e.getMessage());
    assertEquals(Shape.of(5, 3), model.parameters().get(0).shape());
  }

  /**
   * An Adam that never stepped saves only its step count and rate, which any optimizer's state
   * would take: the file records the kind, and another kind is refused before anything changes
   * (an Sgd took the Adam's learning rate before).
   */
  @Test
  void anotherKindOfOptimizerIsRefused(@TempDir Path dir) {
    Path file = dir.resolve("fresh.safetensors");
    Sequential model = model(1, 5);
    ModelCheckpoint.save(file, model, Adam.builder().learningRate(0.001).build(model), Map.of());
    assertEquals("Adam", SafeTensors.read(file).metadata().get(ModelCheckpoint.OPTIMIZER_KEY));
    Sgd sgd = Sgd.builder(0.1).momentum(0.9).build(model);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelCheckpoint.load(file, model, sgd));
    assertEquals("fresh.safetensors: checkpoint holds the state of Adam, not of Sgd; load it into"
        + " Adam(betas=(0.9, 0.999), eps=1.0E-8, weightDecay=0.0) or without an optimizer",
        e.getMessage());
    assertEquals(0.1, sgd.learningRate(), "nothing changed");
    ModelCheckpoint.load(file, model, Adam.builder().build(model));
  }

  /**
   * Momentum's buffers went on as Nesterov's (the same class and state), and any other setting
   * changed silently; PyTorch's load takes the file's settings instead. The file records them,
   * and other settings are refused, naming both, before anything changes.
   */
  @Test
  void anOptimizerWithOtherSettingsIsRefused(@TempDir Path dir) {
    Path file = dir.resolve("momentum.safetensors");
    Sequential model = model(1, 5);
    ModelCheckpoint.save(file, model, Sgd.builder(0.1).momentum(0.9).weightDecay(0.01)
        .build(model), Map.of());
    assertEquals("momentum=0.9, weightDecay=0.01",
        SafeTensors.read(file).metadata().get(ModelCheckpoint.OPTIMIZER_SETTINGS_KEY));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelCheckpoint.load(file, model, Sgd.builder(0.1).momentum(0.9).nesterov(true)
            .weightDecay(0.01).build(model)));
    assertEquals("momentum.safetensors: checkpoint holds the state of Sgd(momentum=0.9,"
        + " weightDecay=0.01), not of Sgd(momentum=0.9, nesterov, weightDecay=0.01); load it"
        + " into Sgd(momentum=0.9, weightDecay=0.01) or without an optimizer", e.getMessage());
    // The learning rate is state, not a setting: the file's goes on, as it always did.
    Sgd same = Sgd.builder(0.5).momentum(0.9).weightDecay(0.01).build(model);
    ModelCheckpoint.load(file, model, same);
    assertEquals(0.1, same.learningRate());
  }

  /**
   * The options ported from torch.optim are settings like the others: a file written with one
   * loads into an optimizer with it and is refused by one without it, and the other way round. A
   * default optimizer records what it did before the options existed (its files still load).
   */
  @Test
  void thePortedOptionsAreRecordedAndCompared(@TempDir Path dir) {
    Sequential model = model(1, 5);
    List<List<Optimizer>> pairs = List.of(
        List.of(Sgd.builder(0.1).momentum(0.9).build(model),
            Sgd.builder(0.1).momentum(0.9).dampening(0.5).build(model)),
        List.of(Adam.builder().build(model), Adam.builder().amsgrad(true).build(model)),
        List.of(AdamW.builder().build(model), AdamW.builder().amsgrad(true).build(model)),
        List.of(RmsProp.builder().build(model), RmsProp.builder().centered(true).build(model)),
        List.of(Adagrad.builder().build(model), Adagrad.builder().lrDecay(0.1).build(model)),
        List.of(Adagrad.builder().build(model),
            Adagrad.builder().initialAccumulatorValue(0.1).build(model)));
    List<String> recorded = List.of("momentum=0.9, weightDecay=0.0",
        "betas=(0.9, 0.999), eps=1.0E-8, weightDecay=0.0",
        "betas=(0.9, 0.999), eps=1.0E-8, weightDecay=0.01",
        "alpha=0.99, eps=1.0E-8, momentum=0.0, weightDecay=0.0", "eps=1.0E-10, weightDecay=0.0",
        "eps=1.0E-10, weightDecay=0.0");
    for (int i = 0; i < pairs.size(); i++) {
      Optimizer plain = pairs.get(i).get(0);
      Optimizer option = pairs.get(i).get(1);
      Path file = dir.resolve(i + ".safetensors");
      ModelCheckpoint.save(file, model, plain, Map.of());
      assertEquals(recorded.get(i),
          SafeTensors.read(file).metadata().get(ModelCheckpoint.OPTIMIZER_SETTINGS_KEY));
      ModelCheckpoint.load(file, model, plain);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ModelCheckpoint.load(file, model, option));
      assertTrue(e.getMessage().contains("not of " + option.kind() + "(" + option.settings()
          + ")"), e.getMessage());
      ModelCheckpoint.save(file, model, option, Map.of());
      ModelCheckpoint.load(file, model, option);
      assertThrows(IllegalArgumentException.class, () -> ModelCheckpoint.load(file, model, plain));
    }
  }

  /**
   * Older PyTorch files lack batch normalization's num_batches_tracked, and PyTorch loads them,
   * strict or not, with the counter at 0; so does load, naming it in the report. Any other
   * missing tensor is still a mismatch.
   */
  @Test
  void aFileWithoutTheBatchCounterLoadsWithItAtZero(@TempDir Path dir) {
    Sequential source = Sequential.of(Dense.of(2, 3, 1), BatchNorm1d.of(3));
    Map<String, Tensor> state = new java.util.LinkedHashMap<>(source.stateDict());
    state.remove("1.num_batches_tracked");
    Path file = dir.resolve("old.safetensors");
    SafeTensors.write(file, state);
    Sequential target = Sequential.of(Dense.of(2, 3, 2), BatchNorm1d.of(3));
    target.loadBuffer("1.num_batches_tracked", Tensor.scalar(7));

    LoadReport report = ModelCheckpoint.load(file, target, null);
    assertEquals(List.of("1.num_batches_tracked: " + StateMatch.ABSENT_COUNTER),
        report.converted());
    assertEquals(0.0, target.stateDict().get("1.num_batches_tracked").item());
    assertEquals(source.stateDict().get("0.weight"), target.stateDict().get("0.weight"));

    state.remove("1.running_mean");
    SafeTensors.write(file, state);
    CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class,
        () -> ModelCheckpoint.load(file, target, null));
    assertEquals(List.of("1.running_mean"), e.report().missing());
  }
}
