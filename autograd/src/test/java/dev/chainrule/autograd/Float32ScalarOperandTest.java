package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * core's float32 factories refuse a finite value past float32's range, but an op's Java {@code
 * double} operand and an op's result are not factories: they overflow to ∞ as the same op on a
 * {@link Tensor} does and as PyTorch's float32 ops do ({@code torch.ones(2) * 1e39} is
 * {@code [inf, inf]}), and are never refused.
 */
class Float32ScalarOperandTest {
  @Test
  void aDoubleOperandPastFloat32OverflowsAsOnTensors() {
    Tensor ones = Tensor.of(new float[] {1f, -1f}, 2);
    Variable x = Variable.parameter(ones);
    Tensor expected = Tensor.of(new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}, 2);
    assertEquals(expected, x.mul(1e39).value());
    assertEquals(ones.mul(1e39), x.mul(1e39).value(), "as Tensor.mul");
  }

  @Test
  void aFloat32LossPastFloat32IsInfinite() {
    // Each row's loss is lse − z₁ = 3e38 + 3e38 = 6e38, past float32's 3.4e38 (PyTorch: inf).
    Tensor logits = Tensor.of(new float[] {3e38f, -3e38f, 3e38f, -3e38f}, 2, 2);
    Variable loss = Variable.parameter(logits)
        .softmaxCrossEntropy(Tensor.vector(1, 1), Reduction.SUM);
    assertEquals(DType.FLOAT32, loss.dtype());
    assertEquals(Float.POSITIVE_INFINITY, (float) loss.value().get(), 0f);
  }
}
