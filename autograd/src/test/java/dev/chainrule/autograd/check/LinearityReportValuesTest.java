package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The values a report of a rule not linear in g carries: the engine's value farther from the
 * central difference as the analytical one, and the errors computed from the two reported values.
 * Found by mutation testing: LinearInGTest checks the verdict and the wording, and the arithmetic
 * of the report (the choice of value, |a − n|, the relative error, the step) could be changed
 * without a test failing.
 */
class LinearityReportValuesTest {
  private static final Tensor X = Tensor.matrix(new double[][] {{0.5, -1.2, 0.7},
      {1.3, -0.4, 2.0}});

  @Test
  void aClampedRuleIsReportedWithItsScaledValueAndConsistentErrors() {
    // x³ with a rule that clamps g to [−2, 2]: at x = 2 (element [1, 2]) the derivative is 12,
    // so ⟨w, f⟩ changes by 12·w per unit of x; with g = −64·w the clamp gives 24 there, −0.375
    // per unit of w, which is farther from 12·w than the unclamped run's own 12·w.
    Op clamped = Op.unary("cubeClampedG", (ctx, t) -> t.pow(3),
        (ctx, g) -> g.clamp(-2, 2).mul(ctx.input(0).square().mul(3)));
    GradCheckReport r = GradCheck.check(in -> clamped.apply(in.get(0)).sum(), List.of(X));
    assertEquals(Verdict.WRONG_DERIVATIVE, r.verdict(), r::toString);
    assertArrayEquals(new int[] {1, 2}, r.inputIndex(), r::toString);
    assertEquals(-1, r.outputIndex(), r::toString);
    // 24 / −64 is exact in binary.
    assertEquals(-0.375, r.analytical(), 0, r::toString);
    // 12·w with w = −1.4262711752…; the central difference of a cubic at step 1e-6·2 is exact to
    // its own rounding, ~1e-9 relative, so 1e-6 absolute is ample and far below |w|.
    assertEquals(-17.1152541, r.numerical(), 1e-6, r::toString);
    assertEquals(Math.abs(r.analytical() - r.numerical()), r.absError(), 0, r::toString);
    // One division of the same doubles: equal up to a unit of rounding of a value near 1.
    assertEquals(r.absError() / Math.max(Math.abs(r.analytical()), Math.abs(r.numerical())),
        r.relError(), 1e-15, r::toString);
    // The scaled run's own value, before it is divided by −64 back.
    assertTrue(r.detail().contains("with g = -64·w it is 24.00000000, which is -0.3750000000 per"
        + " unit of w"), r::toString);
  }

  @Test
  void aRuleThatDropsSmallGIsReportedWithItsUnscaledValue() {
    // x³ with a rule that drops every g below 2 in size: right at the full Jacobian's g = −2,
    // and at −64·w for all but the smallest w, but 0 with g = w where |w| < 2. That run's 0 is
    // the value farther from the central difference, and the one reported.
    Op deadZone = Op.unary("cubeDeadZoneG", (ctx, t) -> t.pow(3),
        (ctx, g) -> g.mul(Variable.constant(g.value().map(v -> Math.abs(v) >= 2 ? 1 : 0)))
            .mul(ctx.input(0).square().mul(3)));
    GradCheckReport r = GradCheck.check(in -> deadZone.apply(in.get(0)), List.of(X));
    assertEquals(Verdict.WRONG_DERIVATIVE, r.verdict(), r::toString);
    assertTrue(r.detail().startsWith("the rule is not linear in its incoming gradient"),
        r::toString);
    assertEquals(0, r.analytical(), 0, r::toString);
    // The central difference of ⟨w, f⟩ is far from 0: the whole value is the error.
    assertEquals(Math.abs(r.numerical()), r.absError(), 0, r::toString);
    assertTrue(Math.abs(r.numerical()) > 0.1, r::toString);
  }
}
