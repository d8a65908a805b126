package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GradCheck exactly at its tolerance: a comparison passes when |a − n| ≤ atol + rtol·max(|a|, |n|)
 * and fails one ulp beyond. The function is 2x at x = 0 with a step of 1/2, so the central
 * difference is exactly 2 (every value a power of two), and its rule claims a slope chosen so that
 * |a − n| is exactly representable; nothing here is rounded.
 */
class GradCheckToleranceTest {
  /** 2x whose rule claims the slope {@code slope}. */
  private static Op twiceClaiming(double slope) {
    return Op.unary("twice", (ctx, x) -> x.mul(2), (ctx, g) -> g.mul(slope));
  }

  private static GradCheckReport check(double slope, double atol, double rtol) {
    Op op = twiceClaiming(slope);
    return GradCheck.check(in -> op.apply(in.get(0)), List.of(Tensor.vector(0)),
        GradCheck.Options.defaults().withEps(0.5).withTolerances(atol, rtol));
  }

  @Test
  void anAbsoluteErrorEqualToAtolPassesAndOneUlpMoreFails() {
    GradCheckReport at = check(2.25, 0.25, 0);
    assertTrue(at.passed(), at::toString);
    assertEquals(Verdict.PASSED, at.verdict());
    // rtol is 0 here, so only atol can pass it, and the report says so.
    assertTrue(at.detail().startsWith("passed by the absolute tolerance"), at::toString);
    GradCheckReport beyond = check(2.25, Math.nextDown(0.25), 0);
    assertFalse(beyond.passed(), beyond::toString);
    assertEquals(Verdict.WRONG_DERIVATIVE, beyond.verdict(), beyond::toString);
  }

  @Test
  void aRelativeErrorEqualToRtolOfTheLargerValuePasses() {
    // |4 − 2| = 2 = 0.5 · max(4, 2); against the smaller value it would be 1 and fail.
    GradCheckReport at = check(4, 0, 0.5);
    assertTrue(at.passed(), at::toString);
    GradCheckReport beyond = check(4, 0, Math.nextDown(0.5));
    assertFalse(beyond.passed(), beyond::toString);
    // Claiming too little instead: the larger value is then the numerical one.
    assertTrue(check(1, 0, 0.5).passed());
    assertFalse(check(1, 0, Math.nextDown(0.5)).passed());
  }

  /** At zero tolerances exact agreement passes: 0 / 0 must not count as an infinite miss. */
  @Test
  void exactAgreementPassesAtZeroTolerances() {
    // Central differences of 2x at step 0.5 are exactly 2.
    GradCheckReport exact = check(2, 0, 0);
    assertTrue(exact.passed(), exact::toString);
    assertFalse(check(Math.nextUp(2.0), 0, 0).passed());
  }

  @Test
  void bothTolerancesAddUp() {
    // |3 − 2| = 1 = 0.25 + 0.25 · max(3, 2); either part alone falls short.
    assertTrue(check(3, 0.25, 0.25).passed());
    assertFalse(check(3, 0.125, 0.25).passed());
    assertFalse(check(3, 0.25, 0.125).passed());
  }

  @Test
  void theReportCarriesTheWorstComparisonAndTheSettings() {
    GradCheckReport report = check(2.25, 0.125, 0);
    assertFalse(report.passed());
    assertEquals("full Jacobian", report.method());
    assertEquals(1, report.comparisons());
    assertEquals(0, report.input());
    assertArrayEquals(new int[] {0}, report.inputIndex());
    assertEquals(0, report.outputIndex());
    assertEquals(2.25, report.analytical());
    assertEquals(2, report.numerical());
    assertEquals(0.25, report.absError());
    assertEquals(0.25 / 2.25, report.relError());
    assertEquals(0.5, report.eps());
    assertEquals(0.125, report.atol());
    assertEquals(0, report.rtol());
    assertTrue(report.detail().contains("the derivative is wrong"), report::toString);
  }
}
