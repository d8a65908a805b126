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
  void aSecondPassBeforeZeroingAddsIntoTheSameGradient() {
    List<Variable> params = parameters(DType.FLOAT64);
    Variable x = Variable.constant(Tensors.randn(Shape.of(BATCH, WIDTH), 5L));
    loss(params, x).backward();
    Tensor once = params.get(0).borrowGrad();
    Tensor doubled = once.mul(2);
    loss(params, x).backward();
    assertSame(once, params.get(0).borrowGrad(), "accumulated in place, as in PyTorch");
    assertEquals(doubled, params.get(0).borrowGrad(), "g + g, the same kernels: bitwise");
  }
}
