package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.Tensor;

/**
 * Softmax and log-softmax along an axis, fused for stability: both subtract the log-sum-exp, so
 * logits of ±1e4 give finite values and gradients.
 */
final class SoftmaxOps {
  private SoftmaxOps() {}

  /** y = e^(x − lse(x)); ∂x = y ⊙ (g − Σ_axis g ⊙ y). */
  static Variable softmax(Variable x, int axis) {
    return Op.unary("softmax", (ctx, v) -> v.softmax(axis), (ctx, g) -> {
      Variable y = ctx.output();
      return y.mul(g.sub(g.mul(y).sum(axis, true)));
    }).apply(x);
  }

  /** y = x − lse(x); ∂x = g − e^y ⊙ Σ_axis g. */
  static Variable logSoftmax(Variable x, int axis) {
    return Op.unary("logSoftmax", (ctx, v) -> v.logSoftmax(axis),
        (ctx, g) -> g.sub(ctx.output().exp().mul(g.sum(axis, true)))).apply(x);
  }

  /**
   * Cross-entropy of softmax(z) against target distributions y, fused: per row
   * ℓ = lse(z) − Σₖ yₖzₖ (no probability is ever formed, so logits of ±1e4 are fine), summed over
   * rows and divided by the row count when {@code mean}. ∂z = g·(softmax(z)·Σₖyₖ − y) / n, which is
   * (softmax − one-hot)/n for one-hot targets. Targets are data, taken in the logits' type (a
   * float32 model's loss stays float32 whatever the labels were read as).
   *
   * @param logits [n, K] (or [K] for a single row)
   * @param targets the same shape as the logits: one-hot rows or probabilities
   */
  static Variable softmaxCrossEntropy(Variable logits, Tensor targetValues, boolean mean) {
    checkNotNull(targetValues, "softmaxCrossEntropy: targets are null");
    checkArgument(logits.rank() >= 1 && logits.shape().equals(targetValues.shape()),
        "softmaxCrossEntropy: logits %s and targets %s must have the same shape, classes last",
        logits.shape(), targetValues.shape());
    Tensor targets = targetValues.to(logits.dtype());
    int rows = logits.rank() == 1 ? 1 : logits.shape().size() / logits.shape().dim(-1);
    double scale = mean ? 1.0 / rows : 1.0;
    Tensor targetMass = targets.sum(-1, true);
    // One-hot rows have a mass of exactly 1, and multiplying by 1 changes nothing: skip it.
    Tensor mass = targetMass.ne(1).sum().item() == 0 ? null : targetMass;
    return Op.unary("softmaxCrossEntropy",
        (ctx, z) -> {
          ctx.save(targets);
          Tensor lse = z.logSumExp(-1, true);
          return (mass == null ? lse : lse.mul(mass)).sub(z.mul(targets).sum(-1, true))
              .sum().mul(scale);
        },
        (ctx, g) -> {
          Variable p = ctx.input(0).softmax(-1);
          return (mass == null ? p : p.mul(Variable.constant(mass)))
              .sub(Variable.constant(ctx.saved(0))).mul(g.mul(scale));
        }).apply(logits);
  }
}
