package dev.chainrule.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import java.util.List;

/** Parameters, given gradients and the quadratic the optimizer tests share. */
final class Fixtures {
  /** A = [[3, 1], [1, 2]]: symmetric with eigenvalues (5 ± √5)/2 ≈ 3.62 and 1.38, so SPD. */
  static final Tensor A = Tensor.matrix(new double[][] {{3, 1}, {1, 2}});
  static final Tensor B = Tensor.vector(1, -1);
  /** A⁻¹b = (1/det A)·[[2, −1], [−1, 3]]·b with det A = 5: [(2 + 1)/5, (−1 − 3)/5]. */
  static final Tensor SOLUTION = Tensor.vector(0.6, -0.8);

  /**
   * For values worked by hand as exact decimals: the optimizers round each operation, which over a
   * few steps costs a few ulps of 2 (4.4e-16). ε's contributions, the smallest effect the worked
   * examples check, are 1e-10 and larger.
   */
  static final double HAND_TOLERANCE = 1e-14;

  private Fixtures() {}

  /** The parameter's values match the hand-computed ones within {@link #HAND_TOLERANCE}. */
  static void assertValues(Variable parameter, double... expected) {
    assertArrayEquals(expected, parameter.value().toArray(), HAND_TOLERANCE);
  }

  /** The action fails with an IllegalArgumentException and exactly this message. */
  static void assertMessage(String expected, Runnable action) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
    assertEquals(expected, e.getMessage());
  }

  /** f(θ) = ½·θᵀAθ − bᵀθ, built from graph operations so backward gives ∇f = Aθ − b. */
  static Variable quadratic(Variable theta) {
    Variable a = Variable.constant(A);
    Variable b = Variable.constant(B);
    return theta.mul(a.matmul(theta)).sum().mul(0.5).sub(b.mul(theta).sum());
  }

  /**
   * Gives {@code p} exactly the gradient {@code g} through the engine: the gradient of Σ p ⊙ g is
   * 1·g, which is g bit for bit. A null {@code g} leaves {@code p} without a gradient.
   */
  static void setGradient(Variable p, Tensor g) {
    p.zeroGrad();
    if (g != null) {
      p.mul(Variable.constant(g)).sum().backward();
      assertEquals(g, p.grad());
    }
  }

  /** Gives each parameter its gradient (null: none) and takes one step. */
  static void step(Optimizer optimizer, Tensor... gradients) {
    List<Variable> parameters = optimizer.parameters();
    assertEquals(parameters.size(), gradients.length);
    for (int i = 0; i < gradients.length; i++) {
      setGradient(parameters.get(i), gradients[i]);
    }
    optimizer.step();
  }

  /** Fresh parameters holding copies of the values of {@code originals}. */
  static List<Variable> copies(List<Variable> originals) {
    return originals.stream().map(p -> Variable.parameter(p.value().copy(), p.name())).toList();
  }
}
