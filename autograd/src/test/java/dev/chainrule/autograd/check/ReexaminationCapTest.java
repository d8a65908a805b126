package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.core.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Past Worst.EXAMINED failing comparisons a verdict of wrong is not re-examined along the step
 * (each re-examination costs hundreds of evaluations, and the verdict is wrong whatever it
 * finds), and the report says so: Σ x² with a rule of 3x, on 1,026 elements, fails all 1,026.
 */
class ReexaminationCapTest {
  /** Σ x² over {@code n} elements in [1, 2] with a rule of 3x: every comparison fails. */
  private static GradCheckReport squareWithRule3x(int n) {
    Op square = Op.unary("square3x", (ctx, x) -> x.square(),
        (ctx, g) -> g.mul(Variable.constant(ctx.input(0).value().mul(3))));
    return GradCheck.check(in -> square.apply(in.get(0)).sum(),
        List.of(Tensors.linspace(1, 2, n)));
  }

  @Test
  void aWrongVerdictPastTheCapSaysItWasNotReexamined() {
    GradCheckReport report = squareWithRule3x(Worst.EXAMINED + 2);
    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
    assertTrue(report.detail().endsWith("; not re-examined along the step: with more than 1025"
        + " comparisons disagreeing, the verdict is wrong whatever that finds"),
        report::toString);
  }

  /**
   * One failure fewer, EXAMINED + 1: the worst and the EXAMINED others Worst examines, whose
   * verdict re-examination can still change, so the worst is re-examined (a smooth function's
   * verdict stands) and the report does not say otherwise.
   */
  @Test
  void aWrongVerdictAtTheCapIsReexamined() {
    GradCheckReport report = squareWithRule3x(Worst.EXAMINED + 1);
    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
    assertFalse(report.detail().contains("not re-examined"), report::toString);
  }
}
