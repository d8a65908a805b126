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
import java.util.List;
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

  private static final Tensor X4 = Tensors.randn(Shape.of(6, 4), 3L);
  private static final Tensor Y3 = Tensors.randn(Shape.of(6, 3), 4L);

  /**
   * Nested Sequentials are compared layer by layer like flat ones: the audit once walked the top
   * level only, compared no gradient in blocks of Sequentials yet reported a match, and paired
   * the wrong layers when blocks and Dense layers mixed (a shape error).
   */
  @Test
  void nestedSequentialsAreComparedWithTheDeltaRule() {
    List<Sequential> models = List.of(
        Sequential.of(Sequential.of(Dense.of(4, 5, 1L), Activation.tanh()),
            Sequential.of(Dense.of(5, 3, 2L))),
        Sequential.of(Sequential.of(Dense.of(4, 5, 1L), Activation.tanh()), Dense.of(5, 3, 2L)));
    for (Sequential model : models) {
      GradientAudit.Finding finding =
          GradientAudit.checkNetwork(model, Loss.meanSquaredError(), X4, Y3, "nested");
      assertTrue(finding.passed(), finding.worst());
      assertEquals(2, finding.checks());
      // Both sum the same products in other orders: a few ulps of gradients ~0.1–1.
      assertTrue(finding.absErrorManual() < 1e-14, "" + finding.absErrorManual());
    }
  }

  /** A hook doubling the nested first layer's weight gradient is caught by the delta rule. */
  @Test
  void aWrongGradientInsideANestedSequentialFails() {
    Dense first = Dense.of(4, 5, 1L);
    first.weight().registerHook(g -> g.mul(2.0));
    Sequential model = Sequential.of(Sequential.of(first, Activation.tanh()),
        Sequential.of(Dense.of(5, 3, 2L)));
    GradientAudit.Finding finding =
        GradientAudit.checkNetwork(model, Loss.meanSquaredError(), X4, Y3, "doubled");
    assertFalse(finding.passed());
    // The doubled gradient is off by the whole gradient, ~0.1 and more, not by rounding.
    assertTrue(finding.absErrorManual() > 1e-3, "" + finding.absErrorManual());
  }

  /**
   * A weight tied across two layers gets the sum of its uses' gradients, which the audit forms
   * from the delta rule's per-layer ones; compared use by use, a correct engine failed (0.45), and
   * the report read "PASSED".
   */
  @Test
  void aTiedWeightIsComparedWithTheSumOfItsUses() {
    Dense first = Dense.of(4, 4, 1L);
    Sequential model = Sequential.of(first, Activation.tanh(),
        Dense.sharing(first.weight(), Tensors.zeros(4)), Activation.tanh(), Dense.of(4, 3, 2L));
    GradientAudit.Finding finding =
        GradientAudit.checkNetwork(model, Loss.meanSquaredError(), X4, Y3, "tied");
    assertTrue(finding.passed(), finding.worst());
    assertEquals(2, finding.checks());
    // A few ulps of gradients ~0.1–1, as for untied layers.
    assertTrue(finding.absErrorManual() < 1e-14, "" + finding.absErrorManual());
  }

  /** Where only the delta rule disagrees, the report says so, not the passing difference check. */
  @Test
  void aDeltaRuleDisagreementIsNamedInTheReport() {
    Dense first = Dense.of(4, 4, 1L);
    Sequential model = Sequential.of(first, Activation.tanh(), Dense.of(4, 3, 2L));
    // A hook adding 1e-8 stays inside the finite-difference check's tolerance, while the rule,
    // exact to ulps, sees it.
    first.bias().registerHook(g -> g.add(1e-8));
    GradientAudit.Finding finding =
        GradientAudit.checkNetwork(model, Loss.meanSquaredError(), X4, Y3, "nudged");
    assertFalse(finding.passed());
    assertTrue(finding.worst().startsWith("parameter 0.bias: the engine's gradient differs from"
        + " the hand-derived delta rule's by up to 1.00e-08"), finding.worst());
    // Allowed: 1e-10 of one plus the largest gradient (of order 0.1 to 1 here), not less.
    assertTrue(finding.worst().matches(".* \\(allowed [1-9]\\.\\d\\de-10\\)"), finding.worst());
  }

  /**
   * The delta rule's tolerance is 1e-10 of the largest gradient (plus one): with targets a
   * thousand times larger, gradients of hundreds and more allow the 1e-8 that fails above.
   */
  @Test
  void theDeltaRulesToleranceGrowsWithTheGradients() {
    Dense first = Dense.of(4, 4, 1L);
    Sequential model = Sequential.of(first, Activation.tanh(), Dense.of(4, 3, 2L));
    first.bias().registerHook(g -> g.add(1e-8));
    GradientAudit.Finding finding = GradientAudit.checkNetwork(model,
        Loss.meanSquaredError(), X4, Y3.mul(1000), "nudged, large");
    assertTrue(finding.passed(), finding.worst());
    // The nudge is still seen, to the rounding of gradients of ~1000 (1e-13 each).
    assertEquals(1e-8, finding.absErrorManual(), 1e-11);
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
