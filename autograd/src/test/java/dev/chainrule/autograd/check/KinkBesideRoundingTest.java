package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.core.Tensor;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A full Jacobian whose worst disagreement is a kink (relu at 0, its right rule) and whose others
 * are the rounding of a large output's value (y + 1e7: an ulp of 1e7 is 1.9e-9, up to 9e-4 of
 * the slope at step 1e-6, beyond rtol). The kink says nothing against the rule, the rounding
 * leaves it undecided: INCONCLUSIVE, reporting a rounded comparison, the kink named beside it.
 */
class KinkBesideRoundingTest {
  private static GradCheckReport check(Tensor y) {
    return GradCheck.check(in -> in.get(0).relu().concat(0, in.get(1).add(1e7)),
        List.of(Tensor.vector(0), y));
  }

  @Test
  void roundingBesideAKinkIsInconclusiveAndReportsTheRoundedComparison() {
    GradCheckReport report = check(Tensor.vector(0.3));
    assertEquals(Verdict.INCONCLUSIVE, report.verdict(), report::toString);
    // The rounded comparison, y's, against output element 1 (y + 1e7), is the one reported.
    assertEquals(1, report.input(), report::toString);
    assertEquals(1, report.outputIndex(), report::toString);
    assertTrue(report.detail().contains("(the worst disagreement: the one-sided slopes differ"
        + " by 1.00 at step 1e-06"), report::toString);
    Matcher m = Pattern.compile("the disagreement, ([^,]+), is within the rounding of the"
        + " output's value 1.00000e\\+07 at step 1e-06").matcher(report.detail());
    assertTrue(m.find(), report::toString);
    // Rounding's evident share, 2·2⁻⁵³·2·1e7 / 2e-6 = 2.2e-3, bounds it; and the report's own
    // |a − n| is the same number, printed to 3 digits (1 % covers the printing).
    double disagreement = Double.parseDouble(m.group(1));
    assertTrue(disagreement > 0 && disagreement <= 2.3e-3, report::toString);
    assertEquals(report.absError(), disagreement, report.absError() * 0.01, report::toString);
    // The one other disagreeing comparison is the kink, not rounding.
    assertFalse(report.detail().contains("within the rounding of its output's value"),
        report::toString);
  }

  @Test
  void theOtherRoundedComparisonsAreCountedWithoutTheReportedOne() {
    // Each of the three y's fails by the rounding of 1e7 (0.3, -0.7 and 1.1 all do).
    GradCheckReport report = check(Tensor.vector(0.3, -0.7, 1.1));
    assertEquals(Verdict.INCONCLUSIVE, report.verdict(), report::toString);
    assertTrue(report.detail().endsWith("; the other 2 disagreeing comparisons are within the"
        + " rounding of their outputs' values"), report::toString);
  }

  /**
   * Besides, a comparison examined and not wrong: (w + 1e7) − 1e7, whose value is small, so that
   * its rounding is examined (it scatters, and is not wrong); both kinds are counted.
   */
  @Test
  void examinedAndRoundedComparisonsAreCountedApart() {
    Op shifted = Op.unary("shifted", (ctx, x) -> x.add(1e7).sub(1e7), (ctx, g) -> g);
    GradCheckReport report = GradCheck.check(in -> in.get(0).relu().concat(0,
        in.get(1).add(1e7), shifted.apply(in.get(2))),
        List.of(Tensor.vector(0), Tensor.vector(0.3, -0.7), Tensor.vector(0.3)));
    assertEquals(Verdict.INCONCLUSIVE, report.verdict(), report::toString);
    assertTrue(report.detail().endsWith("; the other disagreeing comparison is not wrong either,"
        + " and 1 more are within the rounding of their outputs' values"), report::toString);
  }
}
