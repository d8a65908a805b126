package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A full Jacobian whose worst disagreement is a kink (relu at 0, its right rule, 0 against 0.5:
 * 5e5 tolerances) examines the others, worst first. Behind it: (y + 1e7) − 1e7 with its right
 * rule 1, whose differences scatter by rounding (7e-4 off, 69 tolerances; its value is small, so
 * it is not set aside as the rounding of a large output), and x² with a rule of 2.0002·x at 1,
 * off by 2e-4 (9.5 tolerances), which is wrong.
 */
class OthersBehindAKinkTest {
  private static final Op SHIFTED = Op.unary("shifted", (ctx, x) -> x.add(1e7).sub(1e7),
      (ctx, g) -> g);
  private static final Op SQUARE = Op.unary("square", (ctx, x) -> x.square(),
      (ctx, g) -> g.mul(Variable.constant(ctx.input(0).value().mul(2.0002))));

  private static GradCheckReport kinkAndShifted(Tensor y) {
    return GradCheck.check(in -> in.get(0).relu().concat(0, SHIFTED.apply(in.get(1))),
        List.of(Tensor.vector(0), y));
  }

  @Test
  void anUndecidedComparisonBehindAKinkMakesTheVerdictInconclusive() {
    GradCheckReport report = kinkAndShifted(Tensor.vector(0.3));
    // Not FINITE_DIFFERENCE_ARTEFACT: the kink excuses only itself.
    assertEquals(Verdict.INCONCLUSIVE, report.verdict(), report::toString);
    assertEquals(1, report.input(), report::toString);
    assertTrue(report.detail().startsWith("the central differences scatter more the smaller"),
        report::toString);
    assertTrue(report.detail().endsWith("; the other disagreeing comparison is not wrong either"),
        report::toString);
  }

  @Test
  void theOthersAreCountedWhenSeveralAreUndecided() {
    // Each of the three y's scatters so (the reported one and two more), besides the kink.
    GradCheckReport report = kinkAndShifted(Tensor.vector(0.3, -0.7, 1.1));
    assertEquals(Verdict.INCONCLUSIVE, report.verdict(), report::toString);
    assertTrue(report.detail().endsWith("; none of the other 3 disagreeing comparisons is wrong"
        + " either"), report::toString);
  }

  @Test
  void aWrongRuleBehindAKinkAndRoundingIsWrongAndSaysWhatWasPassed() {
    GradCheckReport report = GradCheck.check(in -> in.get(0).relu().concat(0,
        SHIFTED.apply(in.get(1)), SQUARE.apply(in.get(2))),
        List.of(Tensor.vector(0), Tensor.vector(0.3), Tensor.vector(1)));
    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
    assertEquals(2, report.input(), report::toString);
    assertTrue(report.detail().endsWith("the derivative is wrong (the 2 larger disagreements are"
        + " kinks, jumps or rounding, which does not excuse this one)"), report::toString);
  }
}
