package dev.chainrule.autograd.check;

import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import java.util.Locale;
import java.util.Optional;

/**
 * A comparison about to be called wrong, re-examined along its step by the gradient theorem: f's
 * change between two points is its slope's integral between them, kinks and all. The step from
 * x − h·d to x + h·d is cut into pieces; over each one where the engine's slope is linear (its
 * value at the middle the mean of those at the ends: no kink inside), Simpson's rule over the
 * engine's slopes must give f's change across it. A rule wrong by a factor, a sign or a missing
 * term fails over every such piece; a right one passes them all, however many kinks lie in the
 * others. The pieces from the point itself to either side are examined apart, halved until one
 * is free of kinks, for a rule can be wrong only near the point: an ε-guard that flushes a slope
 * near 0 jumps where f does not, and the pieces across the step would skip it as a kink.
 *
 * <p>After training, a ReLU network's loss bends at dozens of units within the step along a
 * weight's random direction, so its central differences neither settle nor jump as the step
 * shrinks, and a scalar loss has no outputs to set apart ({@link NearKinks}): right gradients
 * were called wrong.
 */
final class BetweenKinks {
  /**
   * The numbers of pieces tried, each when the one before left fewer than a quarter of them to
   * judge: a piece costs two forward and backward passes of f, and only a comparison about to be
   * called wrong pays it.
   */
  private static final int[] PIECES = {32, 128};
  /**
   * The fraction of the pieces without a kink, once the point is confirmed, that may disagree
   * and leave the verdict an artefact: one in 8. Kinks that look straight at a piece's three
   * points (equal jumps either side of the middle) leave a few such pieces under a right rule,
   * and a rule wrong by a factor fails over nearly all of them.
   */
  private static final int FEW = 8;
  /**
   * The shortest piece from the point, as a fraction of the step, and the distance either side
   * at which the engine's slopes must bound its value at the point: a subgradient at a kink there
   * lies between them (relu's 0 between 0 and 1; a rule of 5 for |x| at 0 does not). The nearest
   * of a trained network's kinks lies about a fortieth of the step away. A rule wrong only nearer
   * the point than this and within those bounds cannot be told from a kink.
   */
  static final double NEAR = 1e-4;

  /**
   * What to do when the re-examination cannot decide. A rule wrong only near its kink (a ReLU
   * mask of x > 1e-7) passes a check of the network at its initialisation and {@code localize}
   * alike, so the ops with kinks are named to be checked on their own there.
   */
  private static final String ADVICE = "check each op with a kink on its own at inputs nearer its"
      + " kink than the step (a rule wrong only there passes a check of the network at its"
      + " initialisation, and localize), and the rest at a point farther from kinks";

  private BetweenKinks() {}

  /**
   * {@code wrong}, the verdict the central differences at steps h, h/10 and h/100 gave
   * ({@code numericals} the latter two), unless the pieces of the step show otherwise: the
   * engine's value at the point confirmed by f's change from the point to either side, and at
   * most one in {@link #FEW} of the pieces judged disagreeing, the disagreement is the kinks';
   * the point unjudged, or more disagreeing but not most, inconclusive. Smooth about the point,
   * and where f or its backward fails within the step, the verdict stands as it was.
   */
  static Diagnosis confirm(Probe probe, Worst worst, double[] numericals, Diagnosis wrong) {
    Optional<String> notReexamined = worst.whyNotReexamined();
    if (notReexamined.isPresent()) {
      return new Diagnosis(wrong.verdict(), wrong.detail() + "; " + notReexamined.get());
    }
    try {
      return reexamine(new Pieces(probe, worst), numericals, wrong);
    } catch (RuntimeException e) {
      // f and its backward are evaluated only within the step the central differences already
      // took; a backward that refuses a point there leaves the verdict as it was, with why.
      return new Diagnosis(wrong.verdict(), wrong.detail() + "; not re-examined along the step,"
          + " where f or its backward failed or was not finite: " + e.getMessage());
    }
  }

  private static Diagnosis reexamine(Pieces pieces, double[] numericals, Diagnosis wrong) {
    Worst worst = pieces.worst();
    if (!pieces.boundedByItsNeighbours(NEAR * worst.step())) {
      return wrong;
    }
    Pieces.Confirmation atThePoint = pieces.fromThePoint(NEAR);
    if (atThePoint.disagreement() != null) {
      // Smooth about the point: no kink to blame, and the verdict stands as the steps gave it.
      return atThePoint.smooth() ? wrong
          : new Diagnosis(wrong.verdict(), wrong.detail() + "; " + atThePoint.disagreement());
    }
    // A coarse cut leaves pieces with a staircase of kinks that looks straight at three points:
    // a verdict of wrong waits for the finer one.
    Pieces.Tally judged = null;
    for (int count : PIECES) {
      Pieces.Tally tally = pieces.across(count);
      if (tally.linear() == count) {
        return wrong;  // no kink to blame: a smooth function's verdict stands
      }
      if (tally.judged() * 4 >= count) {
        judged = tally;
        if (tally.disagreeing() * FEW <= tally.judged()) {
          break;
        }
      }
    }
    if (judged == null) {
      return new Diagnosis(wrong.verdict(), wrong.detail() + String.format(Locale.ROOT,
          "; the engine's slope bends in more than three quarters of %d pieces of the step, or"
          + " f's rounding there exceeds the tolerance: too many kinks to compare f with it"
          + " between them", PIECES[PIECES.length - 1]));
    }
    String kinks = String.format(Locale.ROOT, "the engine's slope bends within the step, in %d of"
        + " the %d pieces it was cut into: kinks near the point, not at it", judged.count()
        - judged.linear(), judged.count());
    if (judged.disagreeing() * 2 > judged.judged()) {
      return new Diagnosis(wrong.verdict(), wrong.detail() + String.format(Locale.ROOT,
          "; %s, but over %d of the %d pieces without one f's change disagrees with what the"
          + " engine's slopes integrate to there (%s), which kinks do not explain", kinks,
          judged.disagreeing(), judged.judged(), judged.worst()));
    }
    String steps = String.format(Locale.ROOT, "central differences at steps %.1g, %.1g and %.1g"
        + " give %.10g, %.10g and %.10g", worst.step(), worst.step() / 10, worst.step() / 100,
        worst.numerical(), numericals[0], numericals[1]);
    String agreeing = String.format(Locale.ROOT, "over %d of the %d pieces without one f changes"
        + " by what the engine's slopes integrate to there within the check's tolerance, as a"
        + " right rule's do and one wrong beyond it does not (f's change is its slope's"
        + " integral)", judged.judged() - judged.disagreeing(), judged.judged());
    if (judged.disagreeing() * FEW <= judged.judged()) {
      if (!atThePoint.agrees()) {
        return new Diagnosis(Verdict.INCONCLUSIVE, String.format(Locale.ROOT, "%s, and %s; %s,"
            + " but from the point to either side kinks crowd it or f's rounding exceeds the"
            + " tolerance, so that nothing confirms the engine's value at the point itself; %s",
            steps, kinks, agreeing, ADVICE));
      }
      return new Diagnosis(Verdict.FINITE_DIFFERENCE_ARTEFACT, String.format(Locale.ROOT,
          "%s, and %s; %s, and so it does from the point to a side: the disagreement is the"
          + " kinks', not the rule's", steps, kinks, agreeing));
    }
    return new Diagnosis(Verdict.INCONCLUSIVE, String.format(Locale.ROOT, "%s, and %s; over %d of"
        + " the %d pieces without one f changes by what the engine's slopes integrate to there,"
        + " over %d it does not (%s): a rule wrong over part of the step, or kinks too close"
        + " together to tell apart; %s", steps, kinks,
        judged.judged() - judged.disagreeing(), judged.judged(), judged.disagreeing(),
        judged.worst(), ADVICE));
  }
}
