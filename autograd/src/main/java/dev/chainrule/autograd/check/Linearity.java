package dev.chainrule.autograd.check;

import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether the engine's vector-Jacobian product is linear in the incoming gradient, as every
 * function's is: Jᵀ(c·w) = c·Jᵀw. The comparisons see the rule at one incoming gradient per row
 * (−2, the full Jacobian's) or per projection (standard normal weights), so a rule that clamps g to
 * [−2, 2], or takes g·|g|/2, gave exactly the right rows and passed check and OpSpec at both
 * orders. Here the engine runs with random weights w and again with −64·w: −64 is a power of two,
 * so that for a rule linear in g the two agree to the bit (scaling by it commutes with rounding),
 * and its size and sign put most of its elements beyond any clamp a rule with an ordinary scale
 * could apply, and turn a rule that takes |g| or max(g, 0).
 *
 * @param input the input whose gradient is the least linear
 * @param index that input's element
 * @param once the engine's gradient there with the incoming gradient w
 * @param scaled the engine's gradient there with −64·w, divided by −64
 * @param weights w
 */
record Linearity(int input, int index, double once, double scaled, Tensor weights) {
  /** The factor of the second run; a power of two, so that dividing it back out is exact. */
  static final double SCALE = -64;
  /** Kept apart from the projections' own stream, which the same seed starts. */
  private static final long SALT = 0x6c696e656172L;

  /**
   * The element whose two values lie the most tolerances apart, if any lies more than one:
   * called before the probe moves values the graph reads. A pair not both finite is left to the
   * comparisons (an overflow at 64 times the weights is the function's, not the rule's).
   */
  static Optional<Linearity> find(Variable out, List<Variable> leaves, GradCheck.Options options) {
    Tensor w = Tensors.randn(out.shape(), options.seed() ^ SALT);
    List<Tensor> once = JacobianComparison.gradients(out, leaves, w);
    List<Tensor> scaled = JacobianComparison.gradients(out, leaves, w.mul(SCALE));
    Linearity worst = null;
    double worstViolation = 1;
    for (int i = 0; i < leaves.size(); i++) {
      double[] a = once.get(i).toArray();
      double[] b = scaled.get(i).div(SCALE).toArray();
      for (int k = 0; k < a.length; k++) {
        double difference = Math.abs(a[k] - b[k]);
        if (!Double.isFinite(difference) || difference == 0) {
          continue;
        }
        double violation = difference
            / (options.atol() + options.rtol() * Math.max(Math.abs(a[k]), Math.abs(b[k])));
        if (violation > worstViolation) {
          worstViolation = violation;
          worst = new Linearity(i, k, a[k], b[k], w);
        }
      }
    }
    return Optional.ofNullable(worst);
  }

  /**
   * The report: wrong, with the central difference of ⟨w, f⟩ along the element as the numerical
   * value and the engine's value that is farther from it as the analytical one.
   */
  GradCheckReport report(Probe probe, GradCheck.Options options, String method, int comparisons) {
    Tensor direction = JacobianComparison.oneHot(probe.shape(input), index);
    double step = probe.steps(input, options.eps()).toArray()[index];
    double numerical = probe.difference(input, direction, weights, step).change() / (2 * step);
    double analytical = Math.abs(once - numerical) >= Math.abs(scaled - numerical) ? once : scaled;
    double abs = Math.abs(analytical - numerical);
    double size = Math.max(Math.abs(analytical), Math.abs(numerical));
    String detail = String.format(Locale.ROOT,
        "the rule is not linear in its incoming gradient g: with g = w"
        + " (random weights of the outputs) the engine's gradient at this element is %.10g, with"
        + " g = %.0f·w it is %.10g, which is %.10g per unit of w; a vector-Jacobian product is"
        + " linear in g, whatever the function (central differences of ⟨w, f⟩ give %.10g), so"
        + " the rule is wrong: it clamps, squares or otherwise transforms g instead of"
        + " multiplying by it", once, SCALE, scaled * SCALE, scaled, numerical);
    return new GradCheckReport(false, Verdict.WRONG_DERIVATIVE, method, comparisons, input,
        probe.shape(input).unravel(index), -1, analytical, numerical, abs,
        size == 0 ? 0 : abs / size, options.eps(), options.atol(), options.rtol(), detail);
  }
}
