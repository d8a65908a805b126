package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.core.Tensor;
import java.util.List;
import java.util.function.DoubleFunction;
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

  /** The one-sided slopes at step {@code h} of outputs {@code f} of x, at x = 0, unweighted. */
  private static KinkBounds.Bounds slopes(DoubleFunction<double[]> f, int m, double h) {
    Probe probe = Probe.of(v -> Variable.constant(Tensor.of(f.apply(v.get(0).value().item()),
        m)), List.of(Tensor.vector(0)), false);
    Tensor ones = Tensor.of(new double[m], m).map(t -> 1);
    return KinkBounds.of(probe, 0, Tensor.vector(1), ones, h);
  }

  /**
   * At x = 0, steps 1e-6 and 1e-8, rtol 1e-5 (a quarter of it, 2.5e-6, of slopes near 10 is
   * 2.5e-5): |x| jumps by 2 at both; 10x + 4e-5·|x| by 8e-5, beyond 2.5e-5; 10x + 1e-5·|x| by
   * 2e-5, within it; relu(x − 5e-7) jumps at the wide step only (its kink lies beyond the fine
   * one, whose slopes are both 0). Rounding moves no slope here by more than 1e-12.
   */
  @Test
  void anOutputIsKinkedWhereItsJumpExceedsAQuarterOfRtolOfItsSlopesAtBothSteps() {
    DoubleFunction<double[]> f = x -> new double[] {Math.abs(x), 10 * x + 4e-5 * Math.abs(x),
        10 * x + 1e-5 * Math.abs(x), Math.max(x - 5e-7, 0)};
    Tensor mask = KinkBounds.kinkedAlong(slopes(f, 4, 1e-6), slopes(f, 4, 1e-8), 1e-5);
    assertArrayEquals(new double[] {1, 1, 0, 0}, mask.toArray());
  }

  /**
   * A jump of exactly a quarter of rtol of the slopes (rtol 1/16: a 64th of the slope 1) does not
   * exceed it, at either step.
   */
  @Test
  void aJumpOfExactlyAQuarterOfRtolIsNotAKink() {
    Tensor one = Tensor.vector(1);
    KinkBounds.Bounds fine = KinkBounds.Bounds.weighted(Tensor.vector(0), one, one);
    KinkBounds.Bounds exact = KinkBounds.Bounds.weighted(Tensor.vector(0), Tensor.vector(0x1p-6),
        one);
    KinkBounds.Bounds larger = KinkBounds.Bounds.weighted(Tensor.vector(0),
        Tensor.vector(0x1p-5), one);
    assertArrayEquals(new double[] {0}, KinkBounds.kinkedAlong(exact, fine, 0x1p-4).toArray());
    assertArrayEquals(new double[] {1}, KinkBounds.kinkedAlong(larger, fine, 0x1p-4).toArray());
  }

  /** A jump holds from step to step within a quarter of it, inclusive, and only if not 0. */
  @Test
  void aJumpIsSteadyWithinAQuarter() {
    assertTrue(KinkBounds.steady(4, 5));
    assertTrue(KinkBounds.steady(-4, -3));
    assertFalse(KinkBounds.steady(4, 6));
    assertFalse(KinkBounds.steady(4, 2));
    assertFalse(KinkBounds.steady(0, 0));
  }

  /**
   * The reach of subgradients of outputs bending both ways: |w| times the largest jump, over
   * those outputs alone (the second bends both ways by up to 4, the first and third one way).
   */
  @Test
  void onlyOutputsBendingBothWaysReachBeyondTheBounds() {
    KinkBounds.Survey survey = new KinkBounds.Survey(new boolean[] {true, true, true},
        new boolean[] {true, true, false}, new boolean[] {false, true, true},
        new double[] {8, 4, 16});
    assertEquals(12, survey.bothWaysReach(Tensor.vector(2, -3, 5)));
    assertEquals(0, survey.bothWaysReach(Tensor.vector(2, 0, 5)));
  }
}
