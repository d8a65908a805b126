package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
 * A failed check's diagnosis says only what its numbers support: a value that is not finite is
 * named as such (never as a wrong derivative), and "consistent" is claimed only for central
 * differences that agree with each other within the check's tolerance.
 */
class GradCheckDiagnosisTest {

  /**
   * |x| + x³ with the rule sign(x) + 2x² (3x² is right), at a point with one element on |x|'s
   * kink: the kink's disagreement is the largest, and it excused the three elements that are
   * wrong by up to 1.44 ("a kink or a jump lies within the first step"). The kink is looked past.
   */
  @Test
  void oneElementOnAKinkDoesNotExcuseTheWrongOnes() {
    Op wrongCube = Op.unary("absPlusCube", (ctx, x) -> x.abs().add(x.mul(x).mul(x)),
        (ctx, g) -> {
          Tensor x = ctx.input(0).value();
          return g.mul(Variable.constant(x.sign().add(x.square().mul(2))));
        });
    GradCheckReport report = GradCheck.check(v -> wrongCube.apply(v.get(0)).sum(),
        List.of(Tensor.vector(0.5, -1.2, 3e-7, 0.9)));
    assertFalse(report.passed(), report::toString);
    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
    assertEquals(-1.2, Tensor.vector(0.5, -1.2, 3e-7, 0.9).get(report.inputIndex()),
        "the worst wrong element, −1.2 (off by 1.44), is reported: " + report);
    assertTrue(report.detail().endsWith("(the larger disagreement is a kink or a jump, which"
        + " does not excuse this one)"), report::toString);

    // One wrong element beside the kink is enough to be looked at.
    GradCheckReport pair = GradCheck.check(v -> wrongCube.apply(v.get(0)).sum(),
        List.of(Tensor.vector(3e-7, -1.2)));
    assertEquals(Verdict.WRONG_DERIVATIVE, pair.verdict(), pair::toString);
    assertArrayEquals(new int[] {1}, pair.inputIndex());

    // Kinks alone are still kinks: |x| with its right rule at the same point.
    GradCheckReport kinkOnly = GradCheck.check(v -> v.get(0).abs().sum(),
        List.of(Tensor.vector(0.5, -1.2, 3e-7, 0.9)));
    assertEquals(Verdict.FINITE_DIFFERENCE_ARTEFACT, kinkOnly.verdict(), kinkOnly::toString);
    // Two kinks: both examined, and the worst (−2e-7: central difference −0.2 against −1) is
    // the one reported, not the last examined.
    GradCheckReport kinks = GradCheck.check(v -> v.get(0).abs().sum(),
        List.of(Tensor.vector(3e-7, -2e-7, 0.5)));
    assertEquals(Verdict.FINITE_DIFFERENCE_ARTEFACT, kinks.verdict(), kinks::toString);
    assertArrayEquals(new int[] {1}, kinks.inputIndex(), kinks::toString);
    assertTrue(kinks.detail().endsWith("; so is the other disagreeing comparison"),
        kinks::toString);
  }

  /** log′ = 1/x is right; at 0 the value is −∞ and the comparison means nothing. */
  @Test
  void aCorrectRuleAtAPointOutsideTheDomainIsNotFiniteNotWrong() {
    GradCheckReport report = GradCheck.check(v -> v.get(0).log().sum(),
        List.of(Tensor.vector(0, 2)));
    assertFalse(report.passed(), report::toString);
    assertEquals(Verdict.NOT_FINITE, report.verdict(), report::toString);
    assertTrue(report.detail().startsWith("not finite at input 0 [0]: output element 0 is"
        + " -Infinity"), report::toString);
    assertTrue(report.detail().contains("not differentiable there"), report::toString);
    assertFalse(report.toString().contains("wrong"), report::toString);
  }

  /** At 5e-7 log is finite, but x − 1e-6 is outside its domain. */
  @Test
  void aStepThatLeavesTheDomainIsNamed() {
    GradCheckReport report = GradCheck.check(v -> v.get(0).log().sum(),
        List.of(Tensor.vector(2, 5e-7)));
    assertEquals(Verdict.NOT_FINITE, report.verdict(), report::toString);
    assertTrue(report.detail().startsWith("not finite at input 0 [1]: the central difference"
        + " at step 1e-06 is NaN"), report::toString);
    assertTrue(report.detail().contains("the step leaves the function's domain"),
        report::toString);
  }

  @Test
  void aRuleThatGivesNaNWhereAllElseIsFiniteIsNamed() {
    Op nanRule = Op.unary("twice", (ctx, x) -> x.mul(2), (ctx, g) -> g.mul(Double.NaN));
    GradCheckReport report = GradCheck.check(v -> nanRule.apply(v.get(0)),
        List.of(Tensor.vector(1)));
    assertEquals(Verdict.NOT_FINITE, report.verdict(), report::toString);
    assertTrue(report.detail().startsWith("not finite at input 0 [0]: the engine's gradient is"
        + " NaN while the function (2.000000000) and its central difference (2.000000000) are"
        + " finite"), report::toString);
  }

  @Test
  void aNonFiniteProjectionIsNamed() {
    Tensor x = Tensors.randn(Shape.of(20, 20), 1L).abs().add(1);
    double[] values = x.toArray();
    values[7] = 0;
    GradCheckReport report = GradCheck.check(v -> v.get(0).log(),
        List.of(Tensor.of(values, 20, 20)), GradCheck.Options.defaults().withFullJacobianLimit(1));
    assertEquals("random projection", report.method());
    assertEquals(Verdict.NOT_FINITE, report.verdict(), report::toString);
    // ±∞: the weight on log(0) = −∞ is a random normal of either sign.
    assertTrue(report.detail().matches("not finite at input 0 \\(projection\\): the projected"
        + " output ⟨w, f⟩ is -?Infinity .*"), report::toString);
  }

  /**
   * relu with a rule 1% too steep, 5e-7 from its kink: step 1e-6 straddles the kink (0.75), the
   * smaller steps do not and agree with each other (1), not with the rule (1.01).
   */
  @Test
  void wrongIsClaimedOnTheStepsThatAgree() {
    Op steepRelu = Op.unary("relu", (ctx, x) -> x.relu(),
        (ctx, g) -> g.mul(1.01).mul(Variable.constant(ctx.input(0).value().gt(0))));
    GradCheckReport report = GradCheck.check(v -> steepRelu.apply(v.get(0)),
        List.of(Tensor.vector(5e-7)));
    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
    // (relu(1.5e-6) − relu(−5e-7)) / 2e-6: only 5e-7 ± 1e-6 and the quotient round, a few ulps
    // of 0.75 (1.1e-16 each; measured exact).
    assertEquals(0.75, report.numerical(), 1e-15);
    assertTrue(report.detail().startsWith("at steps 1e-07 and 1e-08 the numerical values are"
        + " 1.000000000 and 1.000000000, consistent with each other (step 1e-06 gave"
        + " 0.7500000000): the derivative is wrong"), report::toString);
  }

  /**
   * sign jumps at 0: the change across the step stays at 2 while the step shrinks, so the central
   * difference is 1/h and grows tenfold with each tenfold smaller step. Not differentiable there,
   * whatever the rule says: an artefact of the jump, not a wrong derivative.
   */
  @Test
  void aJumpAtThePointIsAFiniteDifferenceArtefact() {
    GradCheckReport report = GradCheck.check(v -> v.get(0).sign(), List.of(Tensor.vector(0, 1)));
    assertFalse(report.passed(), report::toString);
    assertEquals(Verdict.FINITE_DIFFERENCE_ARTEFACT, report.verdict(), report::toString);
    assertArrayEquals(new int[] {0}, report.inputIndex());
    // 2 / 2e-6 at step 1e-6, rounded in the sum x ± h and the division only.
    assertEquals(1e6, report.numerical(), 1e-3);
    assertTrue(report.detail().startsWith("the change across the step stays at 2.00, 2.00 and"
        + " 2.00 as the step shrinks from 1e-06 to 1e-07 and 1e-08, so the numerical value grows"
        + " as 1/step (1.00e+06, 1.00e+07, 1.00e+08): the function jumps at the point"),
        report::toString);
    assertFalse(report.toString().contains("wrong"), report::toString);

    // A jump of 1 (step is 1 from its threshold on): 1 / 2h.
    GradCheckReport step = GradCheck.check(v -> v.get(0).step(0), List.of(Tensor.vector(0)));
    assertEquals(Verdict.FINITE_DIFFERENCE_ARTEFACT, step.verdict(), step::toString);
    assertTrue(step.detail().contains("the function jumps at the point"), step::toString);
  }

  /** A jump 5e-7 from the point: step 1e-6 straddles it, step 1e-7 does not and agrees. */
  @Test
  void aJumpWithinTheFirstStepIsSteppedOver() {
    GradCheckReport report = GradCheck.check(v -> v.get(0).sign(), List.of(Tensor.vector(5e-7)));
    assertEquals(Verdict.FINITE_DIFFERENCE_ARTEFACT, report.verdict(), report::toString);
    assertTrue(report.detail().endsWith("a kink or a jump lies within the first step"),
        report::toString);
  }

  /**
   * x + 1e-9·sin(1e9·x), whose rule drops the ripple: the ripple's slope, cos(1e9·x), is as large
   * as x's, but its central differences are 1e-9·(a difference of sines) / 2h, which changes
   * erratically with h. They never settle and are never called consistent; the ripple's changes
   * are 1e-9 against values near 0.6, far below a jump. At steps 1e-4 and 1e-3 the ripple's
   * share (1e-9 / step) falls below the tolerance and the differences agree with the rule, as a
   * right rule's do under the rounding of a cancellation (GradCheckRoundingTest): central
   * differences cannot tell the two apart, so the check fails as INCONCLUSIVE and names both,
   * where it said WRONG_DERIVATIVE, which for the rounding was wrong.
   */
  @Test
  void differencesThatDoNotSettleAreNotCalledConsistent() {
    Op rippled = Op.unary("rippled", (ctx, x) -> x.add(x.map(t -> 1e-9 * Math.sin(1e9 * t))),
        (ctx, g) -> g);
    GradCheckReport report = GradCheck.check(v -> rippled.apply(v.get(0)),
        List.of(Tensor.vector(0.3)));
    assertFalse(report.passed(), report::toString);
    assertEquals(Verdict.INCONCLUSIVE, report.verdict(), report::toString);
    assertFalse(report.detail().contains("consistent"), report::toString);
    assertTrue(report.detail().startsWith("the central differences scatter more the smaller the"
        + " step"), report::toString);
    assertTrue(report.detail().contains("or by a real ripple the rule leaves out, which makes it"
        + " wrong, and central differences cannot tell which"), report::toString);
    // A ripple 100 times larger stays above the tolerance at every step tried: wrong, as before.
    Op rougher = Op.unary("rippled", (ctx, x) -> x.add(x.map(t -> 1e-7 * Math.sin(1e7 * t))),
        (ctx, g) -> g);
    GradCheckReport rough = GradCheck.check(v -> rougher.apply(v.get(0)),
        List.of(Tensor.vector(0.3)));
    assertEquals(Verdict.WRONG_DERIVATIVE, rough.verdict(), rough::toString);
    assertTrue(rough.detail().startsWith("the numerical value does not settle as the step"
        + " shrinks"), rough::toString);
  }

  /** localize lists a node whose values are not finite as such, not as a kink. */
  @Test
  void localizeListsANonFiniteNodeAsNotFinite() {
    Variable x = Variable.parameter(Tensor.vector(0, 2));
    LocalizationReport report = GradCheck.localize(x.log().sum());
    assertTrue(report.passed(), "not a verdict on any rule: " + report);
    assertEquals("log", report.flagged().get(0).op(), report::toString);
    assertTrue(report.flagged().stream()
        .allMatch(n -> n.finding() == LocalizationReport.Finding.NOT_FINITE), report::toString);
    assertTrue(report.toString().contains("not finite (not checked)"), report::toString);
  }

  /**
   * ReLU at 0 in each of 1,030 elements: every comparison disagrees (central difference ½,
   * engine 0) and each is a kink. Past the first and the Worst.EXAMINED (1,024) others it
   * examines, the rest are not excused: the report names the first one left unexamined.
   */
  @Test
  void pastTheExaminedKinksTheRestAreNotExcused() {
    int n = Worst.EXAMINED + 6;
    GradCheckReport report = GradCheck.check(v -> v.get(0).relu().sum(),
        List.of(Tensors.zeros(Shape.of(n))));
    assertFalse(report.passed(), report::toString);
    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
    assertTrue(report.detail().startsWith("1030 comparisons disagree; the 1025 worst are kinks or"
        + " jumps ("), report::toString);
    assertTrue(report.detail().endsWith("and the other 5 were not examined, so that they are not"
        + " excused: check the rule at a point farther from kinks"), report::toString);
    // Equal disagreements keep the order of the comparisons: element 0 first, 1 to 1,024
    // examined, 1,025 the first left.
    assertArrayEquals(new int[] {Worst.EXAMINED + 1}, report.inputIndex(), report::toString);
  }

  /**
   * −5e-5·x + x³ at 0 with steps 1e-2, 1e-3, 1e-4: the central difference errs by step² (the
   * truncation h²·f‴/6 with f‴ = 6), 1e-4, 1e-6 and 1e-8, falling a hundredfold per step, an
   * artefact of the step. The derivative −5e-5 is near minus half the first error: the test
   * pins that the errors are measured as |n − a| (|n + a| would be 0 at the first step).
   * Tolerances of 1e-12 and 1e-9 keep every step's error a failure; the values' rounding
   * (≈1e-22 over steps ≥ 1e-4) is far below every error.
   */
  @Test
  void errorsFallingAHundredfoldPerStepAreTheStepsNotTheRules() {
    GradCheck.Options options = new GradCheck.Options(1e-2, 1e-12, 1e-9, 4096, 3, 0L);
    GradCheckReport report = GradCheck.check(
        v -> v.get(0).mul(-5e-5).add(v.get(0).mul(v.get(0)).mul(v.get(0))).sum(),
        List.of(Tensor.vector(0)), options);
    assertEquals(Verdict.FINITE_DIFFERENCE_ARTEFACT, report.verdict(), report::toString);
    assertTrue(report.detail().startsWith("the numerical value approaches the engine's as the step"
        + " shrinks"), report::toString);
  }

  /**
   * A jump of 2e-4 on values of 1e3 (sign(x)·1e-4 + 1e3 at 0) is 1e-7 of them: below the
   * relative size taken for a discontinuity (1e-6), so it is not excused as one, and the
   * central differences, growing as 1/step, do not settle.
   */
  @Test
  void aJumpSmallerThanAMillionthOfTheValuesIsNotExcusedAsADiscontinuity() {
    GradCheckReport report = GradCheck.check(
        v -> v.get(0).sign().mul(1e-4).add(1e3).sum(), List.of(Tensor.vector(0)));
    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
    assertTrue(report.detail().startsWith("the numerical value does not settle"),
        report::toString);
  }
}
