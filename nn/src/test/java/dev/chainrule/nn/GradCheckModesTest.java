package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.autograd.check.GradCheckReport;
import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.loss.Loss;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Gradient checks of models with layers that behave differently in training: Dropout draws a new
 * mask at every evaluation, which the check names instead of blaming a rule; batch normalization
 * in training mode depends on the batch alone and checks, its running statistics moved by every
 * evaluation of the check, as by any forward pass in training mode.
 */
class GradCheckModesTest {
  private static final Tensor X = Tensors.randn(Shape.of(5, 4), 1L);
  private static final Tensor Y = Tensors.randn(Shape.of(5, 1), 2L);

  private static Supplier<Variable> loss(Module model) {
    return () -> Loss.meanSquaredError().compute(model.forward(Variable.constant(X)), Y);
  }

  @Test
  void dropoutInTrainingModeIsNotDeterministicAndPassesInEvaluationMode() {
    Sequential model = Sequential.of(Dense.of(4, 8, 1L), Activation.tanh(), Dropout.of(0.5, 2L),
        Dense.of(8, 1, 3L));
    GradCheckReport training = GradCheck.checkParameters(loss(model), model.parameters());
    assertFalse(training.passed(), training::toString);
    assertEquals(Verdict.NOT_DETERMINISTIC, training.verdict(), training::toString);
    assertTrue(training.detail().contains("put Dropout and other random layers in evaluation"
        + " mode"), training::toString);
    assertFalse(training.toString().contains("wrong"), training::toString);

    model.eval();
    GradCheckReport evaluation = GradCheck.checkParameters(loss(model), model.parameters());
    assertTrue(evaluation.passed(), evaluation::toString);
  }

  /**
   * 6 parameters (weight and bias of 3 features) and a scalar loss: the full Jacobian, 2 runs per
   * parameter, after the recorded run and the run that tells whether the loss is deterministic.
   */
  @Test
  void batchNormInTrainingModeChecksAndEveryRunMovesItsStatistics() {
    BatchNorm1d norm = BatchNorm1d.of(3);
    Tensor x = Tensors.randn(Shape.of(6, 3), 4L);
    GradCheckReport report = GradCheck.checkParameters(
        () -> norm.forward(Variable.constant(x)).tanh().sum(), norm.parameters());
    assertTrue(report.passed(), report::toString);
    assertEquals(6, report.comparisons());
    assertEquals(1 + 1 + 2 * 6, norm.batchesTracked(), "one update per forward pass");
  }
}
