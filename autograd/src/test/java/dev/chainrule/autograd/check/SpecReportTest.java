package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import org.junit.jupiter.api.Test;

/** How a spec's checks add up: failures counted, the first one kept, the worst one ranked. */
class SpecReportTest {
  /** A report whose significant error is |a − 1| (relative, for values of about 1). */
  private static GradCheckReport report(boolean passed, double analytical) {
    double abs = Math.abs(analytical - 1);
    double rel = abs / Math.max(Math.abs(analytical), 1);
    return new GradCheckReport(passed, passed ? Verdict.PASSED : Verdict.WRONG_DERIVATIVE,
        "full Jacobian", 1, 0, new int[] {0}, 0, analytical, 1, abs, rel, 1e-6, 1e-6, 1e-5, "");
  }

  @Test
  void countsFailuresKeepsTheFirstAndRanksTheWorst() {
    SpecReport.Builder builder = new SpecReport.Builder("op");
    builder.add("small", report(true, 1.25));
    builder.add("first bad", report(false, 1.5));
    builder.add("second bad", report(false, 1.125));
    builder.add("equally small", report(true, 1.25));
    SpecReport spec = builder.build(3);
    assertFalse(spec.passed());
    assertEquals(4, spec.checks());
    assertEquals(2, spec.failures());
    assertEquals(3, spec.cases());
    assertTrue(spec.firstFailure().startsWith("first bad: "), spec.firstFailure());
    assertTrue(spec.worst().startsWith("first bad: "), spec.worst());
    assertEquals(0.5 / 1.5, spec.worstError());
    assertTrue(spec.toString().startsWith("op: 2 of 4 checks FAILED (3 cases); first: first bad:"),
        spec::toString);
  }

  @Test
  void aTieKeepsTheEarlierCaseAndNaNIsTheWorstOfAll() {
    SpecReport.Builder ties = new SpecReport.Builder("op");
    ties.add("earlier", report(true, 1.25));
    ties.add("later", report(true, 1.25));
    assertTrue(ties.build(2).worst().startsWith("earlier: "));

    SpecReport.Builder nan = new SpecReport.Builder("op");
    nan.add("finite", report(true, 1.25));
    nan.add("not a number", report(false, Double.NaN));
    nan.add("large", report(false, 100));
    SpecReport spec = nan.build(3);
    assertTrue(spec.worst().startsWith("not a number: "), spec.worst());
    assertEquals(Double.POSITIVE_INFINITY, spec.worstError());
  }

  @Test
  void allPassedSaysSoAndNoChecksHaveNoError() {
    SpecReport.Builder builder = new SpecReport.Builder("op");
    builder.add("only", report(true, 1.25));
    SpecReport spec = builder.build(1);
    assertTrue(spec.passed());
    assertEquals("", spec.firstFailure());
    assertTrue(spec.toString().startsWith("op: 1 cases, 1 checks, all passed; largest error"
        + " 2.00e-01 at only: "), spec::toString);
    assertEquals(0, new SpecReport.Builder("none").build(0).worstError());
  }

  /** A report of the same kind whose detail is {@code note}. */
  private static GradCheckReport noted(boolean passed, String note) {
    return new GradCheckReport(passed, passed ? Verdict.PASSED : Verdict.INCONCLUSIVE,
        "full Jacobian", 1, 0, new int[] {0}, 0, 1, 1, 0, 0, 1e-6, 1e-6, 1e-5, note);
  }

  @Test
  void notesOfPassedChecksAreCountedAndTheFirstKept() {
    SpecReport.Builder builder = new SpecReport.Builder("op");
    builder.add("plain", report(true, 1.25));
    builder.add("failed", noted(false, "a failure's detail, not a note"));
    builder.add("first", noted(true, "passed by atol"));
    builder.add("second", noted(true, "only zeros"));
    SpecReport spec = builder.build(4);
    assertEquals(2, spec.noted());
    assertEquals("first: passed by atol", spec.firstNote());
  }
}
