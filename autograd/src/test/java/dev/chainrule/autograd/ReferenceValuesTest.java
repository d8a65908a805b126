package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Pool2dOptions;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import org.junit.jupiter.api.Test;

/**
 * Values the catalogue's gradient checks cannot vouch for: a value and a rule wrong in the same
 * way agree with each other (a pooling that sums instead of averaging, a loss that drops a factor
 * in both), so these ops are held to their definitions, written out by hand or in other ops.
 * Found by mutation testing (issue 15).
 */
class ReferenceValuesTest {

  @Test
  void averagePoolingAveragesEachWindow() {
    Variable x = Variable.parameter(Tensor.of(new double[] {
        1, 2, 3, 4,
        5, 6, 7, 8}, 1, 1, 2, 4));
    Variable pooled = x.avgPool2d(Pool2dOptions.of(2));
    // (1 + 2 + 5 + 6) / 4 and (3 + 4 + 7 + 8) / 4: exact in binary.
    assertEquals(Tensor.of(new double[] {3.5, 5.5}, 1, 1, 1, 2), pooled.value());
    pooled.sum().backward();
    assertEquals(Tensors.full(x.shape(), 0.25, x.dtype()), x.grad());
  }

  @Test
  void averagePoolingNeedsFourAxes() {
    Variable plane = Variable.parameter(Tensors.ones(1, 2, 4));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> plane.avgPool2d(Pool2dOptions.of(2)));
    assertEquals("avgPool2d: input [1, 2, 4] should be [batch, channels, height, width]",
        e.getMessage());
  }

  /** Named as the pooling it is, with the caller's input: the convolution's message was not. */
  @Test
  void aPoolingKernelLargerThanTheInputIsNamedAsMaxPoolingNamesIt() {
    Tensor x = Tensors.ones(2, 3, 2, 2);
    String max = assertThrows(IllegalArgumentException.class,
        () -> x.maxPool2d(Pool2dOptions.of(3))).getMessage();
    assertEquals("maxPool2d: input [2, 3, 2, 2]: a 3×3 kernel (stride 3, padding 0, dilation 1)"
        + " does not fit a 2×2 input", max);
    assertEquals(max.replace("maxPool2d", "avgPool2d"), assertThrows(
        IllegalArgumentException.class,
        () -> Variable.parameter(x).avgPool2d(Pool2dOptions.of(3))).getMessage());
    // One axis fits and the other is one short: each axis is checked (a 3×3 window, stride 1).
    Pool2dOptions window = Pool2dOptions.builder(3, 3).stride(1).build();
    assertEquals("avgPool2d: input [1, 1, 4, 2]: a 3×3 kernel (stride 1, padding 0, dilation 1)"
        + " does not fit a 4×2 input", assertThrows(IllegalArgumentException.class,
        () -> Variable.parameter(Tensors.ones(1, 1, 4, 2)).avgPool2d(window)).getMessage());
    assertEquals("avgPool2d: input [1, 1, 2, 4]: a 3×3 kernel (stride 1, padding 0, dilation 1)"
        + " does not fit a 2×4 input", assertThrows(IllegalArgumentException.class,
        () -> Variable.parameter(Tensors.ones(1, 1, 2, 4)).avgPool2d(window)).getMessage());
    assertEquals(Shape.of(1, 1, 1, 1),
        Variable.parameter(Tensors.ones(1, 1, 3, 3)).avgPool2d(window).shape(), "a window fits");
  }

  /**
   * A dilated window (which PyTorch's average pooling does not take) can cover padding only: the
   * taps at −1 and 1 around one row. Counting the padding it averages to 0; without the padding
   * there is nothing to divide by, which is refused, as max pooling refuses it, rather than
   * answered with 0 / 0.
   */
  @Test
  void aMeanOverNoInputIsRefused() {
    Variable x = Variable.parameter(Tensors.ones(1, 1, 1, 1));
    Pool2dOptions.Builder window = Pool2dOptions.builder(2, 1).stride(1).padding(1, 0)
        .dilation(2, 1);
    assertEquals(Tensors.zeros(1, 1, 1, 1), x.avgPool2d(window.build()).value());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> x.avgPool2d(window.countIncludePad(false).build()));
    assertEquals("avgPool2d: input [1, 1, 1, 1]: some window (kernel (2, 1), stride 1, padding"
        + " (1, 0), dilation (2, 1), padding not counted) covers only padding, which a mean"
        + " without it cannot divide", e.getMessage());
  }

  /**
   * Soft targets need not sum to 1 (weighted classes, a row of counts): the loss is the
   * cross-entropy −Σₖ yₖ·log softmax(z)ₖ all the same. Tolerance 1e-14: the fused form and the
   * written-out one round differently, a few ulps of a loss of 5.7 (8.9e-16 each) and of
   * gradients below 2.5 (measured equal).
   */
  @Test
  void softTargetsThatDoNotSumToOneWeighTheLogProbabilities() {
    Tensor logits = Tensor.matrix(new double[][] {{1, 2, 0}, {0.5, -1, 3}});
    Tensor targets = Tensor.matrix(new double[][] {{2, 0, 0.5}, {0.25, 0.25, 0}});
    Variable z = Variable.parameter(logits);
    Variable fused = z.softmaxCrossEntropy(targets, Reduction.SUM);
    Variable zz = Variable.parameter(logits);
    Variable written = zz.logSoftmax(-1).mul(Variable.constant(targets)).sum().neg();
    assertEquals(written.item(), fused.item(), 1e-14);
    fused.backward();
    written.backward();
    assertTrue(z.grad().allClose(zz.grad(), 0, 1e-14), () -> z.grad() + " vs " + zz.grad());
  }
}
