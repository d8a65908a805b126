package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
 * Pieces on its own: f and the engine's slope along the step of a function of one variable,
 * checked at 0 with step H = 2⁻²⁰ (about 9.5e-7), so that every end and middle of the pieces (a
 * multiple of H/64, or of H/4 halved) is exact in binary, and f = x + C is computed exactly for C
 * up to 2²⁰ or so: the secants below are exactly 1, and rounding's share of a piece
 * (Rounding.share: 2·2⁻⁵³·size / length) is known by hand. The default tolerance is
 * 1e-6 + 1e-5·|a|, with a the engine's value at the point.
 */
class PiecesOfTheStepTest {
  private static final double H = 0x1p-20;

  /** The pieces of f, whose rule is {@code rule}, at 0 with the default tolerances. */
  private static Pieces pieces(DoubleUnaryOperator f, DoubleUnaryOperator rule) {
    return pieces(f, rule, GradCheck.Options.defaults());
  }

  private static Pieces pieces(DoubleUnaryOperator f, DoubleUnaryOperator rule,
      GradCheck.Options options) {
    Op op = Op.unary("f", (ctx, z) -> z.map(f), (ctx, g) -> g.mul(Variable.constant(
        ctx.input(0).value().map(rule))));
    Probe probe = Probe.of(v -> op.apply(v.get(0)), List.of(Tensor.of(new double[] {0}, 1)),
        true);
    double analytical = rule.applyAsDouble(0);
    Worst worst = new Worst(options, Optional.empty(), (i, w) -> w.mul(analytical));
    Tensor one = Tensor.of(new double[] {1}, 1);
    worst.offer(0, 0, 0, one, one, H, analytical, analytical + 1, f.applyAsDouble(0));
    return new Pieces(probe, worst);
  }

  /**
   * A rule of 1.5 for f = x: every piece from the point is straight and disagrees, so each side
   * disagrees, and the first, longest piece below (to −H/4) is the one named; both sides are
   * smooth, which leaves the steps' verdict standing.
   */
  @Test
  void aRuleWrongEverywhereDisagreesFromTheLongestPiece() {
    Pieces.Confirmation c = pieces(x -> x, x -> 1.5).fromThePoint(BetweenKinks.NEAR);
    assertFalse(c.agrees());
    assertTrue(c.smooth());
    assertEquals("from the point to -2.38e-07 along the step, where the engine's slope has no"
        + " kink, f changes by 1.000000000 per unit and the engine's slopes integrate to"
        + " 1.500000000, and no shorter piece down to 0.0001 of the step agrees, which kinks do"
        + " not explain", c.disagreement());
  }

  /**
   * f = x with a rule of 2 at the point, 3 within 1e-9 above it and 1 elsewhere (an ε-band
   * wrong above the point): above, the engine's slope bends over every piece down to the
   * shortest, H/4 halved 12 times (2⁻³⁴, about 5.8e-11, under NEAR·H), where f's secant, 1,
   * lies outside the engine's slopes 2 and 3, as no kink inside makes it: a disagreement. Below,
   * the slopes 1, 1 and 2 bend too, but bound the secant 1, as a kink's do: no disagreement.
   */
  @Test
  void theShortestPieceBendingAroundASecantOutsideItsSlopesDisagrees() {
    Pieces.Confirmation c = pieces(x -> x, x -> x == 0 ? 2 : x > 0 && x < 1e-9 ? 3 : 1)
        .fromThePoint(BetweenKinks.NEAR);
    assertFalse(c.agrees());
    assertFalse(c.smooth());
    assertEquals("from the point to 5.82e-11 along the step f changes by 1.000000000 per unit,"
        + " outside the engine's slopes there, as no kink makes it", c.disagreement());
  }

  /**
   * f with a kink at the point, slope 1 below and 3 above, and a rule of 2 there (a
   * subgradient): the engine's slopes bend over every piece from the point (1, 1, 2 below; 2, 3,
   * 3 above), and over the shortest each side's secant lies between them, as a kink inside makes
   * it. Nothing disagrees, and nothing agrees either: kinks crowd the point.
   */
  @Test
  void aKinkAtThePointCrowdingEveryPieceNeitherAgreesNorDisagrees() {
    Pieces.Confirmation c = pieces(x -> x > 0 ? 3 * x : x, x -> x == 0 ? 2 : x > 0 ? 3 : 1)
        .fromThePoint(BetweenKinks.NEAR);
    assertFalse(c.agrees());
    assertNull(c.disagreement());
    assertFalse(c.smooth());
  }

  /**
   * A right rule for f = x + 1000: every one of 32 pieces (each H/16 long) is straight, but
   * rounding's share over one, 2·2⁻⁵³·2000 / 2⁻²⁴ = 7.45e-6, exceeds a quarter of the tolerance
   * (1.1e-5 / 4): f's change over so short a piece cannot judge a rule off by 1.25 tolerances,
   * and none is judged.
   */
  @Test
  void piecesWhoseRoundingExceedsAQuarterOfTheToleranceAreNotJudged() {
    assertEquals(new Pieces.Tally(32, 32, 0, 0, ""),
        pieces(x -> x + 1000, x -> 1).across(32));
  }

  /**
   * f = x + 256 over 32 pieces: rounding's share of each, 2·2⁻⁵³·512 / 2⁻²⁴ = 2⁻¹⁹ (1.9e-6), is
   * under a quarter of the tolerance, so all are judged. A rule off by the tolerance plus half
   * that share is within what tolerance and rounding allow over each: none disagrees. Off by
   * 2.5e-5, more than twice the tolerance, every piece disagrees.
   */
  @Test
  void aPieceDisagreesOnlyBeyondToleranceAndRounding() {
    double share = 0x1p-19;
    // The tolerance is 1.1e-5 and 1e-5 of the rule's excess over 1 (1.1e-10 more).
    double within = 1 + 1.1e-5 + share / 2;
    assertEquals(new Pieces.Tally(32, 32, 32, 0, ""),
        pieces(x -> x + 256, x -> within).across(32));
    Pieces.Tally beyond = pieces(x -> x + 256, x -> 1 + 2.5e-5).across(32);
    assertEquals(32, beyond.judged());
    assertEquals(32, beyond.disagreeing());
    assertTrue(beyond.worst().startsWith("1.000000000 against 1.000025000 from "),
        beyond::worst);
  }

  /**
   * f = x + 0.5, a rule of 3 above the point and 1 + d at it, d = 1.3e-5: the shortest piece
   * above bends (slopes 1 + d, 3, 3), and f's secant there, 1, lies below them by d, more than
   * the tolerance (1.1e-5) but less than it and rounding's share over so short a piece
   * (2·2⁻⁵³·1 / 2⁻³⁴ = 3.8e-6): between the slopes as far as f can tell, so no disagreement. The
   * straight piece below (slopes 1, 1, 1 + d) agrees.
   */
  @Test
  void aSecantOutsideTheSlopesByLessThanToleranceAndRoundingIsBetweenThem() {
    double d = 1.3e-5;
    Pieces.Confirmation c = pieces(x -> x + 0.5, x -> x == 0 ? 1 + d : x > 0 ? 3 : 1)
        .fromThePoint(BetweenKinks.NEAR);
    assertTrue(c.agrees());
    assertNull(c.disagreement());
  }

  /**
   * At zero tolerance: a value at the point at either end of the slopes beside it (relu's 0 or 1
   * at 0) is between them; a constant slope is straight over every piece, and f = 0 with a rule
   * of 0, unrounded, agrees over every piece, while f = x + 1 rounds and judges none. relu
   * (and −relu) with the subgradient of the side above, 1 (−1), at 0: below, the engine's slope
   * bends over every piece (0, 0, ±1), and f's secant there, 0, is an end of its slopes, so
   * between them, as a kink makes it: no disagreement.
   */
  @Test
  void atZeroToleranceExactAgreementStillCounts() {
    GradCheck.Options exact = GradCheck.Options.defaults().withTolerances(0, 0);
    DoubleUnaryOperator relu = x -> Math.max(x, 0);
    double near = BetweenKinks.NEAR * H;
    assertTrue(pieces(relu, x -> x > 0 ? 1 : 0, exact).boundedByItsNeighbours(near));
    assertTrue(pieces(relu, x -> x >= 0 ? 1 : 0, exact).boundedByItsNeighbours(near));
    assertFalse(pieces(relu, x -> x == 0 ? 1.5 : x > 0 ? 1 : 0, exact)
        .boundedByItsNeighbours(near));
    assertEquals(new Pieces.Tally(32, 32, 32, 0, ""),
        pieces(x -> 0, x -> 0, exact).across(32));
    assertEquals(new Pieces.Confirmation(true, null, true),
        pieces(x -> 0, x -> 0, exact).fromThePoint(BetweenKinks.NEAR));
    assertEquals(new Pieces.Tally(32, 32, 0, 0, ""),
        pieces(x -> x + 1, x -> 1, exact).across(32));
    for (double sign : new double[] {1, -1}) {
      Pieces.Confirmation c = pieces(x -> sign * relu.applyAsDouble(x),
          x -> x >= 0 ? sign : 0, exact).fromThePoint(BetweenKinks.NEAR);
      assertNull(c.disagreement(), c::toString);
    }
  }
}
