package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.data.Dataset;
import org.junit.jupiter.api.Test;

/**
 * A model with one weight tensor in two layers (two parameters, stepped twice) trained with
 * plain SGD and weight decay, which the trainer updates in backward on its own, ends where the
 * run stepping after backward ends.
 */
class TiedWeightsUpdateTimingTest {
  private static final Dataset DATA = new Dataset(Tensors.randn(Shape.of(16, 4), 3L),
      Tensors.randn(Shape.of(16, 4), 4L));

  /** The tied weight after three epochs: the trainer's choice, or the given one. */
  private static double[] train(Boolean inBackward) {
    Tensor shared = Tensors.randn(Shape.of(4, 4), 5L).mul(0.5);
    Sequential model = Sequential.of(Dense.of(shared, null), Activation.tanh(),
        Dense.of(shared, null));
    Trainer.Builder builder = Trainer.builder(model, Loss.meanSquaredError(),
        Sgd.builder(0.1).weightDecay(0.5).build(model)).epochs(3).batchSize(4).seed(1);
    if (inBackward != null) {
      builder.updateInBackward(inBackward);
    }
    builder.build().fit(DATA);
    return shared.toArray();
  }

  @Test
  void theTrainersChoiceEndsWhereSteppingAfterBackwardEnds() {
    double[] stepped = train(false);
    // Both layers read the array, so neither weight's update goes into its product: both run
    // the step's code on the same gradients in the optimizer's order, so the same bits. Before,
    // the second layer's weight was updated first, and after three epochs a weight was off by
    // 137 % of its value (−0.03300 for −0.03079).
    assertArrayEquals(stepped, train(null), "the trainer's choice");
    assertArrayEquals(stepped, train(true), "in backward, chosen");
  }
}
