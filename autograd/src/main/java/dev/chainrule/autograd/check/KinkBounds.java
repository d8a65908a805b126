package dev.chainrule.autograd.check;

import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;

/**
 * What a kink at the point allows a rule to give along a direction, output element by output
 * element.
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
 * {@link #bendsBothWays} looks for such an output along a few more directions before a value
 * outside the bounds is called wrong.
 */
final class KinkBounds {
  /** Directions along which an output's bend is looked at, besides the check's own. */
  private static final int DIRECTIONS = 4;
  /** An output's jump in slope counts as a kink if it holds to this share from step to step. */
  private static final double STEADY = 0.25;

  private KinkBounds() {}

  /**
   * The lowest and highest ⟨w, J·d⟩ that subgradients of outputs bending one way give.
   *
   * @param low Σ_k min(w_k·left_k, w_k·right_k), left and right being f_k's one-sided slopes
   * @param high Σ_k max(w_k·left_k, w_k·right_k)
   * @param jump the weighted sum's own right slope minus its left, ⟨w, right − left⟩
   */
  record Bounds(double low, double high, double jump) {
    double spread() {
      return high - low;
    }
  }

  /** The bounds along {@code direction} of input {@code i}, from one-sided steps of {@code h}. */
  static Bounds of(Probe probe, int i, Tensor direction, Tensor weights, double h) {
    Tensor at = probe.outputAt(i, direction, 0);
    Tensor right = Probe.change(probe.outputAt(i, direction, h), at).mul(weights);
    Tensor left = Probe.change(at, probe.outputAt(i, direction, -h)).mul(weights);
    return new Bounds(left.minimum(right).sum().item() / h, left.maximum(right).sum().item() / h,
        right.sub(left).sum().item() / h);
  }

  /**
   * Whether some output has a kink at the point that bends up along one direction of input
   * {@code i} and down along another: its slope jumps by amounts of both signs, each holding
   * from step {@code h / 10} to {@code h / 100} (a smooth output's shrinks with the step, and
   * rounding's grows). The directions move only the elements {@code like} moves: a projection's
   * all of them, a full Jacobian's column one, along whose line a kink bends one way only, so
   * that entry's bounds stand (a subgradient of relu(a) − relu(b) can take any value in [0, 1]
   * for a, whatever b does). Seeded: the same check gives the same answer.
   */
  static boolean bendsBothWays(Probe probe, int i, Tensor like, double h) {
    Tensor support = like.map(v -> v != 0 ? 1 : 0);
    boolean[] up = null;
    boolean[] down = null;
    for (int r = 0; r < DIRECTIONS; r++) {
      Tensor direction = Tensors.randn(like.shape(), 0x6b696e6bL + r).to(like.dtype())
          .mul(support);
      double[] wide = jumps(probe, i, direction, h / 10);
      double[] fine = jumps(probe, i, direction, h / 100);
      if (up == null) {
        up = new boolean[fine.length];
        down = new boolean[fine.length];
      }
      for (int k = 0; k < fine.length; k++) {
        if (fine[k] != 0 && Math.abs(fine[k] - wide[k]) <= STEADY * Math.abs(wide[k])) {
          up[k] |= fine[k] > 0;
          down[k] |= fine[k] < 0;
          if (up[k] && down[k]) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Each output's right slope minus its left along {@code direction}, at step {@code s}. */
  private static double[] jumps(Probe probe, int i, Tensor direction, double s) {
    Tensor at = probe.outputAt(i, direction, 0);
    Tensor right = Probe.change(probe.outputAt(i, direction, s), at);
    Tensor left = Probe.change(at, probe.outputAt(i, direction, -s));
    return right.sub(left).div(s).toArray();
  }
}
