package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * x⁰'s derivative by x is 0 whatever the upstream gradient g: x⁰ = 1 on a neighbourhood of every
 * x. The rule computed it as g·(0·x⁻¹) (the exponent masked where x⁻¹ is not finite), which was
 * ∞·0 = NaN where g is infinite or NaN, and, recorded, a later pass went through it into x's
 * history and met 0/0 there. PyTorch 1.13 selects: pow_backward returns
 * zeros_like(x) for a scalar exponent 0, a constant, and pow_backward_self a where(exponent = 0,
 * 0, ...) for a tensor one. Expected values are PyTorch 1.13's (float64), exact in binary; found by
 * session 72's differential hunt.
 */
class PowZeroExponentGradientTest {
  @Test
  void anInfiniteGradientThroughAScalarExponentZeroGivesZero() {
    Variable x = Variable.parameter(Tensor.vector(0, 2, -1), "x");
    x.pow(0).sub(1).sqrt().sum().backward(); // √'(0) = ∞ upstream of x⁰
    assertEquals(Tensor.vector(0, 0, 0), x.grad());
  }

  @Test
  void anInfiniteGradientThroughATensorExponentZeroGivesZero() {
    Variable x = Variable.parameter(Tensor.vector(0, 2, -1), "x");
    x.pow(Variable.constant(Tensor.vector(0, 0, 0))).sub(1).sqrt().sum().backward();
    assertEquals(Tensor.vector(0, 0, 0), x.grad());
  }

  /**
   * L = Σ(√relu(a)·b)⁰ is the constant 3, so the third-order b.grad of Σh² + Σb is 1 everywhere;
   * the recorded 0·x⁻¹ led the last pass from b into sqrt's rule at a masked 0.
   */
  @Test
  void aThirdOrderPassDoesNotReachTheBaseThroughExponentZero() {
    Gradients.Options create = Gradients.Options.creatingGraph();
    Variable a = Variable.parameter(Tensor.vector(-1, 0, 4), "a");
    Variable b = Variable.parameter(Tensor.vector(1, 2, 3), "b");
    Variable loss = a.relu().sqrt().mul(b).pow(0).sum();
    Variable g = Gradients.of(List.of(loss), List.of(b), null, create).get(0);
    Variable h = Gradients.of(List.of(g.sum().add(a.sum())), List.of(a), null, create).get(0);
    h.square().sum().add(b.sum()).backward();
    assertEquals(Tensor.vector(1, 1, 1), b.grad());
  }

  /**
   * x¹'s derivative 1·x⁰ is recorded with x⁰, so differentiating it again meets x⁰'s rule with
   * the upstream gradient: ∞ at b = 0 here (√'s), where ∂(n¹)/∂n = 1 has the derivative 0.
   */
  @Test
  void aSecondOrderPassThroughPowOneGivesZeroForAnInfiniteGradient() {
    Gradients.Options create = Gradients.Options.creatingGraph();
    Variable b = Variable.parameter(Tensor.vector(0, 4), "b");
    Variable n = b.sqrt().mul(2);
    Variable g = Gradients.of(List.of(n.pow(1).sum()), List.of(b), null, create).get(0);
    Variable h = Gradients.of(List.of(g.sum()), List.of(n), null, create).get(0);
    assertEquals(Tensor.vector(0, 0), h.value());
  }
}
