package dev.chainrule.autograd.check;

import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.autograd.check.KinkBounds.Bounds;
import dev.chainrule.autograd.check.KinkBounds.Survey;
import dev.chainrule.core.Tensor;
import java.util.Optional;

/**
 * A kink's excuse tried along the rule's own gradient. A subgradient g of an output that bends
 * one way (convex like max, or concave like min) has ⟨g, d⟩ between the output's one-sided
 * slopes along every direction d (convex: −f′(x; −d) ≤ ⟨g, d⟩ ≤ f′(x; d); concave: the
 * reverse), and so the weighted sum s = Σ w_k·g_k the engine gives has ⟨s, d⟩ between the sums
 * of its outputs' bounds ({@link KinkBounds}). Along the check's random direction those bounds
 * are wide and excuse a rule that no subgradient matches: max at (2, 2, 0) with the rule
 * (1, 1, 0), a tie counted twice, lies within them along nearly every direction (PyTorch's
 * gradcheck fails it). Along d = s itself, ⟨s, d⟩ = |s|² is as large as it gets: 2 against the
 * slopes 1 and 1 of max along (1, 1, 0), where the even split (½, ½, 0) gives ½ against ½ and ½,
 * and the one-sided (1, 0, 0) gives 1 against 0 and 1. The bound does not hold for an output that
 * bends up along one direction and down along another (relu(a) − relu(b) at a = b = 0): a {@link
 * Survey} along directions like d looks for those first, as the kink branch of Diagnosis does.
 */
final class RuleDirection {
  private RuleDirection() {}

  /**
   * WRONG_DERIVATIVE if the rule's own direction shows it is no subgradient, else empty; {@code s}
   * is the engine's gradient of ⟨w, f⟩ for the worst comparison's input and weights.
   */
  static Optional<Diagnosis> check(Probe probe, Worst worst, Tensor s) {
    double eps = worst.options().eps();
    // Each element moves by its own step's share, as along a projection: max(eps, 1e-8·|x|).
    Tensor scaled = s.mul(probe.steps(worst.input(), eps).div(eps));
    double norm = scaled.abs().max().item();
    if (!(norm > 0) || !Double.isFinite(norm)) {
      return Optional.empty();
    }
    Tensor d = scaled.div(norm);
    double value = s.mul(d).sum().item();
    // Two steps, as the kink branch: the slopes of a kink hold from one to the next, and an
    // excess at both is neither the truncation of the larger nor the rounding of the smaller.
    Bounds wide = KinkBounds.of(probe, worst.input(), d, worst.weights(), eps / 10);
    Bounds bounds = KinkBounds.of(probe, worst.input(), d, worst.weights(), eps / 100);
    double tolerance = worst.options().atol() + worst.options().rtol() * Math.abs(value);
    double excess = Math.min(excess(wide, value), excess(bounds, value));
    // The margin as the kink branch's: a quarter of the jump absorbs the slopes' O(step) error.
    if (excess <= tolerance + Math.abs(bounds.jump()) / 4) {
      return Optional.empty();
    }
    Survey survey = Survey.of(probe, worst.input(), d, worst.weights(), eps,
        worst.options().rtol());
    if (survey.bothWaysReach(worst.weights()) >= excess / 4) {
      return Optional.empty();
    }
    return Optional.of(new Diagnosis(Verdict.WRONG_DERIVATIVE, String.format("along the"
        + " engine's own gradient s (as a direction d, scaled to the steps), the engine's slope"
        + " ⟨s, d⟩ is %.10g, but the one-sided slopes there bound a subgradient's between %.10g"
        + " and %.10g (step %.1g): the values each lie within the kink's bounds along the"
        + " check's direction, but no subgradient gives them together (a tie counted twice,"
        + " say), so the derivative is wrong", value, bounds.low(), bounds.high(), eps / 100)));
  }

  private static double excess(Bounds bounds, double value) {
    return Math.max(bounds.low() - value, value - bounds.high());
  }
}
