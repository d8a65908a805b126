package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import org.junit.jupiter.api.Test;

/** The report's text and the error a spec report ranks it by. */
class GradCheckReportTest {
  private static GradCheckReport report(int[] inputIndex, int outputIndex, double analytical,
      double numerical, String detail) {
    double abs = Math.abs(analytical - numerical);
    double scale = Math.max(Math.abs(analytical), Math.abs(numerical));
    return new GradCheckReport(detail.isEmpty(), detail.isEmpty() ? Verdict.PASSED
        : Verdict.WRONG_DERIVATIVE, "full Jacobian", 6, 1, inputIndex, outputIndex, analytical,
        numerical, abs, scale == 0 ? 0 : abs / scale, 1e-6, 1e-6, 1e-5, detail);
  }

  @Test
  void textNamesTheWorstElementOrTheProjection() {
    assertEquals("PASSED (full Jacobian, 6 comparisons); worst: input 1 at [2, 0], output element"
        + " 3: analytical 1.500000000, numerical 1.500000000, abs error 0.00, rel error 0.00"
        + " (eps 1e-06, atol 1e-06, rtol 1e-05)", report(new int[] {2, 0}, 3, 1.5, 1.5, "")
        .toString());
    assertEquals("WRONG_DERIVATIVE (full Jacobian, 6 comparisons); worst: input 1 (projection):"
        + " analytical 4.000000000, numerical 2.000000000, abs error 2.00, rel error 0.500"
        + " (eps 1e-06, atol 1e-06, rtol 1e-05); the derivative is wrong",
        report(new int[0], -1, 4, 2, "the derivative is wrong").toString());
    assertEquals("PASSED (full Jacobian, 6 comparisons); worst: input 1 at [], output element 0:"
        + " analytical 1.000000000, numerical 1.000000000, abs error 0.00, rel error 0.00"
        + " (eps 1e-06, atol 1e-06, rtol 1e-05)", report(new int[0], 0, 1, 1, "").toString(),
        "a rank-0 input has an empty index but a real output element");
  }

  @Test
  void theSignificantErrorIsRelativeFromOneMillionthOn() {
    assertEquals(1, report(new int[0], 0, 1e-6, 0, "x").significantError(),
        "at 1e-6 the relative error counts");
    assertEquals(1, report(new int[0], 0, 0, -1e-6, "x").significantError());
    double below = Math.nextDown(1e-6);
    assertEquals(below, report(new int[0], 0, below, 0, "x").significantError(),
        "below it the absolute error does");
    assertEquals(0.5, report(new int[0], 0, -4, -2, "x").significantError());
  }
}
