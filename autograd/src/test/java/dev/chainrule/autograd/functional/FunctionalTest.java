package dev.chainrule.autograd.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.DifferentiableFunction;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The functional API on functions whose derivatives are known in closed form, and its errors. */
class FunctionalTest {
  private static final Tensor X = Tensor.vector(0.5, -1, 2);

  @Test
  void theReadmeSnippetGivesJacobianColumnsAndHessianColumns() {
    UnaryOperator<Variable> f = v -> v.tanh().mul(v);  // f(x) = x·tanh x, elementwise
    Tensor x = Tensor.vector(0.5, -1, 2);
    Tensor jacobian = Functional.jacobian(f, x);  // [3, 3]: ∂fᵢ/∂xⱼ (diagonal: f is elementwise)
    Tensor jv = Functional.jvp(f, x, Tensor.vector(1, 0, 0)).product();  // J·v without forming J
    Tensor hessian = Functional.hessian(v -> f.apply(v).sum(), x);  // of a scalar function
    Tensor hv = Functional.hvp(v -> f.apply(v).sum(), x, Tensor.vector(1, 0, 0)).products().get(0);

    // f′ = tanh x + x·(1 − tanh²x), f″ = 2·(1 − tanh²x)·(1 − x·tanh x); to rounding (1e-14).
    Tensor t = x.tanh();
    Tensor slope = t.add(x.mul(t.square().neg().add(1)));
    Tensor curvature = t.square().neg().add(1).mul(x.mul(t).neg().add(1)).mul(2);
    assertTrue(jacobian.allClose(Tensors.eye(3).mul(slope), 1e-14, 1e-14), jacobian::toString);
    assertTrue(hessian.allClose(Tensors.eye(3).mul(curvature), 1e-14, 1e-14), hessian::toString);
    // The products are the first columns: computed without the matrices, same to rounding.
    assertTrue(jv.allClose(Tensor.vector(slope.get(0), 0, 0), 1e-14, 1e-14), jv::toString);
    assertTrue(hv.allClose(Tensor.vector(curvature.get(0), 0, 0), 1e-14, 1e-14), hv::toString);
  }

  @Test
  void derivativesOfElementwiseCubesAreDiagonal() {
    // f(x) = x³: J = diag(3x²); g(x) = Σx³: H = diag(6x). Exact in floating point up to rounding.
    Tensor jacobian = Functional.jacobian(x -> x.pow(3), X);
    assertTrue(jacobian.allClose(Tensor.matrix(new double[][] {
        {0.75, 0, 0}, {0, 3, 0}, {0, 0, 12}}), 1e-14, 0), jacobian::toString);
    Functional.Jvp jvp = Functional.jvp(x -> x.pow(3), X, Tensor.vector(1, 2, 3));
    assertTrue(jvp.product().allClose(Tensor.vector(0.75, 6, 36), 1e-14, 0), jvp::toString);
    assertTrue(jvp.value().allClose(Tensor.vector(0.125, -1, 8), 1e-15, 0));
    Functional.Vjp vjp = Functional.vjp(x -> x.pow(3), X, Tensor.vector(1, 2, 3));
    assertTrue(vjp.products().get(0).allClose(Tensor.vector(0.75, 6, 36), 1e-14, 0));
    Tensor hessian = Functional.hessian(x -> x.pow(3).sum(), X);
    assertTrue(hessian.allClose(Tensor.matrix(new double[][] {
        {3, 0, 0}, {0, -6, 0}, {0, 0, 12}}), 1e-14, 0), hessian::toString);
    Functional.Hvp hvp = Functional.hvp(x -> x.pow(3).sum(), X, Tensor.vector(1, 1, 1));
    assertTrue(hvp.products().get(0).allClose(Tensor.vector(3, -6, 12), 1e-14, 0));
    assertEquals(0.125 - 1 + 8, hvp.value().item(), "Σx³ of short binary fractions: exact");
  }

  @Test
  void severalInputsGiveBlocks() {
    // f(a, b) = Σ a·b² for a [2] and b [2]: ∂²f/∂a∂b = diag(2b), ∂²f/∂b² = diag(2a), ∂²f/∂a² = 0.
    DifferentiableFunction f = in -> in.get(0).mul(in.get(1).square()).sum();
    Tensor a = Tensor.vector(1, 2);
    Tensor b = Tensor.vector(3, -1);
    List<List<Tensor>> h = Functional.hessian(f, List.of(a, b));
    // Products of small whole numbers: exact (allClose, as a zero may come out as −0).
    assertTrue(Tensors.zeros(2, 2).allClose(h.get(0).get(0), 0, 0));
    assertTrue(Tensor.matrix(new double[][] {{6, 0}, {0, -2}}).allClose(h.get(0).get(1), 0, 0));
    assertTrue(Tensor.matrix(new double[][] {{6, 0}, {0, -2}}).allClose(h.get(1).get(0), 0, 0));
    assertTrue(Tensor.matrix(new double[][] {{2, 0}, {0, 4}}).allClose(h.get(1).get(1), 0, 0));
    // A Jacobian's shape is the output's shape, then the input's.
    List<Tensor> j = Functional.jacobian(in -> in.get(0).unsqueeze(1).mul(in.get(1)),
        List.of(a, Tensors.ones(3)));
    assertEquals(Shape.of(2, 3, 2), j.get(0).shape());
    assertEquals(Shape.of(2, 3, 3), j.get(1).shape());
  }

  @Test
  void aFunctionThatIgnoresItsInputHasZeroDerivatives() {
    Tensor c = Tensor.vector(4, 5);
    assertEquals(Tensors.zeros(2, 3), Functional.jacobian(x -> Variable.constant(c), X));
    assertEquals(Tensors.zeros(2),
        Functional.jvp(x -> Variable.constant(c), X, Tensors.ones(3)).product());
    assertEquals(Tensors.zeros(3, 3), Functional.hessian(x -> x.sum(), X), "linear");
    assertEquals(Tensors.zeros(3), Functional.hvp(x -> x.mul(2).sum(), X, X).products().get(0));
    // The identity's Jacobian is the unit matrix, and its jvp the tangent itself.
    assertEquals(Tensors.eye(3), Functional.jacobian(x -> x, X));
    assertEquals(Tensor.vector(1, 2, 3), Functional.jvp(x -> x, X, Tensor.vector(1, 2, 3))
        .product());
  }

  @Test
  void worksInsideANoGradScopeAndKeepsTheInputsType() {
    try (var scope = Autograd.noGrad()) {
      Tensor h = Functional.hessian(x -> x.pow(3).sum(), X);
      assertEquals(-6, h.get(1, 1), "6x at x = −1: products of small whole numbers, exact");
      Functional.Jvp jvp = Functional.jvp(x -> x.tanh(), X.to(DType.FLOAT32), Tensors.ones(3));
      assertEquals(DType.FLOAT32, jvp.product().dtype());
      assertTrue(jvp.product().allClose(X.tanh().square().neg().add(1), 1e-6, 0));
    }
  }

  @Test
  void badArgumentsAreNamed() {
    IllegalArgumentException cotangent = assertThrows(IllegalArgumentException.class,
        () -> Functional.vjp(x -> x.sum(), X, Tensors.ones(3)));
    assertEquals("vjp: the cotangent has shape [3], expected []", cotangent.getMessage());
    IllegalArgumentException tangent = assertThrows(IllegalArgumentException.class,
        () -> Functional.jvp(x -> x, X, Tensors.ones(2)));
    assertEquals("jvp: the tangent 0 has shape [2], expected [3]", tangent.getMessage());
    IllegalArgumentException scalar = assertThrows(IllegalArgumentException.class,
        () -> Functional.hessian(x -> x, X));
    assertEquals("hessian: the function must return one element, not shape [3]",
        scalar.getMessage());
    IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
        () -> Functional.hvp(in -> in.get(0).sum(), List.of(X), List.of()));
    assertEquals("hvp: 0 vectors for 1 inputs", count.getMessage());
    NullPointerException noPoint = assertThrows(NullPointerException.class,
        () -> Functional.jacobian(x -> x, (Tensor) null));
    assertEquals("jacobian: x is null", noPoint.getMessage());
    NullPointerException noVector = assertThrows(NullPointerException.class,
        () -> Functional.hvp(x -> x.sum(), X, null));
    assertEquals("hvp: v is null", noVector.getMessage());
  }

  @Test
  void aRuleThatCannotBeDifferentiatedAgainIsRefusedByJvp() {
    Op square = Op.unary("square", (ctx, x) -> x.square(),
        (ctx, g) -> g.mul(Variable.constant(ctx.input(0).value().mul(2)))).firstOrderOnly();
    assertEquals(Tensor.vector(1, -2, 4), Functional.vjp(square::apply, X, Tensors.ones(3))
        .products().get(0), "first order works");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Functional.jvp(square::apply, X, Tensors.ones(3)));
    assertTrue(e.getMessage().startsWith("jvp: differentiates the backward rules, and backward:"
        + " op 'square' does not support higher-order gradients"), e.getMessage());
  }
}
