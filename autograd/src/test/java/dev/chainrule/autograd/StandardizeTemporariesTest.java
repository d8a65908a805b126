package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Recycling;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import org.junit.jupiter.api.Test;

/**
 * standardize's forward makes no temporary of its input's size (the composition it was made two,
 * the centred values and their squares; Moments walks each run through two scratch rows of the
 * run's length), so in a recycling scope (a training step's, for a batch normalization) none
 * goes to the pool; the output and the gradient are those computed outside any scope.
 */
class StandardizeTemporariesTest {
  @Test
  void theForwardMakesNoTemporaryOfItsInputsSize() {
    Tensor x = Tensors.randn(Shape.of(16, 4, 8, 8), 46);
    int[] axes = {0, 2, 3};
    Variable outsideInput = Variable.parameter(x);
    Variable outside = outsideInput.standardize(axes, 1e-5);
    outside.square().sum().backward();
    try (Recycling.Scope scope = Recycling.open()) {
      Variable input = Variable.parameter(x);
      long before = Recycling.pooledBytes();
      Variable inside = input.standardize(axes, 1e-5);
      assertTrue(Recycling.pooledBytes() - before < 8L * x.size(),
          "pooled " + (Recycling.pooledBytes() - before) + " bytes");
      assertEquals(outside.value(), inside.value());
      inside.square().sum().backward();
      assertEquals(outsideInput.grad(), input.grad());
    }
  }
}
