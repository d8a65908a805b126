package dev.chainrule.autograd.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.DifferentiableFunction;
import dev.chainrule.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What hvp computes where the Hessian is not symmetric. Its two passes give the gradient of
 * ⟨∇f, v⟩, vᵀ·H (PyTorch's vhp); second derivatives commute, so that is H·v for f's own ops, but a
 * gradient hook that changes gradients breaks the symmetry. Found by the session's functional-API
 * hunter: PyTorch 1.13's hvp gives H·v there (by a third pass), ours vᵀ·H, as its Javadoc now says.
 */
class HvpAsymmetricHessianTest {
  /** f(a, b) = a^b with the gradient at a^b negated by a hook. */
  private static final DifferentiableFunction NEGATED = xs -> {
    Variable h = xs.get(0).pow(xs.get(1));
    h.registerHook(Variable::neg);
    return h.sum();
  };
  private static final List<Tensor> POINT = List.of(Tensor.vector(1.5), Tensor.vector(0.7));

  @Test
  void hvpIsTheHessiansRowCombinationWhereTheHessianIsAsymmetric() {
    List<List<Tensor>> hessian = Functional.hessian(NEGATED, POINT);
    double h01 = hessian.get(0).get(1).item();
    double h10 = hessian.get(1).get(0).item();
    // PyTorch 1.13's hessian of the same function: [[0.1240, -1.1368], [-0.6341, 0.2184]]. The
    // two off-diagonal entries differ by half their size, so the test below can tell a row
    // from a column.
    assertEquals(-1.1368, h01, 1e-4);
    assertEquals(-0.6341, h10, 1e-4);

    List<Tensor> products = Functional.hvp(NEGATED, POINT,
        List.of(Tensor.vector(1), Tensor.vector(0))).products();
    // vᵀ·H for v = (1, 0) is H's first row; H·v would be its first column (PyTorch's hvp:
    // 0.1240, -0.6341). Both passes run the same ops as hessian's rows, so the same bits up to
    // the dot product's one addition of zero: 1e-15.
    assertEquals(hessian.get(0).get(0).item(), products.get(0).item(), 1e-15);
    assertEquals(h01, products.get(1).item(), 1e-15);
    assertTrue(Math.abs(products.get(1).item() - h10) > 0.4, "a column, not a row");
  }
}
