package dev.chainrule.nn.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Reduction;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** {@link Loss#of}: what a lambda cannot say about itself, declared beside it. */
class LossOfTest {
  private static final Loss LAMBDA =
      (prediction, target) -> Loss.softmaxCrossEntropy().compute(prediction, target);

  @Test
  void answersWhatItDeclaresAndComputesTheWrappedLoss() {
    Loss declared = Loss.of(LAMBDA, Reduction.SUM, Loss.Outputs.CLASS_SCORES);
    assertEquals(Reduction.SUM, declared.reduction());
    assertEquals(Loss.Outputs.CLASS_SCORES, declared.outputs());
    assertTrue(declared.isClassification());
    Variable logits = Variable.constant(Tensor.matrix(new double[][] {{2, 0}, {0, 1}}));
    Tensor classes = Tensor.vector(0, 1);
    assertEquals(LAMBDA.compute(logits, classes).value().item(),
        declared.compute(logits, classes).value().item());
    assertEquals("Loss.of(a lambda, SUM, CLASS_SCORES)", declared.toString());
  }

  /** The answers it does not declare stay the wrapped loss's, not the interface's defaults. */
  @Test
  void leavesTheRestToTheWrappedLoss() {
    Loss weighted = Loss.softmaxCrossEntropy(
        CrossEntropyOptions.none().withIgnoreIndex(1));
    Loss declared = Loss.of(weighted, Reduction.MEAN, Loss.Outputs.CLASS_SCORES);
    assertEquals(OptionalInt.of(1), declared.ignoreIndex());
    assertFalse(declared.keepsForwardValues(), "the built-in keeps nothing");
    assertTrue(Loss.of(LAMBDA, Reduction.MEAN, Loss.Outputs.VALUES).keepsForwardValues(),
        "a lambda may keep what it made");
    Tensor prediction = Tensor.matrix(new double[][] {{1, 0}, {0, 1}, {1, 1}});
    Tensor target = Tensor.vector(0, 1, 1);
    // The one row of the three not ignored, where the interface's default would count 3.
    assertEquals(1.0, declared.meanWeight(prediction, target, 3));
    assertTrue(declared.toString().startsWith("Loss.of(" + weighted + ", MEAN"));
  }

  @Test
  void refusesANullPartByName() {
    assertEquals("Loss.of: the loss is null", assertThrows(NullPointerException.class,
        () -> Loss.of(null, Reduction.MEAN, Loss.Outputs.VALUES)).getMessage());
    assertEquals("Loss.of: the reduction is null", assertThrows(NullPointerException.class,
        () -> Loss.of(LAMBDA, null, Loss.Outputs.VALUES)).getMessage());
    assertEquals("Loss.of: the outputs are null", assertThrows(NullPointerException.class,
        () -> Loss.of(LAMBDA, Reduction.MEAN, null)).getMessage());
  }
}
