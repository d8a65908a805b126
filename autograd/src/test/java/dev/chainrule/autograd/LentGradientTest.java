package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.chainrule.core.DType;
import dev.chainrule.core.Recycling;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A gradient only lent ({@link Variable#borrowGrad}) goes back for reuse when it is zeroed, and
 * the next pass that draws on it computes exactly what a fresh array would hold; a gradient given
 * away by {@link Variable#grad()} is never reused.
 */
class LentGradientTest {
  /** Both weights have WIDTH² ≥ Recycling.MIN_ELEMENTS elements; the bias is too small to pool. */
  private static final int WIDTH = 32;
  private static final int BATCH = 16;

  @BeforeEach
  void emptyThePool() {
    Recycling.clear();
  }

  private static List<Variable> parameters(DType dtype) {
    return List.of(
        Variable.parameter(Tensors.randn(Shape.of(WIDTH, WIDTH), 1L).mul(0.3).to(dtype)),
        Variable.parameter(Tensors.randn(Shape.of(WIDTH), 2L).mul(0.1).to(dtype)),
        Variable.parameter(Tensors.randn(Shape.of(WIDTH, WIDTH), 3L).mul(0.3).to(dtype)));
  }

  private static Variable loss(List<Variable> params, Variable x) {
    Variable h = x.matmul(params.get(0)).add(params.get(1)).tanh();
    return h.matmul(params.get(2)).square().sum();
  }

  @Test
  void lentGradientsAreReusedAndTrainingMatchesAPassThatReusesNothing() {
    for (DType dtype : DType.values()) {
      List<Variable> params = parameters(dtype);
      for (int step = 0; step < 4; step++) {
        Variable x = Variable.constant(Tensors.randn(Shape.of(BATCH, WIDTH), 10L + step).to(dtype));
        // A recorded graph's gradients are values of it, never reused: the reference.
        List<Variable> reference = Gradients.of(List.of(loss(params, x)), params, null,
            Gradients.Options.creatingGraph());

        long before = Recycling.recycledCount();
        params.forEach(Variable::zeroGrad);
        assertEquals(step == 0 ? 0 : 2, Recycling.recycledCount() - before,
            dtype + " step " + step + ": the two weights' lent gradients, not the small bias's");
        loss(params, x).backward();
        for (int i = 0; i < params.size(); i++) {
          assertEquals(reference.get(i).value(), params.get(i).borrowGrad(),
              dtype + " step " + step + " parameter " + i + " (bitwise: the same kernels)");
        }
        for (Variable p : params) {
          p.value().axpyInPlace(-0.05, p.borrowGrad());
        }
      }
    }
  }

  @Test
  void aGradientGivenAwayByGradIsNeverReused() {
    List<Variable> params = parameters(DType.FLOAT64);
    Variable x = Variable.constant(Tensors.randn(Shape.of(BATCH, WIDTH), 4L));
    loss(params, x).backward();
    Tensor kept = params.get(0).grad();
    Tensor copy = kept.copy();

    long before = Recycling.recycledCount();
    params.forEach(Variable::zeroGrad);
    assertEquals(1, Recycling.recycledCount() - before, "only the other weight's, lent");
    assertNull(params.get(0).borrowGrad());
    for (int again = 0; again < 3; again++) {
      params.forEach(Variable::zeroGrad);
      loss(params, x.mul(again + 2.0)).backward();
    }
    assertEquals(copy, kept, "the kept gradient was not overwritten by later passes");
  }

  @Test
  void aSharedGradientAddedIntoTwoEarlierOnesIsReadWholeByBoth() {
    int n = 2 * Recycling.MIN_ELEMENTS;
    Variable x = Variable.parameter(Tensors.randn(Shape.of(n), 8L));
    Variable y = Variable.parameter(Tensors.randn(Shape.of(n), 9L));
    for (int pass = 1; pass <= 3; pass++) {
      // add hands both inputs the same gradient tensor; the first to add it may not recycle it
      // while the second still has to read it.
      x.add(y).exp().sum().backward();
      Tensor expected = x.value().add(y.value()).exp().mul(pass);
      // pass − 1 additions of the same value against one product: each rounds once, so the two
      // differ by at most a few ulps (2.2e-16 relative each).
      double tolerance = 1e-15 * pass;
      assertEquals(0, expected.sub(x.borrowGrad()).div(expected).abs().max().item(), tolerance,
          "x after pass " + pass);
      assertEquals(0, expected.sub(y.borrowGrad()).div(expected).abs().max().item(), tolerance,
          "y after pass " + pass);
    }
  }

  /** What one backward pass itself hands back, measured on copies of the parameters. */
  private static long recycledByAPass(List<Variable> params, Variable x) {
    List<Variable> copies = params.stream().map(p -> Variable.parameter(p.value().copy())).toList();
    long before = Recycling.recycledCount();
    loss(copies, x).backward();
    return Recycling.recycledCount() - before;
  }

  @Test
  void aSecondPassBeforeZeroingAddsIntoTheSameGradient() {
    List<Variable> params = parameters(DType.FLOAT64);
    Variable x = Variable.constant(Tensors.randn(Shape.of(BATCH, WIDTH), 5L));
    loss(params, x).backward();
    Tensor once = params.get(0).borrowGrad();
    Tensor doubled = once.mul(2);
    long byThePass = recycledByAPass(params, x);
    long before = Recycling.recycledCount();
    loss(params, x).backward();
    assertEquals(byThePass + 2, Recycling.recycledCount() - before,
        "besides the pass's own, its two weight gradients once added (not the small bias's)");
    assertSame(once, params.get(0).borrowGrad(), "accumulated in place, as in PyTorch");
    assertEquals(doubled, params.get(0).borrowGrad(), "g + g, the same kernels: bitwise");
  }
}
