package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A max rule at a tie is judged along its own gradient too (RuleDirection): the rule that counts
 * both tied elements, (1, 1, 0) at (2, 2, 0), lay within the one-sided slopes along the check's
 * directions and was excused as a kink; no subgradient of max is it (its slope along (1, 1, 0) is
 * 1, the rule's 2), and PyTorch's gradcheck fails it. Subgradients stay excused or pass.
 */
class RuleDirectionTest {
  private static final Tensor TIE = Tensor.vector(2, 2, 0);

  private static Op max(double... rule) {
    return Op.unary("mx", (c, x) -> x.max(), (c, g) -> g.mul(Variable.constant(
        Tensor.vector(rule))));
  }

  @Test
  void aTieCountedTwiceIsWrong() {
    Op mx = max(1, 1, 0);
    LocalizationReport localized = GradCheck.localize(mx.apply(Variable.parameter(TIE)).mul(3));
    assertTrue(localized.toString().contains("#0 mx, inputs [3]: WRONG DERIVATIVE"),
        localized::toString);
    assertTrue(localized.toString().contains("no subgradient gives them together"),
        localized::toString);
    GradCheckReport report = GradCheck.check(in -> mx.apply(in.get(0)).mul(3), List.of(TIE));
    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
  }

  /** min is concave, its one-sided slopes reversed: the bounds hold the same way. */
  @Test
  void aTieOfMinCountedTwiceIsWrong() {
    Op mn = Op.unary("mn", (c, x) -> x.min(), (c, g) -> g.mul(Variable.constant(
        Tensor.vector(1, 1, 0))));
    GradCheckReport report = GradCheck.check(in -> mn.apply(in.get(0)).mul(3),
        List.of(Tensor.vector(0, 0, 2)));
    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
  }

  /** PyTorch's even split, and either one-sided choice: subgradients, not wrong. */
  @Test
  void subgradientsAtTheTieAreNotWrong() {
    for (double[] rule : new double[][] {{0.5, 0.5, 0}, {1, 0, 0}, {0, 1, 0}}) {
      Op mx = max(rule);
      GradCheckReport report = GradCheck.check(in -> mx.apply(in.get(0)).mul(3), List.of(TIE));
      assertNotEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
      assertTrue(report.passed() || report.verdict() == Verdict.FINITE_DIFFERENCE_ARTEFACT,
          report::toString);
      LocalizationReport localized = GradCheck.localize(mx.apply(Variable.parameter(TIE))
          .mul(3));
      assertTrue(localized.toString().contains("0 wrong")
          || localized.toString().contains("every backward rule agrees"), localized::toString);
    }
  }

  /**
   * The built-in max and min at a tie, and ReLUs at 0 (convex, one way each): no verdict of
   * wrong.
   */
  @Test
  void builtInKinksAreNotWrong() {
    List<Tensor> point = List.of(TIE);
    GradCheckReport max = GradCheck.check(in -> in.get(0).max(), point);
    assertNotEquals(Verdict.WRONG_DERIVATIVE, max.verdict(), max::toString);
    GradCheckReport min = GradCheck.check(in -> in.get(0).min().neg(), point);
    assertNotEquals(Verdict.WRONG_DERIVATIVE, min.verdict(), min::toString);
    GradCheckReport relu = GradCheck.check(in -> in.get(0).sub(2).relu().sum(), point);
    assertNotEquals(Verdict.WRONG_DERIVATIVE, relu.verdict(), relu::toString);
  }
}
