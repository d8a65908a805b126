package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.ForwardHook;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.TracelessPass;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The trainer and {@link Evaluation} run the model through {@code call}, as PyTorch's loops run
 * {@code model(x)}: a forward hook on the model itself sees every batch and every evaluation.
 */
class TrainerHooksTest {
  private static final Dataset FIVE_ROWS = new Dataset(Tensors.randn(Shape.of(5, 2), 1L),
      Tensors.randn(Shape.of(5, 1), 2L));
  private static final Dataset THREE_ROWS = new Dataset(Tensors.randn(Shape.of(3, 2), 3L),
      Tensors.randn(Shape.of(3, 1), 4L));

  @Test
  void aHookOnTheModelSeesEveryBatchAndEveryValidation() {
    Dense model = Dense.of(2, 1, 5L);
    List<String> calls = new ArrayList<>();
    List<String> all = new ArrayList<>();
    model.registerForwardHook(ForwardHook.observer((m, in, out) -> {
      if (!TracelessPass.running()) {  // the trainer's look at the untrained model
        calls.add((m.isTraining() ? "train " : "eval ") + out.shape().dim(0));
      }
    }));
    model.registerForwardHook(ForwardHook.observer((m, in, out) ->
        all.add((m.isTraining() ? "train " : "eval ") + out.shape().dim(0))));
    Trainer.builder(model, Loss.meanSquaredError(), Sgd.builder(0.01).build(model))
        .epochs(2).batchSize(2).build().fit(FIVE_ROWS, THREE_ROWS);
    // Batches of 2, 2 and 1 rows, then the validation set scored once, in each epoch.
    List<String> run = List.of("train 2", "train 2", "train 1", "eval 3",
        "train 2", "train 2", "train 1", "eval 3");
    assertEquals(run, calls);
    // Before them the validation targets, scored once with the untrained model (all three
    // rows), and the untrained model's loss, in evaluation mode on all five rows and in
    // training mode on batches of at least two (2 and 3), which a hook that changes the output
    // must take part in, or the divergence check would measure another function.
    List<String> before = List.of("eval 3", "eval 5", "train 2", "train 3");
    assertEquals(before, all.subList(0, 4));
    assertEquals(run, all.subList(4, all.size()));
  }

  @Test
  void aHookRegisteredBetweenBatchesKeepsWhatItCaptured() {
    // Activations of 32 × 64: large enough for the engine's array pool (small ones are not).
    Sequential model = Sequential.of(Dense.of(2, 64, 5L), Activation.relu(), Dense.of(64, 1, 6L));
    Dataset rows = new Dataset(Tensors.randn(Shape.of(160, 2), 7L),
        Tensors.randn(Shape.of(160, 1), 8L));
    List<Tensor> captured = new ArrayList<>();
    List<Tensor> copies = new ArrayList<>();
    Module first = model.children().get("0");
    TrainingListener startCollecting = new TrainingListener() {
      @Override
      public void onBatchEnd(BatchResult batch) {
        if (!first.hasForwardHooks()) {  // after the first batch, as a user starts collecting
          first.registerForwardHook(ForwardHook.observer((m, in, out) -> {
            captured.add(out.value());
            copies.add(out.value().copy());
          }));
        }
      }
    };
    Trainer.builder(model, Loss.meanSquaredError(), Sgd.builder(0.01).build(model))
        .epochs(1).batchSize(32).listener(startCollecting).build().fit(rows);
    assertEquals(4, captured.size(), "batches 2 to 5");
    for (int i = 0; i < captured.size(); i++) {
      // The arrays a hook holds are never handed to a later step to write into.
      assertArrayEquals(copies.get(i).toArray(), captured.get(i).toArray(), 0.0, "batch " + i);
    }
  }

  @Test
  void aHookThatReplacesTheOutputIsWhatTheLossTrainsOn() {
    Dense model = Dense.of(2, 1, 5L);
    double[] before = model.weight().value().toArray();
    // Zero times the output: the loss's gradient reaches the weights as exact zeros.
    model.registerForwardHook((m, in, out) -> out.mul(0.0));
    Trainer.builder(model, Loss.meanSquaredError(), Sgd.builder(0.1).build(model))
        .epochs(1).batchSize(5).build().fit(FIVE_ROWS);
    assertArrayEquals(before, model.weight().value().toArray(), 0.0);
  }

  @Test
  void predictRunsTheModelsHooks() {
    Dense model = Dense.of(2, 1, 5L);
    model.registerForwardHook((m, in, out) -> out.mul(2));
    Tensor features = FIVE_ROWS.features();
    Tensor plain = model.forward(Variable.constant(features)).value();
    // Doubling is exact in floating point.
    assertArrayEquals(plain.mul(2).toArray(), Evaluation.predict(model, features).toArray(), 0.0);
  }

  @Test
  void aNoiseHookThatDrawsAsModulesDoLeavesASeededRunAsItWas() {
    double[] checked = trainWithNoise(Trainer.DIVERGENCE_FACTOR);
    double[] unchecked = trainWithNoise(Double.POSITIVE_INFINITY);  // no look at the untrained
    // The same draws in the same order: bit for bit.
    assertArrayEquals(unchecked, checked, 0.0);
  }

  private static double[] trainWithNoise(double divergenceFactor) {
    Dense model = Dense.of(2, 1, 5L);
    java.util.Random own = new java.util.Random(9);
    model.registerForwardHook((m, in, out) -> out.add(Variable.constant(
        Tensors.randn(out.shape(), TracelessPass.draws(own).nextLong()).mul(0.1))));
    Trainer.builder(model, Loss.meanSquaredError(), Sgd.builder(0.1).build(model))
        .epochs(2).batchSize(2).divergenceFactor(divergenceFactor).build().fit(FIVE_ROWS);
    return model.weight().value().toArray();
  }
}
