package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;

/**
 * Operations that rearrange elements without computing on them. Each backward is the inverse
 * rearrangement (or, for broadcasting and slicing, the adjoint: a sum or a scatter).
 */
final class LayoutOps {
  private LayoutOps() {}

  /**
   * y = x in another element type; ∂x = g in x's type. Float32 → float64 is exact and float64 →
   * float32 rounds, so the derivative is the identity up to that rounding.
   */
  static Variable to(Variable x, DType dtype) {
    checkNotNull(dtype, "to: dtype is null");
    if (x.dtype() == dtype) {
      return x;
    }
    return Op.unary("to", (ctx, v) -> v.to(dtype),
        (ctx, g) -> g.to(ctx.input(0).dtype())).apply(x);
  }

  /** y = x in a new shape; ∂x = g in x's shape. */
  static Variable reshape(Variable x, int[] dims) {
    return Op.unary("reshape", (ctx, v) -> v.reshape(dims),
        (ctx, g) -> g.reshape(ctx.inputShape(0).dims())).apply(x);
  }

  /** y = x with two axes swapped; ∂x = g with the same axes swapped back. */
  static Variable transpose(Variable x, int axis1, int axis2) {
    return Op.unary("transpose", (ctx, v) -> v.transpose(axis1, axis2),
        (ctx, g) -> g.transpose(axis1, axis2)).apply(x);
  }

  /** y = x with axes reordered; ∂x = g with the inverse order. */
  static Variable permute(Variable x, int[] order) {
    return Op.unary("permute", (ctx, v) -> v.permute(order), (ctx, g) -> {
      int[] inverse = new int[order.length];
      for (int i = 0; i < order.length; i++) {
        inverse[Math.floorMod(order[i], order.length)] = i;
      }
      return g.permute(inverse);
    }).apply(x);
  }

  /** y = x broadcast to a shape; ∂x = g summed back to x's shape. */
  static Variable broadcastTo(Variable x, Shape target) {
    return Op.unary("broadcastTo", (ctx, v) -> v.broadcastTo(target),
        (ctx, g) -> g.sumTo(ctx.inputShape(0))).apply(x);
  }

  /** y = x summed down to a shape it broadcasts from; ∂x = g broadcast back to x's shape. */
  static Variable sumTo(Variable x, Shape target) {
    return Op.unary("sumTo", (ctx, v) -> v.sumTo(target),
        (ctx, g) -> g.broadcastTo(ctx.inputShape(0))).apply(x);
  }

  /** y = x without the size-1 axis; ∂x = g reshaped back. */
  static Variable squeeze(Variable x, int axis) {
    return Op.unary("squeeze", (ctx, v) -> v.squeeze(axis),
        (ctx, g) -> g.reshape(ctx.inputShape(0).dims())).apply(x);
  }

  /** y = x with a new size-1 axis; ∂x = g reshaped back. */
  static Variable unsqueeze(Variable x, int axis) {
    return Op.unary("unsqueeze", (ctx, v) -> v.unsqueeze(axis),
        (ctx, g) -> g.reshape(ctx.inputShape(0).dims())).apply(x);
  }

  /** y = x[start:end:step] along an axis; ∂x = g scattered into zeros at the taken positions. */
  static Variable slice(Variable x, int axis, int start, int end, int step) {
    return Op.unary("slice", (ctx, v) -> v.slice(axis, start, end, step), (ctx, g) -> {
      Shape shape = ctx.inputShape(0);
      int a = shape.normalizeAxis("slice", axis);
      int length = shape.dim(a);
      int from = Math.min(Math.max(start < 0 ? start + length : start, 0), length);
      Tensor positions = Tensors.arange(from, from + (double) g.shape().dim(a) * step, step);
      return Variable.constant(Tensors.zeros(shape, g.dtype())).indexAdd(a, positions, g);
    }).apply(x);
  }

  /** y = the parts joined along an axis; ∂partᵢ = the matching slice of g. */
  static Variable concat(int axis, Variable[] parts) {
    checkNotNull(parts, "concat: tensors are null");
    checkArgument(parts.length > 0, "concat: needs at least one tensor");
    return Op.of("concat", (ctx, in) -> Tensor.concat(axis, in), (ctx, g) -> {
      Variable[] grads = new Variable[ctx.inputCount()];
      int offset = 0;
      for (int i = 0; i < grads.length; i++) {
        int size = ctx.inputShape(i).dim(axis);
        if (ctx.needsGrad(i)) {
          grads[i] = g.slice(axis, offset, offset + size);
        }
        offset += size;
      }
      return grads;
    }).apply(parts);
  }

  /** The parts stacked along a new axis: unsqueeze each, then concat. */
  static Variable stack(int axis, Variable[] parts) {
    checkNotNull(parts, "stack: tensors are null");
    checkArgument(parts.length > 0, "stack: needs at least one tensor");
    Variable[] expanded = new Variable[parts.length];
    for (int i = 0; i < parts.length; i++) {
      Variable part = checkNotNull(parts[i], "stack: tensor %s is null", i);
      checkArgument(part.shape().equals(parts[0].shape()), "stack: shapes %s and %s differ",
          parts[0].shape(), part.shape());
      expanded[i] = part.unsqueeze(axis);
    }
    return concat(axis, expanded);
  }
}
