package dev.chainrule.examples.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.BatchNorm1d;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Dropout;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The audit runs the model many times in its own mode; the model it hands back is the one it
 * was given, so that an audited model predicts, trains and saves as before.
 */
class GradientAuditLeavesModelTest {
  private static final Tensor X = Tensors.randn(Shape.of(6, 3), 1L);
  private static final Tensor Y = Tensors.randn(Shape.of(6, 2), 2L);

  /**
   * A batch normalization in training mode updated its running statistics at every one of the
   * check's runs (71 batches counted for this model, the running mean moved by up to 0.19), so
   * the audited model predicted otherwise in evaluation mode; and the audit's backward replaced
   * the gradients the user had accumulated.
   */
  @Test
  void buffersParametersAndGradientsAreBitwiseAsBefore() {
    BatchNorm1d norm = BatchNorm1d.of(4);
    Sequential model = Sequential.of(Dense.of(3, 4, 3L), norm, Activation.tanh(),
        Dense.of(4, 2, 4L));
    // Statistics and gradients of two batches, so that what is restored is no default value.
    for (int i = 0; i < 2; i++) {
      Loss.meanSquaredError().compute(model.forward(Variable.constant(X.mul(i + 1))), Y)
          .backward();
    }
    Map<String, Tensor> state = copies(model.stateDict());
    Map<String, Tensor> gradients = new LinkedHashMap<>();
    model.namedParameters().forEach((name, p) -> gradients.put(name, p.grad().copy()));

    GradientAudit.Finding finding =
        GradientAudit.checkNetwork(model, Loss.meanSquaredError(), X, Y, "batch norm");

    // The check itself is unchanged: training mode normalizes by the batch's own statistics,
    // which the running ones never enter.
    assertTrue(finding.passed(), finding.worst());
    assertEquals(2, norm.batchesTracked());
    assertEquals(state, copies(model.stateDict()), "parameters and buffers, bit for bit");
    model.namedParameters().forEach((name, p) ->
        assertEquals(gradients.get(name), p.grad(), name + "'s gradient, bit for bit"));
    assertTrue(model.isTraining(), "the model's mode");
  }

  /** A model without gradients yet has none after the audit either. */
  @Test
  void noGradientsAppear() {
    Sequential model = Sequential.of(Dense.of(3, 4, 3L), Activation.tanh(), Dense.of(4, 2, 4L));
    GradientAudit.Finding finding =
        GradientAudit.checkNetwork(model, Loss.meanSquaredError(), X, Y, "fresh");
    assertTrue(finding.passed(), finding.worst());
    assertEquals(2, finding.checks(), "the delta rule still compared the engine's gradients");
    model.parameters().forEach(p -> assertNull(p.borrowGrad()));
  }

  /**
   * A dropout layer in training mode drew its masks from its own generator at every run: a
   * seeded run then differed with the audit and without it. The verdict stays: random masks are
   * no function to take differences of.
   */
  @Test
  void aDropoutLayersGeneratorIsNotAdvancedAndTheVerdictStays() {
    Sequential audited =
        Sequential.of(Dense.of(3, 4, 3L), Dropout.of(0.5, 5L), Dense.of(4, 2, 4L));
    Sequential untouched =
        Sequential.of(Dense.of(3, 4, 3L), Dropout.of(0.5, 5L), Dense.of(4, 2, 4L));
    GradientAudit.Finding finding =
        GradientAudit.checkNetwork(audited, Loss.meanSquaredError(), X, Y, "dropout");
    assertFalse(finding.passed());
    assertTrue(finding.worst().contains("NOT_DETERMINISTIC"), finding.worst());
    // The same masks next: the same values bit for bit.
    assertEquals(untouched.forward(Variable.constant(X)).value(),
        audited.forward(Variable.constant(X)).value());
  }

  /** The model's own buffer tensors are kept (values put back), not replaced. */
  @Test
  void theBufferTensorsAreTheModulesOwn() {
    BatchNorm1d norm = BatchNorm1d.of(4);
    Module model = Sequential.of(Dense.of(3, 4, 3L), norm, Dense.of(4, 2, 4L));
    Tensor mean = model.namedBuffers().get("1.running_mean");
    GradientAudit.checkNetwork(model, Loss.meanSquaredError(), X, Y, "batch norm");
    assertSame(mean, model.namedBuffers().get("1.running_mean"));
  }

  private static Map<String, Tensor> copies(Map<String, Tensor> state) {
    Map<String, Tensor> copies = new LinkedHashMap<>();
    state.forEach((name, t) -> copies.put(name, t.copy()));
    return copies;
  }
}
