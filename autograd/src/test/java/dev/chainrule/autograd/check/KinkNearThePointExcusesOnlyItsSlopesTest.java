package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * [relu(x − 0.5), y²] at x = 0.5 + 2e-8, along random projections: the kink lies within the
 * step 1e-6 and 1e-7 but not 1e-8, so the central differences do not settle, and the kinked
 * output is set apart (NearKinks). Its kink excuses the engine's value over it only between its
 * one-sided slopes at the first step (about 0.01 and 1 of the direction's element): relu's right
 * rule (slope 1 right of the kink) lies there, a rule of 3 does not.
 */
class KinkNearThePointExcusesOnlyItsSlopesTest {
  private static GradCheckReport check(double slopeRightOfTheKink) {
    Op relu = Op.unary("relu", (ctx, z) -> z.relu(), (ctx, g) -> g.mul(Variable.constant(
        ctx.input(0).value().map(v -> v > 0 ? slopeRightOfTheKink : 0))));
    return GradCheck.check(in -> relu.apply(in.get(0).sub(0.5)).concat(0, in.get(1).square()),
        List.of(Tensor.vector(0.5 + 2e-8), Tensor.vector(0.7)),
        GradCheck.Options.defaults().withFullJacobianLimit(0));
  }

  @Test
  void theRightRuleIsExcusedByTheKinkNearThePoint() {
    GradCheckReport report = check(1);
    assertEquals(Verdict.FINITE_DIFFERENCE_ARTEFACT, report.verdict(), report::toString);
    assertTrue(report.detail().startsWith("1 of the 2 outputs have a kink within the first step,"
        + " near the point"), report::toString);
    assertTrue(report.detail().contains("over the kinked outputs the engine's value lies between"
        + " their one-sided slopes"), report::toString);
  }

  @Test
  void aRuleBeyondTheKinksSlopesIsNotExcused() {
    GradCheckReport report = check(3);
    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
    // The worst projection, whose steps straddle the kink, is wrong itself: its kink does not
    // excuse it (were it excused, a milder projection would be reported, "which does not excuse
    // this one"). 1e-12: the same weighted product times 3, apart by a few roundings at most.
    assertEquals(3 * check(1).analytical(), report.analytical(), 1e-12, report::toString);
    assertTrue(report.detail().startsWith("the numerical value does not settle as the step"
        + " shrinks"), report::toString);
  }

  /**
   * Both outputs from one input, [relu(x₀ − 0.5), x₁²], x = (0.5 + 2e-8, 0.7), with relu's right
   * rule and a rule of 2.5·x for the square: the output without a kink, compared alone, settles
   * apart from the engine (0.041 against 0.051), and that is reported.
   */
  @Test
  void aRuleWrongOnTheOutputsWithoutTheKinkIsWrongAwayFromIt() {
    Op square = Op.unary("square", (ctx, x) -> x.square(),
        (ctx, g) -> g.mul(Variable.constant(ctx.input(0).value().mul(2.5))));
    GradCheckReport report = GradCheck.check(in -> in.get(0).slice(0, 0, 1).sub(0.5).relu()
        .concat(0, square.apply(in.get(0).slice(0, 1, 2))),
        List.of(Tensor.vector(0.5 + 2e-8, 0.7)),
        GradCheck.Options.defaults().withFullJacobianLimit(0));
    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
    assertTrue(report.detail().startsWith("1 of the 2 outputs have a kink within the first step;"
        + " over the other outputs alone"), report::toString);
    assertTrue(report.detail().endsWith("the derivative is wrong away from the kinks"),
        report::toString);
  }
}
