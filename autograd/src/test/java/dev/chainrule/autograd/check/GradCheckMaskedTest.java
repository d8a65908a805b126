package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A causal mask of −∞, the standard way to mask attention scores, passes through outputs and
 * inputs that stay −∞ at every step: ∞ − ∞ made each central difference NaN, and a right rule
 * was reported not finite, its node not checked by localize.
 */
class GradCheckMaskedTest {
  /** Lower-triangular: row i sees columns 0..i. */
  private static final Tensor CAUSAL = Tensors.ones(3, 3).tril();
  private static final Tensor MINUS_INFINITY =
      Tensors.full(Shape.of(3, 3), Double.NEGATIVE_INFINITY);

  /** softmax over masked scores, weighted: a one-head attention's core. */
  private static Variable attention(Variable scores, Variable values) {
    Variable masked = Variable.where(CAUSAL, scores, Variable.constant(MINUS_INFINITY));
    return masked.softmax(-1).matmul(values);
  }

  private static final List<Tensor> POINT = List.of(
      Tensor.matrix(new double[][] {{0.2, -0.5, 0.9}, {1.1, 0.3, -0.7}, {-0.4, 0.8, 0.1}}),
      Tensor.matrix(new double[][] {{0.5, -1}, {0.25, 2}, {-0.75, 1.5}}));

  @Test
  void theMaskedOutputChecksByFullJacobian() {
    GradCheckReport report = GradCheck.check(in -> attention(in.get(0), in.get(1)), POINT);
    assertTrue(report.passed(), report::toString);
  }

  @Test
  void theMaskedOutputChecksByProjections() {
    GradCheckReport report = GradCheck.check(in -> attention(in.get(0), in.get(1)), POINT,
        GradCheck.Options.defaults().withFullJacobianLimit(1));
    assertTrue(report.passed(), report::toString);
  }

  @Test
  void anOutputThatStaysMinusInfinityChecks() {
    // The masked scores themselves are the output: −∞ at three elements, at every step.
    GradCheckReport report = GradCheck.check(
        in -> Variable.where(CAUSAL, in.get(0), Variable.constant(MINUS_INFINITY)),
        List.of(POINT.get(0)));
    assertTrue(report.passed(), report::toString);
  }

  @Test
  void localizeChecksEveryNodeOfTheMaskedGraph() {
    Variable scores = Variable.parameter(POINT.get(0));
    Variable values = Variable.parameter(POINT.get(1));
    Variable out;
    try (var scope = Autograd.enableGrad()) {
      out = attention(scores, values).sum();
    }
    LocalizationReport report = GradCheck.localize(out);
    // Nothing flagged: no node wrong, none at a kink, none left unchecked as not finite.
    assertEquals(List.of(), report.flagged(), report::toString);
  }

  /**
   * checkParameters moves the parameters in place for its central differences. Whether a
   * projection's infinite elements are a mask's took one more backward pass after the first
   * projection's differences, and mul's rule, which reads its inputs, refused the graph as
   * "modified in place after the forward pass": a right rule, and the check threw.
   */
  @Test
  void parametersBehindAMaskCheckByProjections() {
    Variable scores = Variable.parameter(POINT.get(0));
    Variable values = Variable.parameter(POINT.get(1));
    GradCheckReport report = GradCheck.checkParameters(
        () -> Variable.where(CAUSAL, scores.mul(scores).add(values.sum()),
            Variable.constant(MINUS_INFINITY)),
        List.of(scores, values), GradCheck.Options.defaults().withFullJacobianLimit(0));
    assertTrue(report.passed(), report::toString);
    assertEquals(POINT.get(0), scores.value(), "restored");
  }

  @Test
  void anOverflowIsStillNotFiniteByEitherMethod() {
    // x² at 1.5e154 overflows and stays ∞ at both steps, like a mask, but its gradient is not 0.
    for (int limit : new int[] {1_000, 0}) {
      GradCheckReport report = GradCheck.check(in -> in.get(0).mul(in.get(0)),
          List.of(Tensor.vector(1.5e154, 2, 3)),
          GradCheck.Options.defaults().withFullJacobianLimit(limit));
      assertEquals(GradCheckReport.Verdict.NOT_FINITE, report.verdict(), report::toString);
    }
  }

  @Test
  void aWrongRuleAtAPoleIsNotExcused() {
    // log x² at 0 is −∞, and the same finite value at ±h: the central difference is exactly 0,
    // as at a mask, but the point is a pole. The rule g·2x (right: 2g/x) gives 0 there too.
    Op logSquare = Op.unary("logsq", (ctx, x) -> x.square().log(),
        (ctx, g) -> g.mul(ctx.input(0).mul(2)));
    for (int limit : new int[] {1_000, 0}) {
      GradCheckReport report = GradCheck.check(in -> logSquare.apply(in.get(0)),
          List.of(Tensor.vector(0, 1.5)),
          GradCheck.Options.defaults().withFullJacobianLimit(limit));
      assertFalse(report.passed(), report::toString);
    }
  }
}
