package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.core.Tensor;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * BetweenKinks' verdicts where some pieces of the step disagree with the engine: an op of one
 * variable, checked at 0 with step H = 1e-6, whose rule is right at the point and, by design,
 * wrong (or right) over a known part of the step, so which of the 32 and 128 pieces bend (hold a
 * kink of the engine's slope) and which disagree is counted by hand. The default tolerance,
 * 1e-6 + 1e-5·|a|, is far below the disagreements (a slope off by 1 or 2), and f's rounding over
 * a piece (values near 1e-6, differences over 1.6e-8) far below the tolerance.
 */
class BetweenKinksDisagreeingPiecesTest {
  private static final double H = 1e-6;

  private static Diagnosis confirm(DoubleUnaryOperator f, DoubleUnaryOperator rule,
      double numerical) {
    Op op = Op.unary("f", (ctx, z) -> z.map(f), (ctx, g) -> g.mul(Variable.constant(
        ctx.input(0).value().map(rule))));
    Probe probe = Probe.of(v -> op.apply(v.get(0)), List.of(Tensor.of(new double[] {0}, 1)),
        true);
    double analytical = rule.applyAsDouble(0);
    Worst worst = new Worst(GradCheck.Options.defaults(), Optional.empty(),
        (i, w) -> w.mul(analytical));
    Tensor one = Tensor.of(new double[] {1}, 1);
    worst.offer(0, 0, 0, one, one, H, analytical, numerical, f.applyAsDouble(0));
    Diagnosis wrong = new Diagnosis(Verdict.WRONG_DERIVATIVE, "the derivative is wrong");
    return BetweenKinks.confirm(probe, worst, new double[] {numerical, numerical}, wrong);
  }

  /**
   * f = x, its rule 1 within 0.3·H of the point and 3 beyond: the pieces from the point agree,
   * but of the 128 pieces the two with ±0.3·H inside bend, and 88 of the other 126 (those beyond
   * ±20/64 of the step) disagree, most: the verdict of wrong stands, saying so.
   */
  @Test
  void aRuleWrongOverMostOfTheStepStaysWrong() {
    Diagnosis d = confirm(x -> x, x -> Math.abs(x) < 0.3 * H ? 1 : 3, 2.1);
    assertEquals(Verdict.WRONG_DERIVATIVE, d.verdict(), d::detail);
    assertTrue(d.detail().startsWith("the derivative is wrong; the engine's slope bends within"
        + " the step, in 2 of the 128 pieces it was cut into: kinks near the point, not at it,"
        + " but over 88 of the 126 pieces without one f's change disagrees with what the"
        + " engine's slopes integrate to there (1.000000000 against 3.000000000 from "), d::detail);
  }

  /**
   * f = x below 0.53·H and slope 2 beyond it, its rule 1 and 3: right at the point (and the
   * pieces from it agree), wrong beyond the kink. 7 of 31 straight pieces of 32 disagree, more
   * than one in 8; of 128, 30 of 127 (from 34/64 of the step on), more than one in 8 and fewer
   * than half: inconclusive, with the counts.
   */
  @Test
  void aRuleWrongBeyondAKinkWithinTheStepIsInconclusive() {
    double c = 0.53 * H;
    Diagnosis d = confirm(x -> x < c ? x : c + 2 * (x - c), x -> x < c ? 1 : 3, 1.235);
    assertEquals(Verdict.INCONCLUSIVE, d.verdict(), d::detail);
    assertTrue(d.detail().contains("the engine's slope bends within the step, in 1 of the 128"
        + " pieces it was cut into: kinks near the point, not at it; over 97 of the 127 pieces"
        + " without one f changes by what the engine's slopes integrate to there, over 30 it"
        + " does not (2.000000000 against 3.000000000 from "), d::detail);
    assertTrue(d.detail().contains("a rule wrong over part of the step"), d::detail);
  }

  /**
   * |x| + 2·relu(x − 0.53·H), its rule sign(x) (0 at the point) + 2 beyond the near kink: right
   * over every straight piece (29 of 32: the two beside the point and the one with the near kink
   * bend), but the engine's slope bends over every piece from the point down to NEAR of the step
   * on both sides (0 at the point, ±1 beside it), so nothing confirms its value there:
   * inconclusive, not an artefact.
   */
  @Test
  void aValueAtThePointThatNoPieceConfirmsIsInconclusive() {
    double c = 0.53 * H;
    Diagnosis d = confirm(x -> Math.abs(x) + 2 * Math.max(x - c, 0),
        x -> Math.signum(x) + (x > c ? 2 : 0), 0.235);
    assertEquals(Verdict.INCONCLUSIVE, d.verdict(), d::detail);
    assertTrue(d.detail().contains("in 3 of the 32 pieces it was cut into: kinks near the point,"
        + " not at it; over 29 of the 29 pieces without one f changes by what the"
        + " engine's slopes integrate to there within the check's tolerance"), d::detail);
    assertTrue(d.detail().contains("nothing confirms the engine's value at the point itself"),
        d::detail);
  }

  /**
   * A right rule for x + relu(x + 0.47·H) + 2·(clamp(x, 0.69·H, 0.71·H) − 0.69·H): a kink, and a
   * step up and back down of the slope (by 2) that falls between the three points of the piece
   * of 32 from 0.6875·H to 0.75·H, so that the engine's slopes there look straight (2, 2, 2)
   * while f changes by 2.64 per unit. One piece of 31 straight ones disagrees, at most one in
   * 8: the kinks', an artefact, with the steps' differences and the counts reported.
   */
  @Test
  void aStaircaseThatLooksStraightInOnePieceIsTheKinks() {
    double a = 0.69 * H;
    double b = 0.71 * H;
    double c = -0.47 * H;
    Diagnosis d = confirm(x -> x + Math.max(x - c, 0) + 2 * (Math.min(Math.max(x, a), b) - a),
        x -> 1 + (x > c ? 1 : 0) + (x > a && x < b ? 2 : 0), 1.5);
    assertEquals(Verdict.FINITE_DIFFERENCE_ARTEFACT, d.verdict(), d::detail);
    assertTrue(d.detail().startsWith("central differences at steps 1e-06, 1e-07 and 1e-08 give"
        + " 1.500000000, 1.500000000 and 1.500000000, and the engine's slope bends within the"
        + " step, in 1 of the 32 pieces it was cut into: kinks near the point, not at it; over"
        + " 30 of the 31 pieces without one f changes by what the engine's slopes integrate to"
        + " there within the check's tolerance"), d::detail);
  }

  /**
   * x + 1e4 + relu(x − 0.53·H) with its right rule: f's rounding over a piece of 32 or 128
   * (4·2⁻⁵³·1e4 over its length, 7.1e-5 and 2.8e-4) exceeds a quarter of the tolerance, so no
   * piece is judged, from the point or across the step: the verdict stands, and says why.
   */
  @Test
  void piecesTooRoundedToJudgeLeaveTheVerdict() {
    double c = 0.53 * H;
    Diagnosis d = confirm(x -> x + 1e4 + Math.max(x - c, 0), x -> x > c ? 2 : 1, 1.235);
    assertEquals(Verdict.WRONG_DERIVATIVE, d.verdict(), d::detail);
    assertEquals("the derivative is wrong; the engine's slope bends in more than three quarters"
        + " of 128 pieces of the step, or f's rounding there exceeds the tolerance: too many kinks"
        + " to compare f with it between them", d.detail());
  }

  /**
   * Exactly a quarter of the 32 pieces straight, and one in 8 of those disagreeing: both bounds
   * are inclusive. A right rule for x plus a relu kinked at 0.7 of each of 24 pieces (all but the
   * 7 nearest the point and the one from 0.875·H, which holds a staircase as above, between its
   * start and middle): 24 pieces bend, 8 are judged, 1 disagrees. An artefact, counted over the
   * 32 pieces, not the finer cut.
   */
  @Test
  void aQuarterJudgedAndOneInEightDisagreeingIsEnough() {
    double[] kinks = new double[24];
    int n = 0;
    for (int k = 0; k < 32; k++) {
      if (k < 13 || k > 19 && k != 30) {
        kinks[n++] = H * ((k + 0.7) / 16 - 1);
      }
    }
    double a = 0.88 * H;
    double b = 0.9 * H;
    DoubleUnaryOperator f = x -> {
      double sum = x + 2 * (Math.min(Math.max(x, a), b) - a);
      for (double c : kinks) {
        sum += Math.max(x - c, 0);
      }
      return sum;
    };
    DoubleUnaryOperator rule = x -> {
      double slope = 1 + (x > a && x < b ? 2 : 0);
      for (double c : kinks) {
        slope += x > c ? 1 : 0;
      }
      return slope;
    };
    Diagnosis d = confirm(f, rule, 14.5);
    assertEquals(Verdict.FINITE_DIFFERENCE_ARTEFACT, d.verdict(), d::detail);
    assertTrue(d.detail().contains("in 24 of the 32 pieces it was cut into: kinks near the point,"
        + " not at it; over 7 of the 8 pieces without one f changes by what the engine's slopes"
        + " integrate to there within the check's tolerance"), d::detail);
  }
}
