package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * stack is one node over its parts, its forward core's stack, which writes each part once into
 * the result. As a composite (each part unsqueezed, then a concat) it recorded a concat over
 * copies of the parts and held twice the result at its peak.
 */
class StackNodeTest {
  @Test
  void aStackIsOneNodeWhoseInputsAreTheParts() {
    Variable a = Variable.parameter(Tensors.randn(Shape.of(2, 3), 1L));
    Variable b = Variable.parameter(Tensors.randn(Shape.of(2, 3), 2L));
    for (int axis : new int[] {0, 1, 2, -1, -3}) {
      Variable y = Variables.stack(axis, a, b);
      assertEquals("stack", y.opName(), "axis " + axis);
      assertEquals(List.of(a, b), y.inputs(), "axis " + axis);
      assertEquals(Tensors.stack(axis, a.value(), b.value()), y.value(), "axis " + axis);
    }
  }

  /** Each part's gradient is its own slice of g: weights 1 for a, 10 for b, exactly. */
  @Test
  void eachPartTakesItsSliceOfTheGradient() {
    Variable a = Variable.parameter(Tensors.randn(Shape.of(2, 3), 1L));
    Variable b = Variable.parameter(Tensors.randn(Shape.of(2, 3), 2L));
    Tensor weights = Tensors.stack(1, Tensors.ones(Shape.of(2, 3)),
        Tensors.full(Shape.of(2, 3), 10.0));
    Variables.stack(1, a, b).mul(Variable.constant(weights)).sum().backward();
    assertEquals(Tensors.ones(Shape.of(2, 3)), a.grad());
    assertEquals(Tensors.full(Shape.of(2, 3), 10.0), b.grad());
  }
}
