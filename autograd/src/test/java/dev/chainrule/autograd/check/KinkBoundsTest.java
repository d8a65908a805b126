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
 * A kink excuses only a value some subgradient could take: one between the one-sided slopes.
 * An |x| whose rule gives 5 at 0 was excused as "a kink at the point itself" (PyTorch's gradcheck
 * fails it). (Along a random projection, which crosses every kink, a kink still hides an error
 * elsewhere smaller than its jump in slope; the README says so.)
 */
class KinkBoundsTest {
  /** |x| with the rule's value at 0 chosen by the caller. */
  private static Op abs(double atZero) {
    return Op.unary("abs" + atZero, (ctx, x) -> x.abs(), (ctx, g) -> g.mul(Variable.constant(
        ctx.input(0).value().map(v -> v == 0 ? atZero : Math.signum(v)))));
  }

  @Test
  void aRuleOutsideTheOneSidedSlopesIsWrongEvenAtAKink() {
    Op five = abs(5);
    GradCheckReport report = GradCheck.check(in -> five.apply(in.get(0)).sum(),
        List.of(Tensor.vector(0, 1, -2)));
    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
    assertTrue(report.toString().contains("lies outside them"), report::toString);
    // Every value in [−1, 1] is a subgradient of |x| at 0: PyTorch's 0 and the others.
    for (double subgradient : new double[] {0, 1, -1, 0.5}) {
      Op fine = abs(subgradient);
      GradCheckReport passed = GradCheck.check(in -> fine.apply(in.get(0)).sum(),
          List.of(Tensor.vector(0, 1, -2)));
      assertTrue(passed.passed() || passed.verdict() == Verdict.FINITE_DIFFERENCE_ARTEFACT,
          passed::toString);
    }
  }

  @Test
  void localizeNamesTheRuleAtTheKink() {
    Op five = abs(5);
    Variable x = Variable.parameter(Tensor.vector(0, 1, -2));
    LocalizationReport report = GradCheck.localize(five.apply(x).tanh().sum());
    assertEquals(1, report.wrong().size(), report::toString);
    assertEquals("abs5.0", report.wrong().get(0).op(), report::toString);
  }
}
