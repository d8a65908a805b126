package dev.chainrule.nn.reference;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.core.Transpose;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.autograd.Reduction;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The notes' closed forms for a sigmoid hidden layer H = σ(XW + b) and a softmax output
 * Y = softmax(HV + c) with summed cross-entropy against one-hot T:
 * ∂J/∂V = Hᵀ(Y − T), ∂J/∂W = Xᵀ(((Y − T)Vᵀ) ⊙ H ⊙ (1 − H)), and the bias gradients are the
 * column sums of Y − T and of ((Y − T)Vᵀ) ⊙ H ⊙ (1 − H).
 */
class ClosedFormsTest {
  @Test
  void sigmoidHiddenSoftmaxOutputCrossEntropy() {
    Tensor x = Tensors.randn(Shape.of(5, 4), 1L);
    Tensor w = Tensors.randn(Shape.of(4, 3), 2L);
    Tensor b = Tensors.randn(Shape.of(3), 3L);
    Tensor v = Tensors.randn(Shape.of(3, 2), 4L);
    Tensor c = Tensors.randn(Shape.of(2), 5L);
    Tensor t = Tensors.oneHot(new int[] {0, 1, 1, 0, 1}, 2);

    Tensor h = x.matmul(w).add(b).sigmoid();
    Tensor z = h.matmul(v).add(c);
    Tensor y = z.sub(z.logSumExp(1, true)).exp();
    Tensor outputError = y.sub(t);
    Tensor hiddenError = outputError.matmul(v, Transpose.RIGHT).mul(h).mul(h.neg().add(1));
    Tensor dV = h.matmul(outputError, Transpose.LEFT);
    Tensor dc = outputError.sum(0, false);
    Tensor dW = x.matmul(hiddenError, Transpose.LEFT);
    Tensor db = hiddenError.sum(0, false);

    Loss loss = Loss.categoricalCrossEntropy().withReduction(Reduction.SUM);
    DeltaRule.Result reference = DeltaRule.backprop(List.of(
        new DeltaRule.Layer(w.transpose(0, 1), b, Activation.sigmoid()),
        new DeltaRule.Layer(v.transpose(0, 1), c, Activation.softmax())), loss, x, t);
    // Dense layers store W and V as [out, in]: their gradients are the transposes.
    assertClose(dW.transpose(0, 1), reference.weightGradients().get(0));
    assertClose(db, reference.biasGradients().get(0));
    assertClose(dV.transpose(0, 1), reference.weightGradients().get(1));
    assertClose(dc, reference.biasGradients().get(1));

    Variable wv = Variable.parameter(w.transpose(0, 1));
    Variable bv = Variable.parameter(b);
    Variable vv = Variable.parameter(v.transpose(0, 1));
    Variable cv = Variable.parameter(c);
    Variable hidden = Variable.linear(Variable.constant(x), wv, bv).sigmoid();
    loss.compute(Variable.linear(hidden, vv, cv).softmax(1), t).backward();
    assertClose(dW.transpose(0, 1), wv.grad());
    assertClose(db, bv.grad());
    assertClose(dV.transpose(0, 1), vv.grad());
    assertClose(dc, cv.grad());
  }

  /** The same quantities through different but exact rearrangements: agreement to ~1e-15. */
  private static void assertClose(Tensor expected, Tensor actual) {
    assertTrue(actual.allClose(expected, 1e-12, 1e-14), () -> actual + " vs " + expected);
  }
}
