package dev.chainrule.nn.reference;

import dev.chainrule.autograd.Reduction;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;

/**
 * How far the forward's rounding moves a central difference where a binary cross-entropy takes
 * probabilities near 0 or 1: a floor under the finite differences' absolute tolerance that
 * GradCheck cannot see, for its rounding model knows only the loss's own ulps.
 *
 * <p>A probability p = σ(z) or exp(z − logSumExp z) carries a relative error δ of a few ulps of
 * its logits' size, as the log-sum-exp rounds to ulp(max |z|). The loss's term
 * −(1 − y)·log(1 − p) turns that into (1 − y)·δ·p/(1 − p): a seeded case (jqwik seed
 * -6960671901357469468: 1 − p = 4e-7 after logits up to 14, binary cross-entropy after a softmax)
 * had a loss of 5.9 whose engine and reference values, two exact formulas, lay 2e-11 apart, and
 * a central difference at step 1e-6 off by 2.5e-6, above GradCheck's default atol of 1e-6: the
 * check called the reference's right rule wrong. The term −y·log p adds y·δ, which stays small.
 */
final class ProbabilityRounding {
  /**
   * δ as a multiple of u·max(1, max |z|): one for the log-sum-exp's rounding, one for the
   * exponential's. In the seeded case the engine's and the reference's forwards, both exact
   * formulas for the same loss, differ by 2e-11, 0.35 of the bound one would give.
   */
  private static final double ROUNDINGS = 2;

  private ProbabilityRounding() {}

  /**
   * The most the rounding of the output probabilities can move a central difference of the
   * loss at step {@code eps} (two evaluations over 2·eps): 0 unless the loss is a binary
   * cross-entropy on probabilities.
   */
  static double centralDifferenceFloor(Sequential model, Loss.BuiltIn loss, Tensor x,
      Tensor target, double eps) {
    if (loss.kind() != Loss.Kind.BINARY_CROSS_ENTROPY) {
      return 0;
    }
    Tensor a = x;
    Tensor z = x;
    for (int l = 0; l < model.layers().size(); l += 2) {
      z = ((Dense) model.layers().get(l)).forward(Variable.constant(a)).value();
      a = ((Activation) model.layers().get(l + 1)).forward(Variable.constant(z)).value();
    }
    double delta = ROUNDINGS * 0x1p-53 * Math.max(1, z.abs().max().item());
    double[] p = a.toArray();
    double[] y = target.toArray();
    double terms = 0;
    for (int i = 0; i < p.length; i++) {
      // A term of zero weight adds nothing, even at p = 1 (where δ·p/(1 − p) is infinite).
      terms += y[i] * delta + (y[i] == 1 ? 0 : (1 - y[i]) * delta * p[i] / (1 - p[i]));
    }
    // The loss's own scale: 1/(batch·classes) for a mean.
    double scale = loss.reduction() == Reduction.MEAN ? 1.0 / p.length : 1.0;
    return scale * terms / eps;
  }
}
