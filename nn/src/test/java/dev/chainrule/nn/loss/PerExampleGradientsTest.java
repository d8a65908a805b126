package dev.chainrule.nn.loss;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Gradients;
import dev.chainrule.autograd.Reduction;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Dense;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Per-example gradients from the per-sample losses, one of the uses {@link Reduction#NONE} is
 * for: the gradient of ℓᵢ (the batch's losses seeded with the i-th unit vector, the graph kept)
 * is the gradient of sample i's loss computed alone, and the per-example gradients add up to the
 * batch's summed gradient.
 */
class PerExampleGradientsTest {
  /**
   * 1e-15 absolute on gradients of size ~1: the same products and log-softmax, the batch's rows
   * through a fused SUM or a composed NONE, a few ulps apart.
   */
  private static final double TOLERANCE = 1e-15;

  @Test
  void perExampleGradientsAreEachSamplesAloneAndAddUpToTheBatchs() {
    Tensor x = Tensors.randn(Shape.of(5, 4), 41L);
    Tensor classes = Tensor.vector(0, 2, 1, 2, 0);
    for (Loss.BuiltIn loss : List.of(Loss.softmaxCrossEntropy(), Loss.meanSquaredError(),
        Loss.binaryCrossEntropyWithLogits())) {
      Tensor target = loss.kind() == Loss.Kind.SOFTMAX_CROSS_ENTROPY ? classes
          : Tensors.oneHot(classes, 3);
      Dense layer = Dense.of(4, 3, 42L);
      Variable losses = loss.withReduction(Reduction.NONE)
          .compute(layer.forward(Variable.constant(x)), target);
      Tensor total = Tensors.zeros(3, 4);
      for (int i = 0; i < 5; i++) {
        Tensor unit = Tensors.oneHot(Tensor.scalar(i), 5);
        Tensor perExample = Gradients.of(List.of(losses), List.of(layer.weight()),
            List.of(Variable.constant(unit)), Gradients.Options.retainingGraph()).get(0).value();
        total = total.add(perExample);

        Dense alone = Dense.of(layer.weight().value(), layer.bias().value());
        loss.withReduction(Reduction.SUM).compute(alone.forward(
            Variable.constant(x.slice(0, i, i + 1))), target.slice(0, i, i + 1)).backward();
        Tensor expected = alone.weight().grad();
        assertTrue(perExample.allClose(expected, 0, TOLERANCE),
            () -> loss + ": " + perExample + " vs " + expected);
      }
      Dense batch = Dense.of(layer.weight().value(), layer.bias().value());
      loss.withReduction(Reduction.SUM).compute(batch.forward(Variable.constant(x)), target)
          .backward();
      Tensor summed = total;
      assertTrue(summed.allClose(batch.weight().grad(), 0, TOLERANCE),
          () -> loss + ": " + summed + " vs " + batch.weight().grad());
    }
  }
}
