package dev.chainrule.autograd;

/**
 * Softmax and log-softmax along an axis, fused for stability: both subtract the log-sum-exp, so
 * logits of ±1e4 give finite values and gradients.
 */
final class SoftmaxOps {
  private SoftmaxOps() {}

  /** y = e^(x − lse(x)); ∂x = y ⊙ (g − Σ_axis g ⊙ y). */
  static Variable softmax(Variable x, int axis) {
    return Op.unary("softmax", (ctx, v) -> v.sub(v.logSumExp(axis, true)).exp(), (ctx, g) -> {
      Variable y = ctx.output();
      return y.mul(g.sub(g.mul(y).sum(axis, true)));
    }).apply(x);
  }

  /** y = x − lse(x); ∂x = g − e^y ⊙ Σ_axis g. */
  static Variable logSoftmax(Variable x, int axis) {
    return Op.unary("logSoftmax", (ctx, v) -> v.sub(v.logSumExp(axis, true)),
        (ctx, g) -> g.sub(ctx.output().exp().mul(g.sum(axis, true)))).apply(x);
  }
}
