package dev.chainrule.autograd.functional;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * jvp of a function whose graph holds a gradient hook. jvp differentiates the vector-Jacobian
 * product Jᵀu with respect to its cotangent u, and the hooks run on Jᵀu's parts; a hook that is not
 * linear in its gradient (clipping) makes that derivative depend on u. PyTorch 1.13's
 * autograd.functional.jvp takes u = 0, where a hook that clips large gradients is the identity.
 */
class JvpHookTest {
  /** f(x) = sin(3x), its gradient clipped to [−1, 1] at h = 3x, as a clipping hook does. */
  private static final UnaryOperator<Variable> CLIPPED = x -> {
    Variable h = x.mul(3);
    h.registerHook(g -> g.clamp(-1, 1));
    return h.sin();
  };

  @Test
  void aClippingHookLeavesTheDirectionalDerivative() {
    Tensor x = Tensor.vector(0.1, 0.2, 0.3, 1.0);
    Tensor v = Tensor.vector(1, -2, 0.5, 1);
    Tensor product = Functional.jvp(CLIPPED, x, v).product();
    // J·v = 3·cos(3x)·v, elementwise: PyTorch 1.13's jvp of the same function gives
    // [2.866009467376818, -4.952013689458069, 0.9324149524059968, -2.9699774898013365].
    // The seed u drawn from [1, 2) made |u·cos(3x)| pass 1 and clipped every element's slope to
    // 0: J·v came out as zeros. Tolerance: a few roundings of cos and a product (1e-14).
    Tensor expected = x.mul(3).cos().mul(3).mul(v);
    assertTrue(product.allClose(expected, 1e-14, 1e-14), product::toString);
    // The Jacobian's rows are the products with unit cotangents, which the clip leaves alone
    // here (|cos| ≤ 1): J·v formed from it is the same.
    Tensor fromJacobian = Functional.jacobian(CLIPPED, x).matmul(v);
    assertTrue(product.allClose(fromJacobian, 1e-14, 1e-14), fromJacobian::toString);
  }

  @Test
  void aHookSquaringItsGradientHasNoSlopeAtZero() {
    // u·g ↦ (u·g)², differentiated at u = 0: 0, as PyTorch 1.13's jvp gives; with u from [1, 2)
    // it was 2u·g², a value of the seed's choosing.
    Tensor x = Tensor.vector(0.1, 0.2, 0.3, 1.0);
    Tensor product = Functional.jvp(t -> {
      Variable h = t.mul(3);
      h.registerHook(g -> g.mul(g));
      return h.sin();
    }, x, Tensors.onesLike(x)).product();
    assertTrue(product.allClose(Tensors.zerosLike(x), 0, 0), product::toString);
  }
}
