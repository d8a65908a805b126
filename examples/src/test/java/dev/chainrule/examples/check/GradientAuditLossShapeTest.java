package dev.chainrule.examples.check;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import org.junit.jupiter.api.Test;

/**
 * A loss of one's own that gives one value per output column is named by the audit: the
 * engine's refusal told the caller to pass a gradient in "gradOutputs", an argument of an API
 * the audit's caller never uses.
 */
class GradientAuditLossShapeTest {
  @Test
  void aLossOfManyValuesIsNamedAsSuch() {
    Loss perColumn = (p, t) -> p.sub(Variable.constant(t)).square().sum(0, false);
    Tensor x = Tensors.randn(Shape.of(4, 3), 1L);
    Tensor y = Tensors.randn(Shape.of(4, 2), 2L);
    String message = assertThrows(IllegalArgumentException.class, () -> GradientAudit
        .checkNetwork(Sequential.of(Dense.of(3, 2, 1L)), perColumn, x, y, "own")).getMessage();
    assertTrue(message.startsWith("gradient audit: the loss "), message);
    assertTrue(message.contains(" gave [2] values, not one number;"), message);
  }
}
