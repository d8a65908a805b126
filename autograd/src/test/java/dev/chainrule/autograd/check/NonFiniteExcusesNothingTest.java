package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.autograd.check.LocalizationReport.Finding;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A comparison that is not finite judges nothing, and excuses nothing either: one NaN central
 * difference (a step out of the domain at an element on its edge) made the whole check
 * NOT_FINITE, and localize passed a rule wrong at 899 of 900 finite comparisons. PyTorch's
 * gradcheck reports the mismatch.
 */
class NonFiniteExcusesNothingTest {
  /** √x with a rule of 0 at 0 (a "safe sqrt") and {@code c}/√x elsewhere. */
  private static Op safeSqrt(double c) {
    return Op.unary("safeSqrt", (ctx, t) -> t.sqrt(), (ctx, g) -> g.mul(Variable.constant(
        ctx.input(0).value().map(v -> v > 0 ? c / Math.sqrt(v) : 0))));
  }

  @Test
  void aWrongFiniteComparisonDecidesOverANonFiniteOne() {
    Op wrong = safeSqrt(0.25);
    GradCheckReport report = GradCheck.check(in -> wrong.apply(in.get(0)),
        List.of(Tensor.vector(0, 1, 4, 9)));
    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
    assertTrue(report.detail().contains("not finite"), report::toString);
  }

  @Test
  void aRightRuleBesideTheNonFiniteOneIsStillNotFinite() {
    Op right = safeSqrt(0.5);
    GradCheckReport report = GradCheck.check(in -> right.apply(in.get(0)),
        List.of(Tensor.vector(0, 1, 4, 9)));
    assertEquals(Verdict.NOT_FINITE, report.verdict(), report::toString);
  }

  @Test
  void localizeBlamesTheRuleAfterARelusZeros() {
    Variable w = Variable.parameter(Tensors.randn(Shape.of(3, 5), 2L));
    Variable h = Variable.constant(Tensors.randn(Shape.of(6, 3), 1L)).matmul(w).relu();
    LocalizationReport wrong = GradCheck.localize(safeSqrt(0.25).apply(h).square().mean());
    assertFalse(wrong.passed(), wrong::toString);
    assertEquals(1, wrong.wrong().size(), wrong::toString);
    LocalizationReport right = GradCheck.localize(safeSqrt(0.5).apply(h).square().mean());
    assertTrue(right.wrong().isEmpty(), right::toString);
    assertTrue(right.flagged().stream().allMatch(n -> n.finding() == Finding.NOT_FINITE),
        right::toString);
  }
}
