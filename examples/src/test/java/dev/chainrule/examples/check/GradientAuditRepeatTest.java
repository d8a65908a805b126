package dev.chainrule.examples.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import org.junit.jupiter.api.Test;

/**
 * The audit of a network does not depend on gradients its parameters already hold (from an
 * earlier audit or the user's own backward), and its delta-rule tolerance grows with the
 * gradients' size. Found by mutation testing: dropping the audit's zeroGrad, or subtracting the
 * largest gradient from 1 instead of adding it, left every test passing.
 */
class GradientAuditRepeatTest {
  private static final Tensor X = Tensors.randn(Shape.of(6, 3), 1L);
  private static final Tensor Y = Tensor.vector(0, 1, 1, 0, 1, 0);

  private static Sequential mlp() {
    return Sequential.of(Dense.of(3, 4, 6L), Activation.tanh(), Dense.of(4, 2, 7L));
  }

  @Test
  void aSecondAuditOrOneAfterABackwardFindsTheSame() {
    Sequential model = mlp();
    GradientAudit.Finding first =
        GradientAudit.checkNetwork(model, Loss.softmaxCrossEntropy(), X, Y, "3-4-2 tanh");
    assertTrue(first.passed(), first.worst());
    // Bitwise the same: one model, one batch, the same sums in the same order.
    assertEquals(first,
        GradientAudit.checkNetwork(model, Loss.softmaxCrossEntropy(), X, Y, "3-4-2 tanh"));
    Sequential used = mlp();
    Loss.softmaxCrossEntropy().compute(used.forward(Variable.constant(X)), Y).backward();
    assertEquals(first,
        GradientAudit.checkNetwork(used, Loss.softmaxCrossEntropy(), X, Y, "3-4-2 tanh"));
  }

  @Test
  void aNetworkWithGradientsAboveOnePasses() {
    Tensor x = X.mul(100);
    Sequential model = Sequential.of(Dense.of(3, 4, 6L), Dense.of(4, 1, 7L));
    Tensor target = Tensors.randn(Shape.of(6, 1), 2L);
    Loss mse = Loss.meanSquaredError();
    mse.compute(model.forward(Variable.constant(x)), target).backward();
    double largest = model.parameters().stream()
        .mapToDouble(p -> p.borrowGrad().abs().max().item()).max().orElseThrow();
    assertTrue(largest > 1, "the premise: the largest gradient is " + largest);
    GradientAudit.Finding finding = GradientAudit.checkNetwork(model, mse, x, target, "×100");
    assertTrue(finding.passed(), finding.worst());
    assertEquals(2, finding.checks(), "checked by the delta rule too");
  }
}
