package dev.chainrule.autograd.check;

import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.core.Tensor;
import java.util.Locale;
import java.util.Optional;

/**
 * One input element along which the outputs have a kink at the point, judged on its own ({@link
 * AlongInputs}): along a single element each output bends one way there, so the engine's value
 * along it must lie between f's one-sided slopes, summed over the outputs. Three refinements,
 * each from an adversarial review:
 *
 * <ul>
 *   <li>The outputs that bend up are judged apart from the others: one subgradient is shared by
 *       each side, while together their bounds excuse any value between (a ReLU rule of −0.3 at 0
 *       before a matmul passed as a kink).
 *   <li>The kink must lie at the point as far as 10⁻⁴ of the step resolves it: two kinks 1e-9
 *       apart (2·relu(x + 1e-9) − relu(x), whose derivative at 0 is 2) make one at h/100 whose
 *       slopes, 0 and 1, exclude the right value. Such an element is not judged.
 *   <li>Curvature beside the kink moves each one-sided slope with the step: the bounds are the
 *       union of the slopes at h/100, those extrapolated to step 0 from h/10 and h/100 (relu(x) −
 *       0.5·x² at eps 1e-3), and those at 10⁻⁴ of the step, where rounding lets them count
 *       (tanh(1e4·x)/1e4 − relu(x) at eps 1e-2 curves on the scale of h/100 itself).
 * </ul>
 */
final class KinkedElement {
  private KinkedElement() {}

  /**
   * Wrong, if the engine's value {@code engine} along element {@code k} ({@code single}, the
   * direction moving it alone) lies outside what f's one-sided slopes allow, over all the outputs
   * or over either side of them; empty otherwise, or where the kink is not resolved.
   */
  static Optional<Diagnosis> judge(Probe probe, Worst worst, int k, Tensor single,
      KinkBounds.Bounds wide, KinkBounds.Bounds fine, Tensor at, double engine, double[] steps) {
    Tensor weights = worst.weights();
    double finest = BetweenKinks.NEAR * worst.step();
    KinkBounds.Bounds nearest = KinkBounds.of(probe, worst.input(), single, weights, finest, at);
    Resolution resolution = Resolution.of(wide, fine, nearest, at, weights, finest);
    if (!resolution.atThePoint()) {
      return Optional.empty();
    }
    // Rounding's share of a one-sided slope at a step: 8 roundings of ⟨|w|, |f|⟩ over it.
    double noise = NearKinks.ROUNDINGS * Rounding.unit(at.dtype())
        * weights.abs().mul(at.abs()).sum().item();
    double rounding = noise / (resolution.nearestCounts() ? finest : steps[1]);
    Tensor limitLeft = extrapolated(wide.left(), fine.left());
    Tensor limitRight = extrapolated(wide.right(), fine.right());
    Tensor upWeights = weights.mul(resolution.up());
    Tensor downWeights = weights.sub(upWeights);
    boolean mixed = upWeights.abs().sum().item() > 0 && downWeights.abs().sum().item() > 0;
    double engineUp = mixed ? worst.engineGradient(upWeights).toArray()[k]
        * single.toArray()[k] : engine;
    Tensor[] parts = mixed ? new Tensor[] {weights, upWeights, downWeights}
        : new Tensor[] {weights};
    double[] engines = {engine, engineUp, engine - engineUp};
    for (int part = 0; part < parts.length; part++) {
      KinkBounds.Bounds bounds = KinkBounds.Bounds.weighted(fine.left(), fine.right(),
          parts[part]);
      KinkBounds.Bounds limit = KinkBounds.Bounds.weighted(limitLeft, limitRight, parts[part]);
      double low = Math.min(bounds.low(), limit.low());
      double high = Math.max(bounds.high(), limit.high());
      if (resolution.nearestCounts()) {
        KinkBounds.Bounds near = KinkBounds.Bounds.weighted(nearest.left(), nearest.right(),
            parts[part]);
        low = Math.min(low, near.low());
        high = Math.max(high, near.high());
      }
      double value = engines[part];
      double margin = worst.tolerance(value, Math.max(Math.abs(low), Math.abs(high))) + rounding;
      if (value < low - margin || value > high + margin) {
        return Optional.of(new Diagnosis(Verdict.WRONG_DERIVATIVE, String.format(Locale.ROOT,
            "along input element %d alone, where %s have a kink at the point, their one-sided"
                + " slopes bound a subgradient's value between %.10g and %.10g, and the engine's"
                + " %.10g lies outside them: no subgradient there has that value, so the"
                + " derivative is wrong (unless f composes ops whose kinks along this element"
                + " bend opposite ways, as relu(x) − 0.5·relu(−x) at 0, whose right rules"
                + " give 0, outside its slopes 0.5 and 1: the chain rule's sum of right"
                + " subgradients can lie outside them, and localize judges each op on its own)",
            k, part == 0 ? "the outputs" : part == 1 ? "the weighted outputs that bend up"
                : "the weighted outputs that bend down", low, high, value)));
      }
    }
    return Optional.empty();
  }

  /**
   * One-sided slopes at step 0 from those at h/10 ({@code wide}) and h/100 ({@code fine}): a
   * smooth piece's slope moves linearly with the step, so the limit is fine − (wide − fine)/9.
   */
  private static Tensor extrapolated(Tensor wide, Tensor fine) {
    return fine.sub(wide.sub(fine).div(9));
  }

  /**
   * What the slopes at h/10, h/100 and {@code finest} say of the kinks along one element.
   *
   * @param atThePoint whether every output's jump that holds from h/10 to h/100 ({@link
   *     KinkBounds#steady}) holds at {@code finest} too, where rounding there could not hide a
   *     change
   * @param nearestCounts whether rounding at {@code finest} is below a quarter of every such jump,
   *     so that the slopes there bound a subgradient too
   * @param up 1 for each output whose weighted jump is up and holds from h/10 to h/100: one chosen
   *     by the sign of rounding's (relu(x)·W in float32 at eps 1e-2) would bias the bounds
   */
  private record Resolution(boolean atThePoint, boolean nearestCounts, Tensor up) {
    static Resolution of(KinkBounds.Bounds wide, KinkBounds.Bounds fine,
        KinkBounds.Bounds nearest, Tensor at, Tensor weights, double finest) {
      double unit = Rounding.unit(at.dtype());
      double[] values = at.toArray();
      double[] w = weights.toArray();
      double[] wl = wide.left().toArray();
      double[] wr = wide.right().toArray();
      double[] fl = fine.left().toArray();
      double[] fr = fine.right().toArray();
      double[] nl = nearest.left().toArray();
      double[] nr = nearest.right().toArray();
      boolean atThePoint = true;
      boolean nearestCounts = true;
      double[] up = new double[values.length];
      for (int j = 0; j < values.length; j++) {
        double jump = wr[j] - wl[j];
        if (!KinkBounds.steady(jump, fr[j] - fl[j])) {
          continue;
        }
        up[j] = w[j] * jump > 0 ? 1 : 0;
        boolean judged = NearKinks.ROUNDINGS * unit * Math.abs(values[j]) / finest
            < KinkBounds.STEADY * Math.abs(jump);
        nearestCounts &= judged;
        atThePoint &= !judged || KinkBounds.steady(jump, nr[j] - nl[j]);
      }
      return new Resolution(atThePoint, nearestCounts, Tensor.of(up, at.shape().dims()));
    }
  }
}
