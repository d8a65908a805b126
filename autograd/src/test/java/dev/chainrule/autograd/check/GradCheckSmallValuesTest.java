package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.autograd.check.LocalizationReport.Finding;
import dev.chainrule.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Gradients that the absolute tolerance alone decides, and gradients that are exactly zero. A
 * check whose every value lies within atol (1e-6 by default) cannot tell a rule off by a factor
 * of 2 from a right one: it fails as INCONCLUSIVE instead of passing, where it passed with a note
 * that SpecReport's summary dropped. One that compared only zeros passes, and says that no input
 * influenced the output.
 */
class GradCheckSmallValuesTest {
  /** 1e-10·x whose rule claims the slope {@code slope}. */
  private static Op tiny(double slope) {
    return Op.unary("tiny", (ctx, x) -> x.mul(1e-10), (ctx, g) -> g.mul(slope));
  }

  private static GradCheckReport check(double slope, GradCheck.Options options) {
    Op op = tiny(slope);
    return GradCheck.check(in -> op.apply(in.get(0)), List.of(Tensor.vector(0.5, -1.5, 2)),
        options);
  }

  /**
   * Values within atol are judged against f's rounding instead where that floor lies well below
   * them: f = 1e-10·x rounds by about 1e-26, so over a step of 1e-6 its central differences are
   * good to ~1e-18, and a right rule passes, judged, where a rule off by 2 is inconclusive (the
   * floor need not bound rounding from terms that cancel, so exceeding it proves nothing).
   */
  @Test
  void valuesWithinAtolAreJudgedAgainstRoundingWhereItIsFine() {
    for (int limit : new int[] {1_000, 0}) {  // full Jacobian, then random projections
      GradCheck.Options options = GradCheck.Options.defaults().withFullJacobianLimit(limit);
      GradCheckReport wrong = check(2e-10, options);
      assertFalse(wrong.passed(), wrong::toString);
      assertEquals(Verdict.INCONCLUSIVE, wrong.verdict(), wrong::toString);
      assertTrue(wrong.detail().startsWith("every value compared is at most"), wrong::toString);
      assertTrue(wrong.toString().startsWith("INCONCLUSIVE ("), wrong::toString);
      GradCheckReport right = check(1e-10, options);
      assertTrue(right.passed(), right::toString);
      assertTrue(right.detail().contains("judged against the central differences' rounding"),
          right::toString);
    }
  }

  /**
   * Each input is judged apart: a large value of another does not vouch for it. A rule off by 2
   * on a term of 1e-10·x0 beside x1² passed, the one large value (x1's) lifting the check.
   */
  @Test
  void anotherInputsLargeValueDoesNotVouchForASmallOne() {
    Op op = tiny(2e-10);
    GradCheckReport report = GradCheck.check(in -> op.apply(in.get(0)).add(in.get(1).square()),
        List.of(Tensor.vector(0.5), Tensor.vector(0.25)));
    assertEquals(Verdict.INCONCLUSIVE, report.verdict(), report::toString);
    assertTrue(report.detail().contains("for input 0"), report::toString);
  }

  /**
   * The same at second order: x + 1e-7·x³ whose rule holds 3e-7·x² + 1 as a constant (off the
   * graph) has right first derivatives and a second derivative of 0 where it is 6e-7·x. The
   * derivative by v (the first gradient, about 1) passed the whole check before.
   */
  @Test
  void aSecondDerivativeWithinAtolIsNotVouchedForByTheFirst() {
    Op cut = Op.unary("cut", (ctx, x) -> x.add(x.pow(3).mul(1e-7)),
        (ctx, g) -> g.mul(Variable.constant(ctx.input(0).value().square().mul(3e-7).add(1))));
    GradCheckReport report = GradCheck.gradGradCheck(in -> cut.apply(in.get(0)),
        List.of(Tensor.vector(0.5, -1.2, 0.8)));
    assertFalse(report.passed(), report::toString);
  }

  /**
   * With atol below the gradients the check judges them. Central differences of 1e-10·x at a
   * step of 1e-6 round by about 1e-16·|f| / h ≈ 2e-20, so atol = 1e-14 leaves them alone while
   * a 100 % error (1e-10) is 10,000 tolerances out.
   */
  @Test
  void aSmallerAtolJudgesThem() {
    GradCheck.Options fine = GradCheck.Options.defaults().withTolerances(1e-14, 1e-5);
    GradCheckReport right = check(1e-10, fine);
    assertTrue(right.passed(), right::toString);
    GradCheckReport wrong = check(2e-10, fine);
    assertEquals(Verdict.WRONG_DERIVATIVE, wrong.verdict(), wrong::toString);
  }

  @Test
  void onlyZerosComparedPassesWithANote() {
    List<Tensor> x = List.of(Tensor.vector(0.5, -1));
    String note = "no input influenced the output: every gradient the engine gave and every"
        + " central difference is exactly 0, so only zeros were compared (a function meant to"
        + " depend on its inputs computes its output off the graph or from constants)";
    // Off the graph, and on it times 0: both a constant.
    for (DifferentiableFunction constant : List.<DifferentiableFunction>of(
        in -> Variable.constant(Tensor.vector(3, 4)), in -> in.get(0).mul(0))) {
      GradCheckReport report = GradCheck.check(constant, x);
      assertTrue(report.passed(), report::toString);
      assertEquals(note, report.detail(), report::toString);
    }
    // A function that depends on its input has no such note.
    assertEquals("", GradCheck.check(in -> in.get(0).tanh(), x).detail());
  }

  @Test
  void aSpecReportCarriesBothToItsSummary() {
    SpecReport wrong = new OpSpec("tiny", false, r -> new OpCase("",
        List.of(Tensor.vector(0.5)), in -> tiny(2e-10).apply(in.get(0)))).check(2, 1L);
    assertFalse(wrong.passed(), wrong::toString);
    assertTrue(wrong.toString().startsWith("tiny: 2 of 2 checks FAILED (2 cases); first: tiny:"
        + " INCONCLUSIVE"), wrong::toString);

    SpecReport constant = new OpSpec("zero", false, r -> new OpCase("",
        List.of(Tensor.vector(0.5)), in -> in.get(0).mul(0))).check(3, 1L);
    assertTrue(constant.passed(), constant::toString);
    assertEquals(3, constant.noted());
    assertTrue(constant.toString().startsWith("zero: 3 cases, 3 checks, all passed, 3 of them"
        + " with a note (the first: zero: no input influenced the output"), constant::toString);
  }

  /** In localize such a node is not checked, and does not make the report fail. */
  @Test
  void localizeListsSuchANodeAsNotChecked() {
    Variable x = Variable.parameter(Tensor.vector(0.5, -1));
    Variable out;
    try (var scope = Autograd.enableGrad()) {
      out = tiny(2e-10).apply(x).sum();
    }
    LocalizationReport report = GradCheck.localize(out);
    assertEquals(1, report.flagged().size(), report::toString);
    assertEquals(Finding.INCONCLUSIVE, report.flagged().get(0).finding());
    assertTrue(report.passed(), report::toString);
    assertTrue(report.toString().contains("0 wrong, 0 finite-difference artefacts, 1 not checked"),
        report::toString);
    assertTrue(report.toString().contains("#0 tiny, inputs [2]: inconclusive (not checked)"),
        report::toString);
    assertTrue(report.flagged().get(0).detail().contains("every value compared is at most"),
        report::toString);
  }
}
