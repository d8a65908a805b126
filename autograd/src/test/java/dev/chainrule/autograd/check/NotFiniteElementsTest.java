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
 * Infinite output elements: a full Jacobian's NOT_FINITE report names the one that is not finite,
 * not the first; a projection takes one for a constant only where it holds at both steps.
 */
class NotFiniteElementsTest {
  @Test
  void theInfiniteOutputElementIsNamed() {
    Op pole = Op.unary("pole", (ctx, x) -> x.map(v -> v == 0 ? Double.POSITIVE_INFINITY : v),
        (ctx, g) -> g);
    GradCheckReport report = GradCheck.check(in -> pole.apply(in.get(0)),
        List.of(Tensor.vector(1, 0)));
    assertEquals(Verdict.NOT_FINITE, report.verdict(), report::toString);
    assertEquals(1, report.outputIndex(), report::toString);
    assertTrue(report.detail().contains("output element 1 is Infinity"), report::toString);
  }

  /**
   * Along random projections an infinite element with no gradient through it is a constant only
   * where it holds at both steps (a −∞ mask's); a pole at 0 whose rule gives 0 there is finite at
   * the steps, and the projection stays not finite, not compared without it.
   */
  @Test
  void aPoleWhoseRuleGivesZeroIsNotTakenForAConstantAlongProjections() {
    Op pole = Op.unary("pole", (ctx, x) -> x.map(v -> v == 0 ? Double.POSITIVE_INFINITY : v),
        (ctx, g) -> g.mul(Variable.constant(
            ctx.input(0).value().map(v -> v == 0 ? 0 : 1))));
    GradCheckReport report = GradCheck.check(in -> pole.apply(in.get(0)),
        List.of(Tensor.vector(1, 0, 2)), GradCheck.Options.defaults().withFullJacobianLimit(0));
    assertEquals("random projection", report.method(), report::toString);
    assertEquals(Verdict.NOT_FINITE, report.verdict(), report::toString);
  }
}
