package dev.chainrule.autograd.check;

import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;

/**
 * What a kink at the point allows a rule to give along a direction, output element by output
 * element, and which outputs have one.
 *
 * <p>At a kink of one output f_k that bends one way (convex like |x| and max, or concave like
 * min), every subgradient's directional derivative lies between f_k's one-sided slopes. A check
 * compares ⟨w, J·d⟩, a weighted sum over the outputs, and the one-sided slopes of that sum are
 * not its bounds: where one output bends up and another, weighted negatively, bends down, a
 * subgradient of each gives a sum outside them (a max pool over ReLU outputs, whose windows of
 * tied zeros all bend, was called wrong though its gradient is PyTorch's). The bounds are the
 * sums of each output's lower and upper weighted slope. They hold only for outputs that bend one
 * way: an output such as relu(a) − relu(b) at a = b = 0 bends up along one direction and down
 * along another, and a subgradient (1, 0) lies outside its slopes along (1, 1), which are both 0.
 * A {@link Survey} along a few more directions finds such outputs before a value outside the
 * bounds is called wrong, and the outputs with a kink along any of them.
 */
final class KinkBounds {
  /** Directions along which an output's bend is looked at, besides the check's own. */
  private static final int DIRECTIONS = 4;
  /** An output's jump in slope counts as a kink if it holds to this share from step to step. */
  static final double STEADY = 0.25;

  private KinkBounds() {}

  /**
   * The lowest and highest ⟨w, J·d⟩ that subgradients of outputs bending one way give.
   *
   * @param low Σ_k min(w_k·left_k, w_k·right_k), left and right being f_k's one-sided slopes
   * @param high Σ_k max(w_k·left_k, w_k·right_k)
   * @param jump the weighted sum's own right slope minus its left, ⟨w, right − left⟩
   * @param left each output's left slope, unweighted
   * @param right each output's right slope, unweighted
   */
  record Bounds(double low, double high, double jump, Tensor left, Tensor right) {
    /** The bounds of outputs with one-sided slopes {@code left} and {@code right}, weighted. */
    static Bounds weighted(Tensor left, Tensor right, Tensor weights) {
      Tensor r = right.mul(weights);
      Tensor l = left.mul(weights);
      return new Bounds(l.minimum(r).sum().item(), l.maximum(r).sum().item(),
          r.sub(l).sum().item(), left, right);
    }

    double spread() {
      return high - low;
    }
  }

  /** The bounds along {@code direction} of input {@code i}, from one-sided steps of {@code h}. */
  static Bounds of(Probe probe, int i, Tensor direction, Tensor weights, double h) {
    return of(probe, i, direction, weights, h, probe.outputAt(i, direction, 0));
  }

  /** {@link #of(Probe, int, Tensor, Tensor, double)} with f at the point, {@code at}, known. */
  static Bounds of(Probe probe, int i, Tensor direction, Tensor weights, double h, Tensor at) {
    Tensor rightSlopes = Probe.change(probe.outputAt(i, direction, h), at).div(h);
    Tensor leftSlopes = Probe.change(at, probe.outputAt(i, direction, -h)).div(h);
    return Bounds.weighted(leftSlopes, rightSlopes, weights);
  }

  /**
   * What a few more directions of one input show of each output's kinks at the point, along
   * directions that move only the elements {@code like} moves: a projection's all of them; a full
   * Jacobian's column one, along whose line a kink bends one way only, so that entry's bounds
   * stand (a subgradient of relu(a) − relu(b) can take any value in [0, 1] for a, whatever b
   * does). Seeded: the same check gives the same answer.
   *
   * @param jumps per output, whether its slope jumped along some direction (generously: beyond a
   *     quarter of the relative tolerance of its slopes, at both steps)
   * @param up per output, whether it bent up along some direction (a jump that holds from step
   *     h / 10 to h / 100: a smooth output's shrinks with the step, rounding's grows)
   * @param down per output, whether it bent down along some direction
   * @param largest per output, its largest such jump
   */
  record Survey(boolean[] jumps, boolean[] up, boolean[] down, double[] largest) {
    /**
     * The survey of input {@code i} at the steps h / 10 and h / 100; {@code weights} gives the
     * outputs' shape.
     */
    static Survey of(Probe probe, int i, Tensor like, Tensor weights, double h, double rtol) {
      Tensor support = like.map(v -> v != 0 ? 1 : 0);
      Tensor unweighted = Tensors.onesLike(weights);
      Survey survey = null;
      for (int r = 0; r < DIRECTIONS; r++) {
        Tensor direction = Tensors.randn(like.shape(), 0x6b696e6bL + r).to(like.dtype())
            .mul(support);
        Bounds wide = KinkBounds.of(probe, i, direction, unweighted, h / 10);
        Bounds fine = KinkBounds.of(probe, i, direction, unweighted, h / 100);
        double[] wl = wide.left().toArray();
        double[] wr = wide.right().toArray();
        double[] fl = fine.left().toArray();
        double[] fr = fine.right().toArray();
        if (survey == null) {
          int n = fl.length;
          survey = new Survey(new boolean[n], new boolean[n], new boolean[n], new double[n]);
        }
        for (int k = 0; k < fl.length; k++) {
          double coarse = wr[k] - wl[k];
          double jump = fr[k] - fl[k];
          survey.jumps[k] |= jumpsBeyond(coarse, jump, fl[k], fr[k], rtol);
          if (steady(coarse, jump)) {
            survey.up[k] |= jump > 0;
            survey.down[k] |= jump < 0;
            survey.largest[k] = Math.max(survey.largest[k], Math.abs(jump));
          }
        }
      }
      return survey;
    }

    /**
     * How far subgradients of the outputs that bend both ways could reach: Σ |w_k| times the
     * largest jump of output k, over the outputs that bent up along one direction and down along
     * another; 0 when none did. A value outside the bounds by more than this reach is wrong
     * whatever the bends: float32 rounding inside a float64 check makes jumps of 6e-4 that hold
     * from step to step, and must not excuse a rule off by 3.
     */
    double bothWaysReach(Tensor weights) {
      double[] w = weights.toArray();
      double reach = 0;
      for (int k = 0; k < w.length; k++) {
        reach += up[k] && down[k] ? Math.abs(w[k]) * largest[k] : 0;
      }
      return reach;
    }

    /**
     * 1 for each output whose slope may jump at the point along the check's own direction ({@code
     * own}, from {@link #kinkedAlong}) or along the survey's, 0 for the others. Generous on
     * purpose: the outputs left are compared with the engine on their own, where a kink taken for
     * smooth adds half its jump to their central difference (an output mixing ReLU kinks of both
     * signs can barely jump along one direction: relu(x)·W at exact zeros was called wrong); a
     * smooth output taken for a kink only leaves that comparison.
     */
    Tensor kinked(Tensor own) {
      double[] mask = own.toArray();
      for (int k = 0; k < mask.length; k++) {
        mask[k] = jumps[k] ? 1 : mask[k];
      }
      return Tensor.of(mask, own.shape().dims());
    }
  }

  /** 1 for each output whose slope jumps along the direction of {@code wide} and {@code fine}. */
  static Tensor kinkedAlong(Bounds wide, Bounds fine, double rtol) {
    double[] wl = wide.left().toArray();
    double[] wr = wide.right().toArray();
    double[] fl = fine.left().toArray();
    double[] fr = fine.right().toArray();
    double[] mask = new double[fl.length];
    for (int k = 0; k < fl.length; k++) {
      mask[k] = jumpsBeyond(wr[k] - wl[k], fr[k] - fl[k], fl[k], fr[k], rtol) ? 1 : 0;
    }
    return Tensor.of(mask, fine.left().shape().dims());
  }

  /**
   * Whether the jump exceeds a quarter of rtol of the slopes at both steps (or is not finite): a
   * kink's holds at any step, rounding's grows tenfold from the coarser step to the finer (float32
   * inside a check at eps 1e-2 jumps by 6e-4 at the finer step only), and a kink near the point
   * that the coarser step straddles is gone at the finer.
   */
  private static boolean jumpsBeyond(double coarse, double fine, double left, double right,
      double rtol) {
    double scale = rtol / 4 * Math.max(Math.abs(left), Math.abs(right));
    return Math.abs(fine) > scale && Math.abs(coarse) > scale || !Double.isFinite(fine);
  }

  /**
   * Whether the jump {@code fine} at a smaller step holds the jump {@code wide} within {@link
   * #STEADY}, as a kink's does: a smooth output's shrinks with the step, rounding's grows.
   */
  static boolean steady(double wide, double fine) {
    return fine != 0 && Math.abs(fine - wide) <= STEADY * Math.abs(wide);
  }
}
