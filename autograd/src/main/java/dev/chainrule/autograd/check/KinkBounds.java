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
 * {@link #bothWaysReach} looks for such outputs along a few more directions before a value
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
   * @param left each output's left slope, unweighted
   * @param right each output's right slope, unweighted
   */
  record Bounds(double low, double high, double jump, Tensor left, Tensor right) {
    double spread() {
      return high - low;
    }
  }

  /** The bounds along {@code direction} of input {@code i}, from one-sided steps of {@code h}. */
  static Bounds of(Probe probe, int i, Tensor direction, Tensor weights, double h) {
    Tensor at = probe.outputAt(i, direction, 0);
    Tensor rightSlopes = Probe.change(probe.outputAt(i, direction, h), at).div(h);
    Tensor leftSlopes = Probe.change(at, probe.outputAt(i, direction, -h)).div(h);
    Tensor right = rightSlopes.mul(weights);
    Tensor left = leftSlopes.mul(weights);
    return new Bounds(left.minimum(right).sum().item(), left.maximum(right).sum().item(),
        right.sub(left).sum().item(), leftSlopes, rightSlopes);
  }

  /**
   * 1 for each output whose slope may jump at the point, 0 for the others: a jump beyond a
   * quarter of the relative tolerance of its slopes at either step. Generous on purpose: the
   * outputs left are compared with the engine one by one in effect, where a kink taken for
   * smooth adds half its jump to their central difference (float32 rounding inside a check made
   * some kinks' jumps unsteady, and a right ReLU wrong); a smooth output taken for a kink only
   * leaves the comparison.
   */
  static Tensor kinked(Bounds wide, Bounds fine, double rtol) {
    double[] wl = wide.left().toArray();
    double[] wr = wide.right().toArray();
    double[] fl = fine.left().toArray();
    double[] fr = fine.right().toArray();
    double[] mask = new double[fl.length];
    for (int k = 0; k < fl.length; k++) {
      double scale = rtol / 4 * Math.max(Math.abs(fl[k]), Math.abs(fr[k]));
      boolean jumps = Math.abs(fr[k] - fl[k]) > scale || Math.abs(wr[k] - wl[k]) > scale;
      mask[k] = jumps || !Double.isFinite(fr[k] - fl[k]) ? 1 : 0;
    }
    return Tensor.of(mask, fine.left().shape().dims());
  }

  private static boolean steady(double wide, double fine) {
    return fine != 0 && Math.abs(fine - wide) <= STEADY * Math.abs(wide);
  }

  /**
   * How far subgradients of the outputs that bend both ways at the point could reach: Σ |w_k|
   * times the largest jump in slope of output k along a few more directions of input {@code i},
   * over each output whose slope jumps by amounts of both signs, each jump holding from step
   * {@code h / 10} to {@code h / 100}; 0 when no output bends both ways. The directions move only
   * the elements {@code like} moves, and are drawn as the check's are: a projection's move all of
   * them; a full Jacobian's column moves one, along whose line a kink bends one way only, so
   * that entry's bounds stand (a subgradient of relu(a) − relu(b) can take any value in [0, 1]
   * for a, whatever b does). A value outside the bounds by more than this reach is wrong
   * whatever the bends: float32 rounding inside a float64 check makes jumps of 6e-4 that hold
   * from step to step, and must not excuse a rule off by 3. Seeded: the same check gives the
   * same answer.
   */
  static double bothWaysReach(Probe probe, int i, Tensor like, Tensor weights, double h) {
    Tensor support = like.map(v -> v != 0 ? 1 : 0);
    double[] largest = null;
    boolean[] up = null;
    boolean[] down = null;
    for (int r = 0; r < DIRECTIONS; r++) {
      Tensor direction = Tensors.randn(like.shape(), 0x6b696e6bL + r).to(like.dtype())
          .mul(support);
      double[] wide = jumps(probe, i, direction, h / 10);
      double[] fine = jumps(probe, i, direction, h / 100);
      if (up == null) {
        largest = new double[fine.length];
        up = new boolean[fine.length];
        down = new boolean[fine.length];
      }
      for (int k = 0; k < fine.length; k++) {
        if (steady(wide[k], fine[k])) {
          up[k] |= fine[k] > 0;
          down[k] |= fine[k] < 0;
          largest[k] = Math.max(largest[k], Math.abs(fine[k]));
        }
      }
    }
    double[] w = weights.toArray();
    double reach = 0;
    for (int k = 0; k < w.length; k++) {
      reach += up[k] && down[k] ? Math.abs(w[k]) * largest[k] : 0;
    }
    return reach;
  }

  /** Each output's right slope minus its left along {@code direction}, at step {@code s}. */
  private static double[] jumps(Probe probe, int i, Tensor direction, double s) {
    Tensor at = probe.outputAt(i, direction, 0);
    Tensor right = Probe.change(probe.outputAt(i, direction, s), at);
    Tensor left = Probe.change(at, probe.outputAt(i, direction, -s));
    return right.sub(left).div(s).toArray();
  }
}
