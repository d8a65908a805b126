package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import org.junit.jupiter.api.Test;

/**
 * Variable's smaller promises: how it prints, which variables keep a gradient, a leaf's type
 * changed in place (and a computed one refused), the single-axis overloads and squeeze. Found by
 * mutation testing (issue 15). Values are exact (sums of small whole numbers) except logSumExp,
 * compared with the same reduction over an axis array, which must agree exactly.
 */
class VariableEdgesTest {

  @Test
  void printsItsNameAndWhatMadeIt() {
    Tensor one = Tensor.vector(1);
    assertEquals("Variable(w = leaf, " + one + ")", Variable.parameter(one, "w").toString());
    assertEquals("Variable(leaf, " + one + ")", Variable.parameter(one).toString());
    assertEquals("Variable(constant, " + one + ")", Variable.constant(one).toString());
  }

  @Test
  void onlyLeavesThatRequireGradientsAndRetainedNodesKeepOne() {
    Variable p = Variable.parameter(Tensor.vector(1, 2));
    Variable c = Variable.constant(Tensor.vector(3, 4));
    Variable hidden = p.mul(c);
    Variable kept = p.mul(2).retainGrad();
    hidden.add(kept).sum().backward();
    assertEquals(Tensor.vector(5, 6), p.grad());
    assertNull(c.grad(), "a constant");
    assertNull(hidden.grad(), "an intermediate node not asked to retain its gradient");
    assertEquals(Tensor.vector(1, 1), kept.grad());
  }

  /**
   * A later pass adds into a retained non-leaf's gradient out of place, so one read before keeps
   * its value, and into a leaf's in place, as PyTorch 1.13 (its retain_grad hook sums grad + new,
   * AccumulateGrad adds in place); this added into both in place before. The reference:
   * <pre>
   * x = torch.tensor([1., 2], requires_grad=True); h = x.mul(3); h.retain_grad(); l = h.sum()
   * l.backward(retain_graph=True); h1, x1 = h.grad, x.grad
   * l.backward(retain_graph=True); h2 = h.grad; l.backward()
   * # h1 [1, 1], h2 [2, 2], h.grad [3, 3]; x1 [9, 9] and x1 is x.grad
   * </pre>
   * Exact: sums of small whole numbers.
   */
  @Test
  void aRetainedNonLeafGradientIsSummedOutOfPlaceALeafsInPlace() {
    Variable x = Variable.parameter(Tensor.vector(1, 2));
    Variable h = x.mul(3).retainGrad();
    Variable l = h.sum();
    l.backward(null, Gradients.Options.retainingGraph());
    Tensor h1 = h.grad();
    Tensor x1 = x.grad();
    l.backward(null, Gradients.Options.retainingGraph());
    Tensor h2 = h.grad();
    l.backward(null, Gradients.Options.retainingGraph());
    assertEquals(Tensor.vector(1, 1), h1, "read after the first pass, kept by the caller");
    assertEquals(Tensor.vector(2, 2), h2, "read after the second pass, kept by the caller");
    assertEquals(Tensor.vector(3, 3), h.grad());
    assertSame(x1, x.grad(), "a leaf's gradient is added into in place");
    assertEquals(Tensor.vector(9, 9), x1);
    // zeroGrad forgets the sum, and the next pass starts a new one.
    h.zeroGrad();
    l.backward();
    assertEquals(Tensor.vector(1, 1), h.grad());
    assertEquals(Tensor.vector(2, 2), h2, "a gradient given out is never reused");
  }

  /**
   * Retaining the gradient of a variable no pass reaches (a constant, or a value computed under
   * noGrad) was accepted and its grad() stayed null without a word; PyTorch's retain_grad refuses
   * a tensor that does not require grad.
   */
  @Test
  void retainingTheGradientOfAConstantIsRefused() {
    Variable p = Variable.parameter(Tensor.vector(1, 2));
    Variable unrecorded;
    try (var scope = Autograd.noGrad()) {
      unrecorded = p.mul(2);
    }
    for (Variable v : new Variable[] {Variable.constant(Tensor.vector(3, 4)), unrecorded}) {
      IllegalStateException e = assertThrows(IllegalStateException.class, v::retainGrad);
      assertTrue(e.getMessage().startsWith("retainGrad: the variable (" + v.opName()
          + ") does not require a gradient"), e::getMessage);
    }
  }

  /**
   * The gradient changes type with its variable, as PyTorch's module.to converts .grad: a
   * gradient accumulated before the conversion is kept (0.1 rounded to float32, exactly), and the
   * next backward pass adds to it in the new type.
   */
  @Test
  void aLeafsGradientChangesTypeWithIt() {
    Variable p = Variable.parameter(Tensor.vector(1, 2));
    p.mul(0.1).sum().backward();
    Tensor before = p.grad();
    p.toInPlace(DType.FLOAT32);
    assertEquals(Tensor.vector(0.1, 0.1).to(DType.FLOAT32), p.grad());
    p.mul(2).sum().backward();
    assertEquals(Tensor.vector(0.1f + 2f, 0.1f + 2f).to(DType.FLOAT32), p.grad());
    assertEquals(Tensor.vector(0.1, 0.1), before, "the gradient given out before is not changed");
  }

  @Test
  void aLeafChangesTypeInPlaceAComputedVariableDoesNot() {
    Variable p = Variable.parameter(Tensor.vector(1, 2));
    assertSame(p, p.toInPlace(DType.FLOAT32));
    assertEquals(DType.FLOAT32, p.dtype());
    Variable y = p.mul(2);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> y.toInPlace(DType.FLOAT64));
    assertTrue(e.getMessage().startsWith("toInPlace: the variable was computed by 'mul'"),
        e.getMessage());
    IllegalStateException named = assertThrows(IllegalStateException.class,
        () -> p.mul(2).named("y").toInPlace(DType.FLOAT64));
    assertTrue(named.getMessage().startsWith("toInPlace: 'y' was computed by 'mul'"),
        named.getMessage());
  }

  @Test
  void singleAxisOverloadsAndSqueeze() {
    Variable x = Variable.parameter(Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3));
    assertEquals(Tensor.of(new double[] {2.5, 3.5, 4.5}, 1, 3), x.mean(0, true).value());
    assertEquals(x.logSumExp(new int[] {1}, false).value(), x.logSumExp(1, false).value());
    assertEquals(Shape.of(2), x.logSumExp(1, false).shape());
    assertEquals(Shape.of(3), Variable.parameter(Tensors.zeros(1, 3, 1)).squeeze().shape());
  }

  /** triu() and tril() keep the main diagonal and what lies above it, or below it. */
  @Test
  void theTrianglesWithoutADiagonalStartAtTheMainOne() {
    Variable x = Variable.parameter(Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3));
    assertEquals(Tensor.of(new double[] {1, 2, 3, 0, 5, 6}, 2, 3), x.triu().value());
    assertEquals(Tensor.of(new double[] {1, 0, 0, 4, 5, 0}, 2, 3), x.tril().value());
  }

  @Test
  void sizeAndDimAreTheValues() {
    Variable x = Variable.parameter(Tensors.zeros(2, 3));
    assertEquals(6, x.size());
    assertEquals(3, x.dim(-1));
    assertEquals(2, x.dim(0));
    assertEquals(1, Variable.constant(Tensor.scalar(4)).size());
    assertEquals("dim: axis 2 out of range for shape [2, 3]",
        assertThrows(IllegalArgumentException.class, () -> x.dim(2)).getMessage());
  }
}
