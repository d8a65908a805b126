package dev.chainrule.nn.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Reduction;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import org.junit.jupiter.api.Test;

/**
 * Shape refusals that name the way out of two common layouts: sequence logits in PyTorch's
 * [N, K, T] (the classes are chainrule's last axis), and regression targets [N] beside a
 * prediction [N, 1], refused before with no word of what to do.
 */
class LossLayoutHintsTest {
  private static String refusal(Loss loss, Tensor prediction, Tensor target) {
    return assertThrows(IllegalArgumentException.class,
        () -> loss.compute(Variable.constant(prediction), target)).getMessage();
  }

  @Test
  void sequenceLogitsInPyTorchsLayoutAreToldWhereTheClassesGo() {
    // PyTorch's [N, K, T] = [2, 3, 4] with targets [N, T] = [2, 4].
    Tensor logits = Tensors.randn(Shape.of(2, 3, 4), 5L);
    Tensor targets = Tensor.matrix(new double[][] {{0, 1, 2, 1}, {2, 2, 0, 1}});
    String expected = "softmaxCrossEntropy: logits [2, 3, 4] and targets [2, 4] do not match:"
        + " targets are class indices (the logits' shape without the last axis) or rows like the"
        + " logits; the classes are the last axis (4 here), PyTorch's are axis 1: logits"
        + " in its layout go in as logits.permute(0, 2, 1)";
    assertEquals(expected, refusal(Loss.softmaxCrossEntropy(), logits, targets));
    assertEquals(expected, refusal(Loss.softmaxCrossEntropy().withReduction(Reduction.NONE),
        logits, targets));
    assertEquals("categoricalCrossEntropy: prediction [2, 3, 4] and target [2, 4] do not match"
        + " (targets are class indices, the prediction's shape without the last axis, or rows"
        + " like the prediction; the classes are the last axis (4 here), PyTorch's are axis 1:"
        + " logits in its layout go in as logits.permute(0, 2, 1))",
        refusal(Loss.categoricalCrossEntropy(), logits.softmax(-1), targets));
    // The way out works: permuted, the targets match.
    assertEquals(Shape.scalar(), Loss.softmaxCrossEntropy().compute(
        Variable.constant(logits).permute(0, 2, 1), targets).value().shape());
  }

  @Test
  void imageLogitsAreToldTheirOwnPermutation() {
    // Segmentation logits in PyTorch's [N, K, H, W] = [2, 3, 4, 5], targets [N, H, W].
    Tensor logits = Tensors.randn(Shape.of(2, 3, 4, 5), 5L);
    Tensor targets = Tensors.zeros(2, 4, 5);
    String message = refusal(Loss.softmaxCrossEntropy(), logits, targets);
    assertTrue(message.endsWith("logits in its layout go in as logits.permute(0, 2, 3, 1)"),
        message);
    assertEquals(Shape.scalar(), Loss.softmaxCrossEntropy().compute(
        Variable.constant(logits).permute(0, 2, 3, 1), targets).value().shape());
  }

  @Test
  void regressionTargetsWithoutTheLastAxisAreToldToReshape() {
    Tensor prediction = Tensors.randn(Shape.of(8, 1), 1L);
    Tensor target = Tensor.vector(1, 2, 3, 4, 5, 6, 7, 8);
    assertEquals("meanSquaredError: prediction [8, 1] and target [8] do not match (targets go"
        + " in the prediction's shape [8, 1]: reshape them, or load them as labels of shape"
        + " [N, K], e.g. [N, 1])", refusal(Loss.meanSquaredError(), prediction, target));
    // Another mismatch keeps the plain refusal: no reshape would make it fit.
    assertEquals("meanSquaredError: prediction [8, 2] and target [8] do not match",
        refusal(Loss.meanSquaredError(), Tensors.randn(Shape.of(8, 2), 1L), target));
  }
}
