package dev.chainrule.nn.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Where {@link Losses#binaryCrossEntropy} departs from PyTorch on purpose: PyTorch's rule divides
 * by max(p(1 − p), 10⁻¹²), so below p ≈ 10⁻¹² its gradient is not its loss's derivative; here it
 * is, down to e^−100. The figures are the Javadoc's; PyTorch 1.13's, measured with it, are in the
 * comments.
 */
class BinaryCrossEntropyExactGradientTest {
  @Test
  void belowPyTorchsCapTheGradientIsTheDerivative() {
    Variable p = Variable.parameter(Tensor.vector(1e-13), "p");
    Loss.binaryCrossEntropy().compute(p, Tensor.vector(1)).backward();
    // −y/p = −1e13; PyTorch gives −1.000000004e12, its cap. 1e-15 relative: one division and
    // the mean over one sample round it.
    assertEquals(-1e13, p.grad().flatGet(0), 1e-15 * 1e13);
  }

  @Test
  void aSaturatedSigmoidKeepsItsWholeGradient() {
    Variable z = Variable.parameter(Tensor.vector(-90), "z");
    Loss.binaryCrossEntropy().compute(z.sigmoid(), Tensor.vector(1)).backward();
    // σ(z) − y = −1 to the last bit (σ(−90) ≈ 8e-40 is far below half an ulp of 1); PyTorch's
    // capped rule gives −8.19e-28, which leaves a saturated unit almost nothing to learn from.
    // 1e-15: the chain (−1/σ)·σ(1 − σ) rounds twice.
    assertEquals(-1, z.grad().flatGet(0), 1e-15);
  }
}
