package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;

/**
 * Selection by index tensors, which are data (constants), never differentiated. The two pairs are
 * adjoint, so each rule is the other op: gather ↔ scatterAdd, take ↔ indexAdd, and gradients of
 * any order follow. The index is saved in the context, so changing it in place before backward is
 * caught rather than routing the gradient to the wrong elements.
 */
final class IndexOps {
  private IndexOps() {}

  /** y[..i..] = x[..index[..i..]..] along an axis; ∂x = scatterAdd of g into zeros. */
  static Variable gather(Variable x, int axis, Tensor index) {
    checkNotNull(index, "gather: index is null");
    return Op.unary("gather", (ctx, v) -> {
      ctx.save(index);
      return v.gather(axis, index);
    }, (ctx, g) -> Variable.constant(Tensors.zeros(ctx.inputShape(0), g.dtype()))
        .scatterAdd(axis, ctx.saved(0), g)).apply(x);
  }

  /** y = base with source added at the indices; ∂base = g, ∂source = g gathered at them. */
  static Variable scatterAdd(Variable base, int axis, Tensor index, Variable source) {
    checkNotNull(index, "scatterAdd: index is null");
    return Op.of("scatterAdd", (ctx, in) -> {
      ctx.save(index);
      return in[0].scatterAdd(axis, index, in[1]);
    }, (ctx, g) -> new Variable[] {g, ctx.needsGrad(1) ? g.gather(axis, ctx.saved(0)) : null})
        .apply(base, source);
  }

  /** y = the slices of x at the indices along an axis; ∂x = indexAdd of g into zeros. */
  static Variable take(Variable x, Tensor index, int axis) {
    checkNotNull(index, "take: index is null");
    return Op.unary("take", (ctx, v) -> {
      ctx.save(index);
      return v.take(index, axis);
    }, (ctx, g) -> Variable.constant(Tensors.zeros(ctx.inputShape(0), g.dtype()))
        .indexAdd(axis, ctx.saved(0), g)).apply(x);
  }

  /** y = base with the slices of source added at the indices; ∂base = g, ∂source = take of g. */
  static Variable indexAdd(Variable base, int axis, Tensor index, Variable source) {
    checkNotNull(index, "indexAdd: index is null");
    return Op.of("indexAdd", (ctx, in) -> {
      ctx.save(index);
      return in[0].indexAdd(axis, index, in[1]);
    }, (ctx, g) -> new Variable[] {g, ctx.needsGrad(1) ? g.take(ctx.saved(0), axis) : null})
        .apply(base, source);
  }
}
