package dev.chainrule.examples.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Reduction;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import org.junit.jupiter.api.Test;

/** The audit takes the user's modules, activations and losses as it takes the built-ins. */
class GradientAuditTest {
  private static final Tensor X = Tensors.randn(Shape.of(6, 3), 1L);
  private static final Tensor Y = Tensors.randn(Shape.of(6, 1), 2L);

  private static final Loss HUBER = (prediction, target) -> {
    Variable error = prediction.sub(Variable.constant(target)).abs();
    return Variable.where(error.value().le(1), error.square().mul(0.5), error.sub(0.5)).mean();
  };

  /** A user's module with a skip connection around its hidden layer. */
  private static final class Residual extends Module {
    private final Dense input = registerModule("input", Dense.of(3, 5, 3L));
    private final Dense hidden = registerModule("hidden", Dense.of(5, 5, 4L));
    private final Dense output = registerModule("output", Dense.of(5, 1, 5L));
    private final Activation activation;

    Residual(Activation activation) {
      this.activation = activation;
    }

    @Override
    public Variable forward(Variable x) {
      Variable h = activation.forward(input.forward(x));
      return output.forward(h.add(activation.forward(hidden.forward(h))));
    }
  }

  @Test
  void aUsersModuleActivationAndLossAreCheckedAgainstFiniteDifferences() {
    Activation swish = Activation.of("swish", x -> x.mul(x.sigmoid()));
    GradientAudit.Finding finding =
        GradientAudit.checkNetwork(new Residual(swish), HUBER, X, Y, "residual swish huber");
    assertTrue(finding.passed(), finding.worst());
    assertFalse(finding.checkedByDeltaRule(), "the delta rule knows no user types");
    assertEquals(1, finding.checks());
    assertTrue(finding.relErrorFd() < 1e-5, finding.worst());
  }

  @Test
  void aUsersActivationWithAWrongDerivativeFails() {
    // swish whose rule forgot the product rule's second term: ∂x = g·σ(x) only.
    Op wrongSwish = Op.unary("swish", (ctx, x) -> x.mul(x.sigmoid()),
        (ctx, g) -> g.mul(ctx.input(0).sigmoid()));
    GradientAudit.Finding finding = GradientAudit.checkNetwork(
        new Residual(x -> wrongSwish.apply(x)), HUBER, X, Y, "wrong swish");
    assertFalse(finding.passed());
    assertTrue(finding.worst().contains("WRONG_DERIVATIVE"), finding.worst());
  }

  @Test
  void builtInNetworksAreAlsoCheckedByTheDeltaRule() {
    Sequential mlp = Sequential.of(Dense.of(3, 4, 6L), Activation.tanh(), Dense.of(4, 2, 7L));
    GradientAudit.Finding finding = GradientAudit.checkNetwork(mlp, Loss.softmaxCrossEntropy(),
        X, Tensor.vector(0, 1, 1, 0, 1, 0), "3-4-2 tanh");
    assertTrue(finding.passed(), finding.worst());
    assertEquals(2, finding.checks());
    // Engine and delta rule sum the same products in other orders: a few ulps of values ~0.1.
    assertTrue(finding.absErrorManual() < 1e-15, "" + finding.absErrorManual());
  }

  /** Per-sample losses are no one number to differentiate: refused by name, not by backward. */
  @Test
  void perSampleLossesAreRefused() {
    Sequential mlp = Sequential.of(Dense.of(3, 2, 6L));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GradientAudit.checkNetwork(mlp, Loss.softmaxCrossEntropy()
            .withReduction(Reduction.NONE), X, Tensor.vector(0, 1, 1, 0, 1, 0), "none"));
    assertEquals("gradient audit: the loss softmax-cross-entropy (none) gives per-sample losses"
        + " (Reduction.NONE); the audit checks the gradient of one number: use MEAN or SUM, or"
        + " weight the samples' losses in a Loss lambda", e.getMessage());
  }
}
