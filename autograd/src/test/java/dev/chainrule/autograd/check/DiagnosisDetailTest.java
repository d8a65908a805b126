package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.core.Tensor;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The numbers and the reasoning a Diagnosis reports, on functions whose derivatives are known by
 * hand: the user reads them to decide what to do, so each must be the one the text names.
 */
class DiagnosisDetailTest {
  /**
   * log at 1e-4: f‴ = 2/x³ = 2e12, so the central difference errs by h²·f‴/6 = 0.333 at step
   * 1e-6 and a hundredth of that, 0.00333, at 1e-7. The report gives both errors.
   */
  @Test
  void curvatureReportsTheErrorFallingAHundredfold() {
    GradCheckReport report = GradCheck.check(in -> in.get(0).log(),
        List.of(Tensor.vector(1e-4)));
    assertEquals(Verdict.FINITE_DIFFERENCE_ARTEFACT, report.verdict(), report::toString);
    Matcher m = Pattern.compile("its error having fallen about a hundredfold per tenfold smaller"
        + " step \\(([^ ]+) at step 1e-06, ([^ ]+) at 1e-07\\)").matcher(report.detail());
    assertTrue(m.find(), report::toString);
    double atH = Double.parseDouble(m.group(1));
    double atTenth = Double.parseDouble(m.group(2));
    // 2 %: the next term of the error is (h/x)² = 1e-4 of it, rounding (u·|log x|/step, 1e-8)
    // is far below 0.00333, and the printed values have 3 digits (0.2 % each).
    assertEquals(1.0 / 3, atH, 1.0 / 3 * 0.02, report::toString);
    assertEquals(1.0 / 300, atTenth, 1.0 / 300 * 0.02, report::toString);
  }

  /**
   * (x + 1e7) − 1e7 with its right rule 1: rounding scatters the differences at 1e-6 and below,
   * and the steps 1e-4 and 1e-3 agree with the engine; the report names those steps and advises
   * the larger as eps.
   */
  @Test
  void roundingReportsTheLargerStepsThatAgreed() {
    Op shifted = Op.unary("shifted", (ctx, x) -> x.add(1e7).sub(1e7), (ctx, g) -> g);
    GradCheckReport report = GradCheck.check(in -> shifted.apply(in.get(0)),
        List.of(Tensor.vector(0.3, -0.7, 1.1)));
    assertEquals(Verdict.INCONCLUSIVE, report.verdict(), report::toString);
    assertTrue(report.detail().contains("at the larger steps 0.0001 and 0.001 they are"),
        report::toString);
    assertTrue(report.detail().contains("check with an eps of 0.001"), report::toString);
  }

  /**
   * x² with a rule of 3x, at 1: the differences at 1e-6 and 1e-8 agree on 2, the engine says 3.
   * The report says the smallest step agrees with the first, and with no kink nothing changes it.
   */
  @Test
  void aSmoothWrongRuleIsReportedAsConsistentWithTheFirstStep() {
    Op square = Op.unary("square3x", (ctx, x) -> x.square(),
        (ctx, g) -> g.mul(Variable.constant(ctx.input(0).value().mul(3))));
    GradCheckReport report = GradCheck.check(in -> square.apply(in.get(0)),
        List.of(Tensor.vector(1)));
    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
    assertTrue(report.detail().startsWith("at step 1e-08 the numerical value is 1.99999"),
        report::toString);
    assertTrue(report.detail().endsWith("consistent with step 1e-06: the derivative is wrong"),
        report::toString);
  }

  /**
   * 5x + 0.01·relu(x) at 0, its one-sided slopes 5 and 5.01, with a rule of 5.015 there: outside
   * the slopes by 0.005, within the tolerance at rtol 1e-3 (0.005) plus a quarter of the jump
   * (0.0025). A kink at the point excuses it; 5.03, outside by 0.02, is wrong.
   */
  @Test
  void aValueWithinTheToleranceOfAKinksSlopesIsExcusedAsAKinkAtThePoint() {
    GradCheck.Options options = GradCheck.Options.defaults().withTolerances(1e-6, 1e-3);
    GradCheckReport close = GradCheck.check(in -> kinked(5.015).apply(in.get(0)),
        List.of(Tensor.vector(0)), options);
    assertEquals(Verdict.FINITE_DIFFERENCE_ARTEFACT, close.verdict(), close::toString);
    assertTrue(close.detail().endsWith("a kink at the point itself, where any subgradient is"
        + " defensible"), close::toString);
    GradCheckReport far = GradCheck.check(in -> kinked(5.03).apply(in.get(0)),
        List.of(Tensor.vector(0)), options);
    assertEquals(Verdict.WRONG_DERIVATIVE, far.verdict(), far::toString);
  }

  /** 5x + 0.01·relu(x), whose rule gives {@code atZero} at 0. */
  private static Op kinked(double atZero) {
    return Op.unary("kinked", (ctx, x) -> x.mul(5).add(x.relu().mul(0.01)),
        (ctx, g) -> g.mul(Variable.constant(ctx.input(0).value().map(
            v -> v == 0 ? atZero : v > 0 ? 5.01 : 5))));
  }
}
