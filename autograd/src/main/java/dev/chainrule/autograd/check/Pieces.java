package dev.chainrule.autograd.check;

import dev.chainrule.autograd.check.Probe.Difference;
import dev.chainrule.autograd.check.Probe.Sample;
import java.util.Locale;

/**
 * f and the engine's slope sampled along a failed comparison's step, compared piece by piece for
 * {@link BetweenKinks}: over a piece without a kink, f's change is what the engine's slopes
 * integrate to, by Simpson's rule (exact where f is cubic).
 *
 * @param probe evaluates f and the engine at moved points
 * @param worst the comparison: its input, direction, weights, step and tolerance
 */
record Pieces(Probe probe, Worst worst) {
  /**
   * The tolerance every piece is judged by: atol + rtol·|a|, with a the engine's value at the
   * point. A piece's own slopes can be far larger where f curves (f″·h/4 a quarter of the step
   * away), and so can the central difference at the first step across kinks; a tolerance relative
   * to either excused a rule 10 tolerances off near a minimum. A right rule's pieces differ from
   * f's change only by rounding and Simpson's O(w⁴).
   */
  double tolerance() {
    return worst.tolerance(worst.analytical(), worst.analytical());
  }

  /** f and the engine's slope t along the step; refused, for the caller, where not finite. */
  Sample at(double t) {
    Sample sample = probe.sample(worst.input(), worst.direction(), worst.weights(), t);
    if (!Double.isFinite(sample.slope()) || !Double.isFinite(sample.output().sum().item())) {
      throw new ArithmeticException(String.format(Locale.ROOT, "f's value or the engine's slope"
          + " is not finite %.3g along the step", t));
    }
    return sample;
  }

  /**
   * Whether the engine's value at the point lies between its slopes {@code near} either side,
   * within the check's tolerance. A wrong subgradient at a kink at the point lives in that value
   * alone, which no piece can judge: each piece with the point at an end has the kink in it.
   */
  boolean boundedByItsNeighbours(double near) {
    double below = at(-near).slope();
    double above = at(near).slope();
    double low = Math.min(below, above);
    double high = Math.max(below, above);
    double value = worst.analytical();
    return value >= low - tolerance() && value <= high + tolerance();
  }

  /**
   * What f's change from the point to either side says of the engine's value at the point: over
   * the piece from the point to a quarter of the step, halved while the engine's slope bends over
   * it (a kink inside) or disagrees with f's change there, down to {@code near} of the step. A
   * side agrees at the first piece without a kink that agrees, and disagrees when a piece without
   * a kink disagrees and no shorter one agrees: a rule wrong near the point is wrong at every
   * length, while a staircase of kinks that looks straight at three points is gone from a shorter
   * piece. A side says nothing where f's rounding over a piece without a kink exceeds the
   * tolerance, or kinks crowd the point.
   */
  Confirmation fromThePoint(double near) {
    Sample point = at(0);
    Confirmation below = side(point, -1, near);
    Confirmation above = side(point, 1, near);
    return new Confirmation(below.agrees() || above.agrees(),
        below.disagreement() != null ? below.disagreement() : above.disagreement(),
        below.smooth() && above.smooth());
  }

  /**
   * What f's change from the point says of the engine's value there.
   *
   * @param agrees whether a piece without a kink agreed (on either side)
   * @param disagreement why a side disagrees, or null if none does
   * @param smooth whether the first, longest pieces (a quarter of the step) had no kink
   */
  record Confirmation(boolean agrees, String disagreement, boolean smooth) {}

  /** One side of {@link #fromThePoint}: {@code direction} −1 below the point, 1 above. */
  private Confirmation side(Sample point, int direction, double near) {
    double h = worst.step();
    double tolerance = tolerance();
    double w = h / 4;
    Sample end = at(direction * w);
    String disagreement = null;
    boolean smooth = false;
    while (true) {
      Sample middle = at(direction * w / 2);
      Piece piece = direction > 0 ? piece(0, w, point, middle, end)
          : piece(-w, 0, end, middle, point);
      boolean shortest = w <= near * h;
      if (piece.linear(tolerance)) {
        smooth |= w == h / 4;
        if (!piece.judges(tolerance)) {
          break;  // shorter pieces round more
        }
        if (piece.beyond(tolerance) <= 0) {
          return new Confirmation(true, null, smooth);
        }
        if (disagreement == null) {
          disagreement = String.format(Locale.ROOT, "from the point to %.3g along the step,"
              + " where the engine's slope has no kink, f changes by %.10g per unit and the"
              + " engine's slopes integrate to %.10g, and no shorter piece down to %.1g of the"
              + " step agrees, which kinks do not explain", direction * w, piece.secant(),
              piece.simpson(), near);
        }
      } else if (shortest && !piece.secantBetweenSlopes(tolerance)) {
        // The shortest piece still bends: a kink within it makes f's secant lie between the
        // engine's slopes there, and a slope wrong at the point alone may not.
        return new Confirmation(false, String.format(Locale.ROOT, "from the point to %.3g along"
            + " the step f changes by %.10g per unit, outside the engine's slopes there, as no"
            + " kink makes it", direction * w, piece.secant()), false);
      }
      if (shortest) {
        break;
      }
      end = middle;
      w /= 2;
    }
    return new Confirmation(false, disagreement, smooth);
  }

  /** The {@code count} equal pieces of the whole step, x − h·d to x + h·d, tallied. */
  Tally across(int count) {
    double h = worst.step();
    double tolerance = tolerance();
    Sample start = at(-h);
    int linear = 0;
    int judged = 0;
    int disagreeing = 0;
    double excess = 0;
    String worstPiece = "";
    for (int k = 0; k < count; k++) {
      double from = h * (2.0 * k - count) / count;
      double to = h * (2.0 * k + 2 - count) / count;
      Piece piece = piece(from, to, start, at((from + to) / 2), at(to));
      start = piece.end();
      if (!piece.linear(tolerance)) {
        continue;
      }
      linear++;
      if (!piece.judges(tolerance)) {
        continue;
      }
      judged++;
      double beyond = piece.beyond(tolerance);
      if (beyond > 0) {
        disagreeing++;
        if (beyond > excess) {
          excess = beyond;
          worstPiece = String.format(Locale.ROOT, "%.10g against %.10g from %.3g to %.3g along"
              + " the step", piece.secant(), piece.simpson(), from, to);
        }
      }
    }
    return new Tally(count, linear, judged, disagreeing, worstPiece);
  }

  private Piece piece(double from, double to, Sample start, Sample middle, Sample end) {
    return new Piece(from, to, start, middle, end,
        Difference.of(end.output(), start.output(), worst.weights()));
  }

  /**
   * The pieces of one cut of the step.
   *
   * @param count how many
   * @param linear how many the engine's slope is linear over (no kink inside)
   * @param judged how many of those f's rounding is fine enough to judge by
   * @param disagreeing how many of those disagree with f's change
   * @param worst the most disagreeing one, described ("" for none)
   */
  record Tally(int count, int linear, int judged, int disagreeing, String worst) {}

  /**
   * One piece of the step, from {@code from} to {@code to} along it, with f and the engine's
   * slope at its ends and middle, and f's change across it.
   */
  private record Piece(double from, double to, Sample start, Sample middle, Sample end,
      Difference difference) {
    /**
     * Whether the engine's slope at the middle is the mean of those at the ends, within
     * {@code tolerance}: as a smooth slope's is over a short piece, whatever its curvature, and a
     * kink's is not (the middle takes one side's value). Ends that merely agree are not enough:
     * a rule wrong where f curves steeply bends there too.
     */
    boolean linear(double tolerance) {
      return Math.abs(middle.slope() - (start.slope() + end.slope()) / 2) <= tolerance;
    }

    /**
     * Whether f's rounding over the piece is a quarter of {@code tolerance} at most, so that the
     * piece tells a rule off by 1.25 tolerances: a shorter piece rounds more than the check's
     * own steps, and its share excused rules off by 1.4 tolerances that those steps had caught.
     */
    boolean judges(double tolerance) {
      return share() <= tolerance / 4;
    }

    /** How far f's change per unit exceeds the engine's by more than tolerance and rounding. */
    double beyond(double tolerance) {
      return Math.abs(simpson() - secant()) - tolerance - share();
    }

    /** Whether f's change per unit lies between the engine's slopes, as a kink inside makes it. */
    boolean secantBetweenSlopes(double tolerance) {
      double low = Math.min(start.slope(), Math.min(middle.slope(), end.slope()));
      double high = Math.max(start.slope(), Math.max(middle.slope(), end.slope()));
      double slack = tolerance + share();
      return secant() >= low - slack && secant() <= high + slack;
    }

    double secant() {
      return difference.change() / (to - from);
    }

    double simpson() {
      return (start.slope() + 4 * middle.slope() + end.slope()) / 6;
    }

    private double share() {
      return Rounding.share(difference, (to - from) / 2);
    }
  }
}
