package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A rule must be linear in its incoming gradient g. The full Jacobian feeds every row g = −2, so
 * a rule that clamps g to [−2, 2] or takes g·|g|/2 gave exactly the right rows and passed check,
 * OpSpec at both orders and localize.
 */
class LinearInGTest {
  private static final Tensor X = Tensor.matrix(new double[][] {{0.5, -1.2, 0.7},
      {1.3, -0.4, 2.0}});

  private static Op cube(String name, java.util.function.UnaryOperator<Variable> ofG) {
    return Op.unary(name, (ctx, t) -> t.pow(3),
        (ctx, g) -> ofG.apply(g).mul(ctx.input(0).square().mul(3)));
  }

  @Test
  void aRuleThatClampsGIsWrong() {
    Op clamped = cube("cubeClampedG", g -> g.clamp(-2, 2));
    GradCheckReport full = GradCheck.check(in -> clamped.apply(in.get(0)), List.of(X));
    assertEquals(Verdict.WRONG_DERIVATIVE, full.verdict(), full::toString);
    assertTrue(full.detail().contains("not linear in its incoming gradient"), full::toString);
    GradCheckReport projected = GradCheck.check(in -> clamped.apply(in.get(0)),
        List.of(Tensors.randn(Shape.of(100), 3L)));
    assertEquals(Verdict.WRONG_DERIVATIVE, projected.verdict(), projected::toString);
    SpecReport spec = OpSpec.unary("cubeClampedG", Inputs.Domain.ANY, clamped::apply)
        .check(10, 1L);
    assertFalse(spec.passed(), spec::toString);
  }

  @Test
  void aRuleThatSquaresGIsWrongEvenForAScalarOutput() {
    // g·|g|/2 is g itself at the full Jacobian's g = −2, and a scalar has one row.
    Op squared = cube("cubeSquaredG", g -> g.mul(g.abs()).mul(0.5));
    GradCheckReport report = GradCheck.check(in -> squared.apply(in.get(0)).sum(), List.of(X));
    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
    // The element is named, against the outputs weighted, with both of the engine's values.
    assertEquals(-1, report.outputIndex());
    assertEquals(2, report.inputIndex().length);
    assertTrue(report.toString().contains("the outputs weighted"), report::toString);
    LocalizationReport localized = GradCheck.localize(squared.apply(Variable.parameter(X)).sum());
    assertEquals(1, localized.wrong().size(), localized::toString);
  }

  /**
   * Linearity is judged with the comparisons' own tolerance, relative to the gradient's size: a
   * rule g·(1 + 1e-8·|g|) departs from linearity by 1e-8·64·|w| ≈ 1e-6 of its value at g = −64·w,
   * a tenth of rtol (1e-5), and passes, as its rows (g = −2, 2e-8 off) do. Against atol alone
   * (1e-6) its difference, up to about 1e-5 for gradients of 12, would have called it wrong.
   */
  @Test
  void aRuleNonLinearWellWithinRtolPasses() {
    Op nearly = cube("cubeNearlyLinear", g -> g.mul(g.abs().mul(1e-8).add(1)));
    GradCheckReport report = GradCheck.check(in -> nearly.apply(in.get(0)), List.of(X));
    assertTrue(report.passed(), report::toString);
  }

  @Test
  void aLinearRulePasses() {
    Op right = cube("cubeRight", g -> g);
    assertTrue(GradCheck.check(in -> right.apply(in.get(0)), List.of(X)).passed());
    assertTrue(GradCheck.check(in -> right.apply(in.get(0)),
        List.of(Tensors.randn(Shape.of(100), 3L))).passed());
    assertTrue(GradCheck.gradGradCheck(in -> right.apply(in.get(0)), List.of(X)).passed());
  }
}
