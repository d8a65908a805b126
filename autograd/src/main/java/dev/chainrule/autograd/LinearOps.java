package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.Transpose;

/**
 * Matrix products. Each backward is two more products through the same GEMM seam, with transpose
 * flags instead of materialized transposes. Batch axes that were broadcast are summed back by the
 * engine.
 */
final class LinearOps {
  private LinearOps() {}

  /**
   * C = op(A)·op(B) where op transposes the last two axes as {@code mode} says. With G = ∂C:
   * A·B: ∂A = G·Bᵀ, ∂B = Aᵀ·G. Aᵀ·B: ∂A = B·Gᵀ, ∂B = A·G. A·Bᵀ: ∂A = G·B, ∂B = Gᵀ·A.
   * Aᵀ·Bᵀ: ∂A = Bᵀ·Gᵀ, ∂B = Gᵀ·Aᵀ. A 1-D operand is a row (left) or column (right) vector.
   */
  static Variable matmul(Variable a, Variable b, Transpose mode) {
    checkNotNull(b, "matmul: the other tensor is null");
    checkNotNull(mode, "matmul: transpose mode is null");
    if (a.rank() == 1 || b.rank() == 1) {
      // Vectors become matrices so the rules below hold; their extra axis is dropped again.
      checkArgument(a.rank() != 0 && b.rank() != 0, "matmul: %s x %s: operands need at least one"
          + " axis", a.shape(), b.shape());
      checkArgument(!(mode.left() && a.rank() == 1) && !(mode.right() && b.rank() == 1),
          "matmul: %s x %s: a 1-D operand cannot be transposed", a.shape(), b.shape());
      Variable left = a.rank() == 1 ? a.unsqueeze(0) : a;
      Variable right = b.rank() == 1 ? b.unsqueeze(1) : b;
      Variable product = matrixProduct(left, right, mode);
      Variable rows = a.rank() == 1 ? product.squeeze(-2) : product;
      return b.rank() == 1 ? rows.squeeze(-1) : rows;
    }
    return matrixProduct(a, b, mode);
  }

  private static Variable matrixProduct(Variable a, Variable b, Transpose mode) {
    return Op.of("matmul", (ctx, in) -> in[0].matmul(in[1], mode), (ctx, g) -> {
      Variable x = ctx.input(0);
      Variable y = ctx.input(1);
      Variable dx = null;
      Variable dy = null;
      switch (mode) {
        case NONE -> {
          dx = ctx.needsGrad(0) ? g.matmul(y, Transpose.RIGHT) : null;
          dy = ctx.needsGrad(1) ? x.matmul(g, Transpose.LEFT) : null;
        }
        case LEFT -> {
          dx = ctx.needsGrad(0) ? y.matmul(g, Transpose.RIGHT) : null;
          dy = ctx.needsGrad(1) ? x.matmul(g) : null;
        }
        case RIGHT -> {
          dx = ctx.needsGrad(0) ? g.matmul(y) : null;
          dy = ctx.needsGrad(1) ? g.matmul(x, Transpose.LEFT) : null;
        }
        case BOTH -> {
          dx = ctx.needsGrad(0) ? y.matmul(g, Transpose.BOTH) : null;
          dy = ctx.needsGrad(1) ? g.matmul(x, Transpose.BOTH) : null;
        }
      }
      return new Variable[] {dx, dy};
    }).apply(a, b);
  }

  /**
   * Y = X·W + b for a batch of rows X [n, in], W [in, out], b [out] (optional), fused into one
   * node; ∂X = G·Wᵀ, ∂W = Xᵀ·G, ∂b = Σ over rows of G.
   */
  static Variable dense(Variable x, Variable weight, Variable bias) {
    checkNotNull(x, "dense: input is null");
    checkNotNull(weight, "dense: weight is null");
    checkArgument(x.rank() == 2 && weight.rank() == 2,
        "dense: input %s and weight %s must both be matrices", x.shape(), weight.shape());
    checkArgument(bias == null || (bias.rank() == 1 && bias.shape().dim(0) == weight.shape().dim(1)),
        "dense: bias %s does not match weight %s (expected [%s])",
        bias == null ? null : bias.shape(), weight.shape(), weight.shape().dim(1));
    Op op = Op.of("dense", (ctx, in) -> in.length == 3 ? in[0].dense(in[1], in[2])
        : in[0].matmul(in[1]), (ctx, g) -> new Variable[] {
        ctx.needsGrad(0) ? g.matmul(ctx.input(1), Transpose.RIGHT) : null,
        ctx.needsGrad(1) ? ctx.input(0).matmul(g, Transpose.LEFT) : null,
        ctx.inputCount() == 3 && ctx.needsGrad(2) ? g.sum(0, false) : null});
    return bias == null ? op.apply(x, weight) : op.apply(x, weight, bias);
  }
}
