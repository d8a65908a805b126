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
 * Values far from 1: the step is at least 1e-8 of the value stepped from (x moves by
 * max(eps, 1e-8·|x|)), a value that overflows is named as an overflow, and a pass that only the
 * absolute tolerance allowed says so.
 */
class GradCheckMagnitudeTest {
  private static final Op SIN = Op.unary("sin", (ctx, x) -> x.map(Math::sin),
      (ctx, g) -> g.mul(Variable.constant(ctx.input(0).value().map(Math::cos))));

  /**
   * At 3e8 an absolute step of 1e-6 is 17 ulps of x and moves x² (9e16, ulps of 16) by 1200:
   * central differences were 1.3 % off a right rule. The step 3 moves it by 3.6e9.
   */
  @Test
  void aRightRuleAtLargeValuesPasses() {
    GradCheckReport report = GradCheck.check(v -> v.get(0).square(),
        List.of(Tensor.vector(1e8, -3e8)));
    assertTrue(report.passed(), report::toString);
    // Square's central difference has no truncation error; what is left is the rounding of x²,
    // half an ulp (8) at each end of a change of 3.6e9: 4.4e-9 at most.
    assertTrue(report.relError() < 4.5e-9, report::toString);

    GradCheckReport projected = GradCheck.check(v -> v.get(0).square().sum(),
        List.of(Tensors.randn(Shape.of(8, 8), 2L).mul(1e9)),
        GradCheck.Options.defaults().withFullJacobianLimit(1));
    assertEquals("random projection", projected.method());
    assertTrue(projected.passed(), projected::toString);
  }

  /**
   * A fully relative step (eps·|x|, 1e-2 at 1e4) would fail sin there by its truncation error,
   * (1e-2)²/6 ≈ 1.7e-5 of the slope; an absolute one rounds x ± 1e-6 by up to 1e-6 of the step.
   * At 1e-4 the truncation error is 1.7e-9, the rounding 1e-8.
   */
  @Test
  void aSmoothFunctionOfOrdinaryCurvatureAtLargeValuesPasses() {
    GradCheckReport report = GradCheck.check(v -> SIN.apply(v.get(0)),
        List.of(Tensor.vector(1e4, -12345.6, 1e5)));
    assertTrue(report.passed(), report::toString);
  }

  /**
   * At 1e8 the step is 1, over which sin's central difference errs by 0.099; at steps 0.1 and
   * 0.01 by 0.0010 and 1.3e-5, converging on the engine's cos, where a wrong rule's error stays
   * put. Reported as the step's artefact, naming the step, not as "probably wrong"; a rule 1 %
   * off at the same point still is wrong.
   */
  @Test
  void aRightRuleWhoseStepIsTooCoarseIsTheStepsArtefact() {
    GradCheckReport report = GradCheck.check(v -> SIN.apply(v.get(0)),
        List.of(Tensor.vector(1e8)));
    assertEquals(Verdict.FINITE_DIFFERENCE_ARTEFACT, report.verdict(), report::toString);
    assertTrue(report.detail().contains("the numerical value approaches the engine's as the step"
        + " shrinks") && report.detail().contains("this element's step was 1, max(eps,"),
        report::toString);
    Op offSin = Op.unary("sin", (ctx, x) -> x.map(Math::sin),
        (ctx, g) -> g.mul(Variable.constant(ctx.input(0).value().map(Math::cos).mul(1.01))));
    GradCheckReport wrong = GradCheck.check(v -> offSin.apply(v.get(0)),
        List.of(Tensor.vector(1e8)));
    assertEquals(Verdict.WRONG_DERIVATIVE, wrong.verdict(), wrong::toString);
  }

  @Test
  void aWrongRuleAtLargeValuesIsStillWrong() {
    Op steepSquare = Op.unary("square", (ctx, x) -> x.square(),
        (ctx, g) -> g.mul(ctx.input(0)).mul(2.02));
    GradCheckReport report = GradCheck.check(v -> steepSquare.apply(v.get(0)),
        List.of(Tensor.vector(1e8, -3e8)));
    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
    assertTrue(report.detail().endsWith("the derivative is wrong"), report::toString);
  }

  /**
   * What the relative floor costs: at 1e4 the step is 1e-4 and straddles a jump 5e-5 away, which
   * the step 1e-6 of a value of 50 does not; the diagnosis steps over it at a tenth.
   */
  @Test
  void theStepIsAbsoluteUpToOneHundredAndRelativeBeyond() {
    GradCheckReport large = GradCheck.check(v -> v.get(0).sub(1e4 + 5e-5).sign(),
        List.of(Tensor.vector(1e4)));
    assertEquals(Verdict.FINITE_DIFFERENCE_ARTEFACT, large.verdict(), large::toString);
    // The change of 2 over twice the step 1e-4, up to the rounding of 1e4 ± 1e-4.
    assertEquals(1e4, large.numerical(), 1e-4, large::toString);
    // The report's eps is the option's; the detail names the step this element moved by.
    assertTrue(large.detail().startsWith("this element's step was 0.0001, max(eps, 1e-8·|x|);"
        + " at step 1e-05 the numerical value is 0.000000000 and agrees"), large::toString);
    GradCheckReport small = GradCheck.check(v -> v.get(0).sub(50 + 5e-6).sign(),
        List.of(Tensor.vector(50)));
    assertTrue(small.passed(), small::toString);
  }

  /**
   * exp just past ln(Double.MAX_VALUE) ≈ 709.782712893384 is +∞, and so it is a step (7.1e-6,
   * 1e-8·|x|) above, but finite a step below: the edge of the overflow lies within the step, and
   * an overflow is claimed only when both neighbours are infinite.
   */
  @Test
  void aValueInfiniteOnOneSideOnlyIsNotCalledAnOverflow() {
    double x = 709.782712893384 + 3e-6;
    assertEquals(Double.POSITIVE_INFINITY, Math.exp(x));
    assertTrue(Double.isFinite(Math.exp(x - 1e-8 * x)));
    GradCheckReport report = GradCheck.check(v -> v.get(0).exp(), List.of(Tensor.vector(x)));
    assertEquals(Verdict.NOT_FINITE, report.verdict(), report::toString);
    assertTrue(report.detail().contains("not differentiable there"), report::toString);
    assertFalse(report.detail().contains("overflows float64"), report::toString);
  }

  /**
   * Every element of 1e307·x at x near 10 is finite (about 1e308), but their weighted sum over 400
   * elements, the projected output, is not: the projection overflows, which says nothing about the
   * derivative (each element's is 1e307).
   */
  @Test
  void aProjectionThatOverflowsWhileEveryElementIsFiniteIsNamedAsSuch() {
    Tensor x = Tensors.rand(Shape.of(20, 20), 3L).add(9.5);
    GradCheckReport report = GradCheck.check(v -> v.get(0).mul(1e307), List.of(x),
        GradCheck.Options.defaults().withFullJacobianLimit(1));
    assertEquals("random projection", report.method());
    assertEquals(Verdict.NOT_FINITE, report.verdict(), report::toString);
    assertTrue(report.detail().contains("every element of which is finite"), report::toString);
    assertTrue(report.detail().contains("overflows float64"), report::toString);
    assertFalse(report.detail().contains("not differentiable"), report::toString);
  }

  /** x² at 1e200 is +∞, and so it is a step away: an overflow, not a point of no derivative. */
  @Test
  void anOverflowIsNamedAsSuch() {
    GradCheckReport report = GradCheck.check(v -> v.get(0).square(),
        List.of(Tensor.vector(1e200)));
    assertEquals(Verdict.NOT_FINITE, report.verdict(), report::toString);
    assertTrue(report.detail().startsWith("not finite at input 0 [0]: output element 0 is"
        + " Infinity, as it is a step away on either side"), report::toString);
    assertTrue(report.detail().contains("overflows float64"), report::toString);
    assertFalse(report.detail().contains("not differentiable"), report::toString);

    // 1/x at 0 is +∞ but finite a step away: a pole, not an overflow.
    GradCheckReport pole = GradCheck.check(v -> v.get(0).reciprocal(),
        List.of(Tensor.vector(0)));
    assertEquals(Verdict.NOT_FINITE, pole.verdict(), pole::toString);
    assertTrue(pole.detail().contains("not differentiable there"), pole::toString);
  }

  /**
   * A pass by atol alone where the check still judges the input: its largest value (0.5, the
   * slope of a second output) is above atol, and the worst comparison, 1e-10·x against a rule
   * twice too large, passes by it; the report says so, so "rel error 0.500" is not left standing
   * as a contradiction. (With every value of an input within atol that input is judged apart:
   * GradCheckSmallValuesTest.)
   */
  @Test
  void aPassByTheAbsoluteToleranceSaysSo() {
    Op tiny = Op.unary("tiny", (ctx, x) -> x.mul(1e-10), (ctx, g) -> g.mul(2e-10));
    GradCheckReport report = GradCheck.check(
        v -> tiny.apply(v.get(0).slice(0, 0, 1)).concat(0, v.get(0).slice(0, 1, 2).square()),
        List.of(Tensor.vector(0.5, 0.25)));
    assertTrue(report.passed(), report::toString);
    assertEquals(Verdict.PASSED, report.verdict());
    assertEquals(0.5, report.relError(), 1e-6, "central differences of 1e-10·x are exact to 1e-6");
    assertTrue(report.detail().startsWith("passed by the absolute tolerance: |a − n| = 1.00e-10"
        + " is within atol + rtol·max(|a|, |n|) = 1.00e-06"), report::toString);

    GradCheckReport plain = GradCheck.check(v -> v.get(0).tanh(), List.of(Tensor.vector(0.5)));
    assertEquals("", plain.detail(), "a pass within rtol needs no word");
  }
}
