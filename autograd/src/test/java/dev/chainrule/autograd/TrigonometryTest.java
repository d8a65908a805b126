package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * sin and cos are each other's rules, so every order of derivative is the graph's own: the n-th
 * derivative of sin is sin(x + nπ/2), taken here by n gradients of gradients.
 */
class TrigonometryTest {
  private static final Tensor POINTS = Tensor.vector(-2.5, -1, 0, 0.3, 1.7, 3);

  /** The derivative of the sum of f's values: f′ at every point, the elements being independent. */
  private static Variable derivative(Variable f, Variable x) {
    return Gradients.of(List.of(f.sum()), List.of(x), null, Gradients.Options.creatingGraph())
        .get(0);
  }

  @Test
  void everyDerivativeOfTheSineIsAShiftedSine() {
    Variable x = Variable.parameter(POINTS, "x");
    Variable f = x.sin();
    for (int order = 1; order <= 5; order++) {
      f = derivative(f, x);
      Tensor expected = POINTS.add(order * Math.PI / 2).sin();
      // sin, cos and a sign in float64, against sin of a shifted point whose rounding (the
      // shift's, about 2e-16 of 8) is the larger error: 1e-14 is well clear of both.
      assertEquals(0, f.value().sub(expected).abs().max().item(), 1e-14, "order " + order);
    }
  }

  @Test
  void theCosineIsTheSineShiftedAndDifferentiatesToMinusTheSine() {
    Variable x = Variable.parameter(POINTS.to(DType.FLOAT32), "x");
    Variable y = x.cos();
    Variable dy = derivative(y, x);
    assertEquals(DType.FLOAT32, dy.dtype());
    // float32 values of order 1: a few ulps (6e-8 each) of sin and cos.
    assertEquals(0, dy.value().add(x.value().sin()).abs().max().item(), 1e-6);
    assertEquals(0, derivative(dy, x).value().add(y.value()).abs().max().item(), 1e-6);
  }
}
