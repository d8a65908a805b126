package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.core.Transpose;
import org.junit.jupiter.api.Test;

/** The README's einsum snippet, verbatim, and what its comments promise. */
class EinsumReadmeTest {

  @Test
  void attentionScoresAndABilinearForm() {
    Variable q = Variable.parameter(Tensors.randn(Shape.of(2, 5, 8), 1L));  // [batch, query, d]
    Variable k = Variable.parameter(Tensors.randn(Shape.of(2, 7, 8), 2L));  // [batch, key, d]
    Variable scores = Variables.einsum("bqd,bkd->bqk", q, k).div(Math.sqrt(8));  // [2, 5, 7]
    Variable x = Variable.parameter(Tensor.vector(1, 2));
    Variable a = Variable.parameter(Tensor.matrix(new double[][] {{1, 0, 2}, {0, 3, 1}}));
    Variable y = Variable.parameter(Tensor.vector(1, 1, 1));
    Variable form = Variables.einsum("i,ij,j->", x, a, y);  // xᵀAy = 11
    form.backward();  // x.grad() is A·y = [3, 4], y.grad() is Aᵀ·x = [1, 6, 4]

    assertArrayEquals(new int[] {2, 5, 7}, scores.shape().dims());
    // The same product as q·kᵀ, one matmul each, so the same bits.
    assertEquals(q.value().matmul(k.value(), Transpose.RIGHT).div(Math.sqrt(8)), scores.value());
    // Whole numbers: every sum is exact.
    assertEquals(11, form.value().item());
    assertEquals(Tensor.vector(3, 4), x.grad());
    assertEquals(Tensor.vector(1, 6, 4), y.grad());
    assertEquals(Tensor.matrix(new double[][] {{1, 1, 1}, {2, 2, 2}}), a.grad(), "x·yᵀ");
  }
}
