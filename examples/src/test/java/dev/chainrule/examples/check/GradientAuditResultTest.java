package dev.chainrule.examples.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.examples.check.GradientAudit.Finding;
import dev.chainrule.examples.check.GradientAudit.Result;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The totals of an audit, as its JSON line reports them, over ops and networks alike. */
class GradientAuditResultTest {
  private static final Finding OP = new Finding("tanh", 3, 1e-9, Double.NaN, true, "ok");
  private static final Finding NET = new Finding("4-3", 2, 2e-8, 5e-15, true, "ok");
  private static final Finding USERS = new Finding("own", 1, 3e-7, Double.NaN, true, "ok");

  @Test
  void theTotalsAddTheChecksAndKeepTheWorstErrors() {
    Result result = new Result(List.of(OP), List.of(NET, USERS));
    assertEquals(3 + 2 + 1, result.checks());
    assertEquals(3e-7, result.maxRelErrorFd());
    // A network the delta rule did not check (NaN) does not count.
    assertEquals(5e-15, result.maxAbsErrorManual());
    assertTrue(result.passed());
    // The ops' worst counts too, and an audit with nothing run reports 0, not -Infinity.
    assertEquals(1e-3, new Result(List.of(new Finding("exp", 1, 1e-3, Double.NaN, true, "ok")),
        List.of(NET)).maxRelErrorFd());
    Result empty = new Result(List.of(), List.of());
    assertEquals(0, empty.maxRelErrorFd());
    assertEquals(0, empty.maxAbsErrorManual());
    assertEquals(0, empty.checks());
  }

  @Test
  void oneFailureOfAnOpOrANetworkFailsTheAudit() {
    Finding failed = new Finding("log", 1, 0.5, Double.NaN, false, "wrong");
    assertFalse(new Result(List.of(OP, failed), List.of(NET)).passed());
    assertFalse(new Result(List.of(OP), List.of(NET, failed)).passed());
  }
}
