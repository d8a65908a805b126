package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.AdamW;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.data.Dataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training a head over a frozen body ({@code Module.requiresGrad(false)}), the way a pretrained
 * model is fine-tuned: the body does not move under any optimizer's decay or momentum, the head
 * trains, and the files keep both.
 */
class FineTuningTest {
  private static final Dataset DATA = new Dataset(Tensors.randn(Shape.of(32, 2), 3L),
      Tensors.randn(Shape.of(32, 1), 4L));

  private static Sequential model() {
    return Sequential.of(Dense.of(2, 8, 1L), Activation.tanh(), Dense.of(8, 1, 2L));
  }

  private static List<Tensor> copies(List<Variable> parameters) {
    return parameters.stream().map(p -> p.value().copy()).toList();
  }

  private static List<Tensor> values(List<Variable> parameters) {
    return parameters.stream().map(Variable::value).toList();
  }

  /** AdamW's decoupled decay reads no gradient; a frozen parameter is not decayed either. */
  @Test
  void theTrainerMovesTheHeadAndLeavesTheFrozenBodyBitForBit() {
    Sequential model = model();
    Dense body = (Dense) model.layers().get(0);
    body.requiresGrad(false);
    List<Tensor> bodyBefore = copies(body.parameters());
    List<Tensor> headBefore = copies(model.layers().get(2) instanceof Dense d
        ? d.parameters() : List.of());
    Optimizer adamW = AdamW.builder().learningRate(0.05).weightDecay(0.1).build(model);
    History history = Trainer.builder(model, Loss.meanSquaredError(), adamW).epochs(20)
        .batchSize(8).build().fit(DATA);
    assertEquals(bodyBefore, values(body.parameters()), "frozen: not one bit moved");
    assertNotEquals(headBefore, values(((Dense) model.layers().get(2)).parameters()));
    assertTrue(history.last().trainLoss() < history.epochs().get(0).trainLoss(),
        "the head alone still fits: " + history.trainLosses());
  }

  /**
   * Frozen after some steps, a parameter stops where it is: its momentum buffer is not applied
   * again (PyTorch's set_to_none zeroing), nor its weight decay.
   */
  @Test
  void frozenMidTrainingItStopsWhereItIsDespiteMomentumAndDecay() {
    Sequential model = model();
    Dense body = (Dense) model.layers().get(0);
    Optimizer sgd = Sgd.builder(0.1).momentum(0.9).weightDecay(0.01).build(model);
    Variable x = Variable.constant(DATA.features());
    Variable y = Variable.constant(DATA.labels());
    for (int step = 0; step < 6; step++) {
      if (step == 3) {
        body.requiresGrad(false);
      }
      List<Tensor> bodyBefore = copies(body.parameters());
      sgd.zeroGrad();
      model.forward(x).sub(y).square().mean().backward();
      sgd.step();
      if (step < 3) {
        assertNotEquals(bodyBefore, values(body.parameters()), "trained at step " + step);
      } else {
        assertEquals(bodyBefore, values(body.parameters()), "frozen at step " + step);
      }
    }
  }

  @Test
  void aCheckpointKeepsTheFrozenBodyAndLoadsIt(@TempDir Path dir) {
    Sequential model = model();
    ((Dense) model.layers().get(0)).requiresGrad(false);
    Path file = dir.resolve("tuned.safetensors");
    ModelCheckpoint.save(file, model);
    // Other seeds, other values: each one the file holds overwrites one.
    Sequential loaded = Sequential.of(Dense.of(2, 8, 5L), Activation.tanh(), Dense.of(8, 1, 6L));
    assertNotEquals(values(model.parameters()).get(0), values(loaded.parameters()).get(0));
    ModelCheckpoint.load(file, loaded);
    assertEquals(values(model.parameters()), values(loaded.parameters()),
        "every parameter, frozen or not, is in the file");
  }

  @Test
  void readmeExample() {
    Sequential model = Sequential.of(Dense.of(4, 16, 1L), Activation.relu(), Dense.of(16, 3, 2L));
    model.children().get("0").requiresGrad(false);  // the first layer keeps its weights
    Adam adam = Adam.builder().build(model);        // frozen parameters welcome, never moved
    String shown = model.toString();                // ...\ntotal: 131 parameters (80 frozen); ...

    assertTrue(shown.endsWith("\ntotal: 131 parameters (80 frozen); training mode"), shown);
    assertEquals(4, adam.parameters().size(), "the frozen ones included, as in PyTorch");
  }

  /** Nothing to train is a setting that cannot give a result: refused, not run for nothing. */
  @Test
  void aModelWhoseEveryParameterIsFrozenIsRefused() {
    Sequential model = model();
    model.requiresGrad(false);
    Trainer trainer = Trainer.builder(model, Loss.meanSquaredError(),
        Sgd.builder(0.1).build(model)).epochs(2).batchSize(8).build();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> trainer.fit(DATA));
    assertEquals("Trainer: every parameter of the optimizer (4) is frozen (requiresGrad(false)),"
        + " so no step would train anything; unfreeze those to train (requiresGrad(true) on a"
        + " module or a parameter)", e.getMessage());
  }

  /**
   * Frozen whole by a listener mid-run, the model had nothing left to train: backward refused
   * the loss in its own words (the output "does not require a gradient"), naming no epoch, no
   * batch and no trainer, and the listeners never heard the run end.
   */
  @Test
  void everyParameterFrozenMidRunIsRefusedWithItsPlaceAndTheListenersHearTheEnd() {
    Sequential model = model();
    List<Integer> heard = new ArrayList<>();
    TrainingListener freezer = new TrainingListener() {
      @Override
      public void onEpochEnd(EpochResult epoch) {
        if (epoch.epoch() == 1) {
          model.requiresGrad(false);
        }
      }

      @Override
      public void onTrainingEnd(History history) {
        heard.add(history.epochs().size());
      }
    };
    Trainer trainer = Trainer.builder(model, Loss.meanSquaredError(),
        Sgd.builder(0.1).build(model)).epochs(4).batchSize(8).listener(freezer).build();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> trainer.fit(DATA));
    assertEquals("Trainer: epoch 3, batch 1 of 4: every parameter of the optimizer (4) is frozen"
        + " (requiresGrad(false)) since the run began (by a listener?), so no step would train"
        + " anything; unfreeze those to train (requiresGrad(true) on a module or a parameter)",
        e.getMessage());
    assertEquals(List.of(2), heard, "the listeners heard the run end after its two epochs");
  }

  /**
   * Freezing is not in the files (as in PyTorch), and a run resumed from a checkpoint of a
   * fine-tuning run with the body left trainable trained it, without a word, though resume
   * promises to end where the uninterrupted run does and refuses another seed or clipping.
   */
  @Test
  void aResumeThatFreezesOtherParametersThanTheCheckpointsRunIsRefused(@TempDir Path dir) {
    Path file = dir.resolve("run.safetensors");
    Sequential model = model();
    model.children().get("0").requiresGrad(false);
    Trainer.builder(model, Loss.meanSquaredError(), Sgd.builder(0.1).build(model)).epochs(2)
        .batchSize(8).checkpointEvery(1, file).build().fit(DATA);
    Sequential again = model();
    Optimizer sgd = Sgd.builder(0.1).build(again);
    Trainer resumed = Trainer.builder(again, Loss.meanSquaredError(), sgd).epochs(3)
        .batchSize(8).resume(ResumedRun.load(file, again, sgd)).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> resumed.fit(DATA));
    assertEquals("trainer: run.safetensors: its run had 0.weight, 0.bias frozen"
        + " (requiresGrad(false)), and this run has none, so the resumed run would not end where"
        + " the uninterrupted one does; freeze as its run did, or resume with initialEpoch(2)"
        + " alone, which goes on without the checkpoint's records and settings", e.getMessage());
    List<Tensor> body = copies(again.children().get("0").parameters());
    again.children().get("0").requiresGrad(false);
    resumed.fit(DATA);
    assertEquals(body, values(again.children().get("0").parameters()), "frozen as it was");
  }
}
