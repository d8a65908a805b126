package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.ForwardHook;
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
    model.registerForwardHook(ForwardHook.observer((m, in, out) ->
        calls.add((m.isTraining() ? "train " : "eval ") + out.shape().dim(0))));
    Trainer.builder(model, Loss.meanSquaredError(), Sgd.builder(0.01).build(model))
        .epochs(2).batchSize(2).build().fit(FIVE_ROWS, THREE_ROWS);
    // Batches of 2, 2 and 1 rows, then the validation set scored once, in each epoch.
    assertEquals(List.of("train 2", "train 2", "train 1", "eval 3",
        "train 2", "train 2", "train 1", "eval 3"), calls);
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
}
