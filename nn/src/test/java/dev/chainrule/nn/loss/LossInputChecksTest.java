package dev.chainrule.nn.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Reduction;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Inputs that cannot give a meaningful loss are refused, each naming the loss and the value. */
class LossInputChecksTest {
  private static String refusal(Loss loss, Tensor prediction, Tensor target) {
    return assertThrows(IllegalArgumentException.class,
        () -> loss.compute(Variable.constant(prediction), target)).getMessage();
  }

  @Test
  void aMeanOverAnEmptyBatchIsRefusedByEveryClassificationLoss() {
    Tensor empty = Tensors.zeros(Shape.of(0, 3));
    for (Loss.BuiltIn loss : List.of(Loss.binaryCrossEntropy(),
        Loss.binaryCrossEntropyWithLogits(), Loss.categoricalCrossEntropy(),
        Loss.negativeLogLikelihood())) {
      assertEquals(name(loss) + ": prediction [0, 3] holds no values to average",
          refusal(loss, empty, empty), loss.toString());
      assertEquals(0, loss.withReduction(Reduction.SUM)
          .compute(Variable.constant(empty), empty).item(), 0,
          "a sum over nothing is 0 (−0 from the negated sum: hence the delta 0, not bitwise)");
    }
    assertEquals("softmaxCrossEntropy: logits [0, 3] hold no values to average",
        refusal(Loss.softmaxCrossEntropy(), empty, empty));
    assertEquals("softmaxCrossEntropy: logits [0, 3] hold no values to average",
        refusal(Loss.softmaxCrossEntropy(), empty, Tensors.zeros(Shape.of(0))), "class indices");
  }

  private static String name(Loss.BuiltIn loss) {
    return switch (loss.kind()) {
      case BINARY_CROSS_ENTROPY -> "binaryCrossEntropy";
      case BINARY_CROSS_ENTROPY_WITH_LOGITS -> "binaryCrossEntropyWithLogits";
      case CATEGORICAL_CROSS_ENTROPY -> "categoricalCrossEntropy";
      default -> "negativeLogLikelihood";
    };
  }

  @Test
  void softmaxCrossEntropyNeedsTwoClasses() {
    Tensor logits = Tensor.matrix(new double[][] {{3}, {-2}});
    assertEquals("softmaxCrossEntropy: logits [2, 1] hold a single class, whose softmax is always"
        + " 1 and loss always 0: a classifier needs at least 2 classes (for one yes/no output use"
        + " binaryCrossEntropyWithLogits)",
        refusal(Loss.softmaxCrossEntropy(), logits, Tensor.vector(0, 0)));
  }

  @Test
  void binaryCrossEntropyRefusesPredictionsAndTargetsOutsideZeroOne() {
    Tensor p = Tensor.matrix(new double[][] {{0.2, 0.7}, {1.25, 0.5}});
    Tensor y = Tensor.matrix(new double[][] {{0, 1}, {1, 0}});
    assertEquals("binaryCrossEntropy: prediction 1.25 at [1, 0] is not a probability in [0, 1]"
        + " (apply a sigmoid, or give logits to binaryCrossEntropyWithLogits)",
        refusal(Loss.binaryCrossEntropy(), p, y));
    Tensor q = Tensor.matrix(new double[][] {{0.2, 0.7}, {0.25, 0.5}});
    Tensor badY = Tensor.matrix(new double[][] {{0, 1}, {1, -0.5}});
    assertEquals("binaryCrossEntropy: target -0.5 at [1, 1] is not a probability in [0, 1]",
        refusal(Loss.binaryCrossEntropy(), q, badY));
    assertEquals("binaryCrossEntropyWithLogits: target -0.5 at [1, 1] is not a probability in"
        + " [0, 1]", refusal(Loss.binaryCrossEntropyWithLogits(), p, badY));
    assertEquals("binaryCrossEntropyWithLogits: target 2.0 at [0] is not a probability in [0, 1]",
        refusal(Loss.binaryCrossEntropyWithLogits(), Tensor.vector(1, 2), Tensor.vector(2, 1)));
    assertTrue(refusal(Loss.binaryCrossEntropy(), q, Tensor.matrix(new double[][] {{0, 1},
        {Double.NaN, 0}})).startsWith("binaryCrossEntropy: target NaN at [1, 0]"));
  }

  @Test
  void theEdgesOfZeroOneAreAcceptedAndANanPredictionGivesANanLoss() {
    Tensor edges = Tensor.vector(0, 1);
    assertTrue(Double.isFinite(Loss.binaryCrossEntropy().compute(Variable.constant(edges),
        Tensor.vector(1, 0)).item()), "0 and 1 are probabilities (log clamped)");
    // A diverged model's NaN is left to the loss: a trainer reports a NaN loss as divergence.
    assertTrue(Double.isNaN(Loss.binaryCrossEntropy().compute(
        Variable.constant(Tensor.vector(Double.NaN, 0.5)), edges).item()));
    Tensor float32 = Tensor.vector(0.5, 3).to(DType.FLOAT32);
    assertEquals("binaryCrossEntropy: prediction 3.0 at [1] is not a probability in [0, 1]"
        + " (apply a sigmoid, or give logits to binaryCrossEntropyWithLogits)",
        refusal(Loss.binaryCrossEntropy(), float32, edges), "float32 is read too");
  }

  @Test
  void softmaxCrossEntropyRefusesNegativeSoftTargets() {
    Tensor logits = Tensor.matrix(new double[][] {{0.3, -1.2, 2}, {1.5, 0.2, -0.7}});
    Tensor soft = Tensor.matrix(new double[][] {{0.5, 0.5, 0}, {1.5, -0.5, 0}});
    assertEquals("softmaxCrossEntropy: target -0.5 at [1, 1] is not a class probability (≥ 0):"
        + " target rows are one-hot or soft probabilities",
        refusal(Loss.softmaxCrossEntropy(), logits, soft));
    Tensor fine = Tensor.matrix(new double[][] {{0.5, 0.5, 0}, {0, 0.25, 0.75}});
    assertTrue(Loss.softmaxCrossEntropy().compute(Variable.constant(logits), fine).item() > 0);
  }
}
