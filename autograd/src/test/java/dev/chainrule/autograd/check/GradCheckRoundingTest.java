package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rounding in a right function's values, which central differences divide by the step: it was
 * diagnosed WRONG_DERIVATIVE. When the differences scatter more the smaller the step and two
 * larger steps agree with the engine, the verdict is INCONCLUSIVE, which blames neither the rule
 * nor the function: a real ripple finer than those steps that the rule leaves out looks the same
 * (GradCheckDiagnosisTest). A wrong rule under the same rounding is still called wrong.
 */
class GradCheckRoundingTest {
  private static final List<Tensor> POINT = List.of(Tensor.vector(0.3, -0.7, 1.1));
  /** An ulp of 1e7 is 1.9e-9: at a step of 1e-6 the rounding of x + 1e7 is about 1e-3 of it. */
  private static final double OFFSET = 1e7;

  /** (x + 1e7) − 1e7 computed on tensors, whose rule claims the slope {@code slope}. */
  private static Op shifted(double slope) {
    return Op.unary("shifted", (ctx, x) -> x.add(OFFSET).sub(OFFSET), (ctx, g) -> g.mul(slope));
  }

  private static GradCheckReport check(Op op, GradCheck.Options options) {
    return GradCheck.check(in -> op.apply(in.get(0)), POINT, options);
  }

  @Test
  void cancellationInARightFunctionIsInconclusiveNotAWrongDerivative() {
    GradCheckReport report = check(shifted(1), GradCheck.Options.defaults());
    assertFalse(report.passed(), "the comparison at eps 1e-6 is off by ~1e-3: " + report);
    assertEquals(Verdict.INCONCLUSIVE, report.verdict(), report::toString);
    assertTrue(report.detail().contains("as rounding in the function's values does"),
        report::toString);
    assertTrue(report.detail().contains("check with an eps of 0.001"), report::toString);
    // The advice works: at 1e-3 the rounding is ~2e-6 of the slope, within rtol = 1e-5 (the
    // function is linear, so the larger step adds no truncation error).
    GradCheckReport larger = check(shifted(1), GradCheck.Options.defaults().withEps(1e-3));
    assertTrue(larger.passed(), larger::toString);
  }

  /**
   * A rule 1e-3 off, about the rounding's share at eps: the differences scatter the same way,
   * but no larger step agrees with it (at 1e-3 the rounding is 2e-6, the error 1e-3).
   */
  @Test
  void aWrongRuleUnderTheSameRoundingIsStillWrong() {
    for (double slope : new double[] {1.001, 1.01, 0.5}) {
      GradCheckReport report = check(shifted(slope), GradCheck.Options.defaults());
      assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
    }
  }

  /**
   * float32 rounding inside a map (which Float64Only cannot see: the tensor stays float64) is up
   * to 6e-8 of the value, up to ~5e-5 of the slope even at a step of 1e-3. Where no two larger
   * steps agree with the engine (element 1 here), the check cannot be excused, and the verdict
   * stays WRONG_DERIVATIVE, hedged as it was: this is the limit of the diagnosis. The rule is
   * right; checked with float32's step and tolerances (Float64Only's advice) it passes.
   */
  @Test
  void roundingNoTwoLargerStepsResolveIsNotExcused() {
    Op sin32 = Op.unary("sin32", (ctx, x) -> x.map(v -> (float) Math.sin(v)),
        (ctx, g) -> g.mul(Variable.constant(ctx.input(0).value().map(Math::cos))));
    GradCheckReport report = GradCheck.check(in -> sin32.apply(in.get(0)), POINT);
    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
    assertTrue(report.detail().contains("or the function is too rough or too noisy at these"
        + " steps for central differences to tell"), report::toString);
    GradCheckReport float32Settings = GradCheck.check(in -> sin32.apply(in.get(0)), POINT,
        GradCheck.Options.defaults().withEps(1e-2).withTolerances(1e-4, 1e-3));
    assertTrue(float32Settings.passed(), float32Settings::toString);
  }
}
