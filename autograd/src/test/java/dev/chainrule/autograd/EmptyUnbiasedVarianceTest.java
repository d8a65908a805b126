package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensors;
import org.junit.jupiter.api.Test;

/**
 * A variable's unbiased variance with no groups (another axis empty) is empty, as PyTorch 1.13's
 * {@code torch.zeros(0, 1).var(1, unbiased=True)}, with an empty gradient; a group of one value
 * is still refused.
 */
class EmptyUnbiasedVarianceTest {
  @Test
  void noGroupsGiveAnEmptyResultAndGradient() {
    Variable x = Variable.parameter(Tensors.zeros(0, 1));
    Variable v = x.variance(new int[] {1}, false, true);
    assertEquals(Shape.of(0), v.shape());
    v.sum().backward();
    assertEquals(Tensors.zeros(0, 1), x.grad());
    assertEquals("variance: the unbiased variance needs at least 2 values per group, [2, 1] has 1"
        + " over the reduced axes",
        assertThrows(IllegalArgumentException.class, () -> Variable.parameter(Tensors.zeros(2, 1))
            .variance(new int[] {1}, false, true)).getMessage());
  }
}
