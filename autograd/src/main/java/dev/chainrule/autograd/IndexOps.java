package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;

/**
 * Selection by index tensors, which are data (constants), never differentiated. The two pairs are
 * adjoint, so each rule is the other op: gather ↔ scatterAdd, take ↔ indexAdd, and gradients of
 * any order follow.
 */
final class IndexOps {
  private IndexOps() {}

  /** y[..i..] = x[..index[..i..]..] along an axis; ∂x = scatterAdd of g into zeros. */
  static Variable gather(Variable x, int axis, Tensor index) {
    checkNotNull(index, "gather: index is null");
    return Op.unary("gather", (ctx, v) -> v.gather(axis, index),
        (ctx, g) -> Variable.constant(Tensors.zeros(ctx.input(0).shape(), g.dtype()))
            .scatterAdd(axis, index, g)).apply(x);
  }

  /** y = base with source added at the indices; ∂base = g, ∂source = g gathered at them. */
  static Variable scatterAdd(Variable base, int axis, Tensor index, Variable source) {
    checkNotNull(index, "scatterAdd: index is null");
    return Op.of("scatterAdd", (ctx, in) -> in[0].scatterAdd(axis, index, in[1]),
        (ctx, g) -> new Variable[] {g, ctx.needsGrad(1) ? g.gather(axis, index) : null})
        .apply(base, source);
  }

  /** y = the slices of x at the indices along an axis; ∂x = indexAdd of g into zeros. */
  static Variable take(Variable x, Tensor index, int axis) {
    checkNotNull(index, "take: index is null");
    return Op.unary("take", (ctx, v) -> v.take(index, axis),
        (ctx, g) -> Variable.constant(Tensors.zeros(ctx.input(0).shape(), g.dtype()))
            .indexAdd(axis, index, g)).apply(x);
  }

  /** y = base with the slices of source added at the indices; ∂base = g, ∂source = take of g. */
  static Variable indexAdd(Variable base, int axis, Tensor index, Variable source) {
    checkNotNull(index, "indexAdd: index is null");
    return Op.of("indexAdd", (ctx, in) -> in[0].indexAdd(axis, index, in[1]),
        (ctx, g) -> new Variable[] {g, ctx.needsGrad(1) ? g.take(index, axis) : null})
        .apply(base, source);
  }
}
