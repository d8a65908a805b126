package dev.chainrule.autograd;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;

/**
 * Reductions over all elements ({@code axes == null}) or over a set of axes. Every rule first
 * spreads {@code g} back over the reduced axes ({@link #expand}): reshape to the kept-dimensions
 * shape, then broadcast to the input's shape.
 */
final class ReductionOps {
  private ReductionOps() {}

  /** y = Σ x; ∂x = g spread over the reduced axes. */
  static Variable sum(Variable x, int[] axes, boolean keepDims) {
    return Op.unary("sum", (ctx, v) -> axes == null ? v.sum() : v.sum(axes, keepDims),
        (ctx, g) -> expand(g, ctx.inputShape(0), axes)).apply(x);
  }

  /** y = Σ x / n; ∂x = g / n spread over the reduced axes. */
  static Variable mean(Variable x, int[] axes, boolean keepDims) {
    return Op.unary("mean", (ctx, v) -> axes == null ? v.mean() : v.mean(axes, keepDims),
        (ctx, g) -> expand(g, ctx.inputShape(0), axes).div(count(ctx.inputShape(0), axes)))
        .apply(x);
  }

  /**
   * y = max x; ∂x = g at the position of the maximum. Where several elements tie for it, the
   * gradient is shared equally (a subgradient: max is not differentiable at a tie).
   */
  static Variable max(Variable x, int[] axes, boolean keepDims) {
    return Op.unary("max", (ctx, v) -> axes == null ? v.max() : v.max(axes, keepDims),
        (ctx, g) -> routeToExtremes(ctx, g, axes)).apply(x);
  }

  /** y = min x; ∂x = g at the position of the minimum, shared equally among ties. */
  static Variable min(Variable x, int[] axes, boolean keepDims) {
    return Op.unary("min", (ctx, v) -> axes == null ? v.min() : v.min(axes, keepDims),
        (ctx, g) -> routeToExtremes(ctx, g, axes)).apply(x);
  }

  /** y = log Σ eˣ (stable); ∂x = g·softmax(x) = g·e^(x − y). */
  static Variable logSumExp(Variable x, int[] axes, boolean keepDims) {
    return Op.unary("logSumExp",
        (ctx, v) -> axes == null ? v.logSumExp() : v.logSumExp(axes, keepDims),
        (ctx, g) -> {
          Variable input = ctx.input(0);
          Variable y = ctx.output().reshape(keptShape(input.shape(), axes).dims());
          return expand(g, input.shape(), axes).mul(input.sub(y).exp());
        }).apply(x);
  }

  /** y = Σ (x − x̄)² / n (population variance); ∂x = g·2(x − x̄)/n. */
  static Variable variance(Variable x, int[] axes, boolean keepDims) {
    return Op.unary("variance",
        (ctx, v) -> axes == null ? v.variance() : v.variance(axes, keepDims),
        (ctx, g) -> {
          Variable input = ctx.input(0);
          Variable mean = axes == null ? input.mean().reshape(keptShape(input.shape(), null).dims())
              : input.mean(axes, true);
          double scale = 2.0 / count(input.shape(), axes);
          return expand(g, input.shape(), axes).mul(input.sub(mean).mul(scale));
        }).apply(x);
  }

  private static Variable routeToExtremes(OpContext ctx, Variable g, int[] axes) {
    Tensor x = ctx.input(0).value();
    Shape kept = keptShape(x.shape(), axes);
    Tensor winners = x.eq(ctx.output().value().reshape(kept.dims()));
    Tensor share = winners.div(axes == null ? winners.sum().reshape(kept.dims())
        : winners.sum(axes, true));
    return expand(g, x.shape(), axes).mul(Variable.constant(share));
  }

  /** The gradient of a reduced value, spread back over the axes that were reduced. */
  static Variable expand(Variable g, Shape input, int[] axes) {
    Shape kept = keptShape(input, axes);
    Variable reshaped = g.shape().equals(kept) ? g : g.reshape(kept.dims());
    return reshaped.shape().equals(input) ? reshaped : reshaped.broadcastTo(input);
  }

  /** The input's shape with the reduced axes set to 1. */
  static Shape keptShape(Shape shape, int[] axes) {
    int[] dims = shape.dims();
    if (axes == null) {
      java.util.Arrays.fill(dims, 1);
    } else {
      for (int axis : axes) {
        dims[shape.normalizeAxis("reduce", axis)] = 1;
      }
    }
    return Shape.of(dims);
  }

  private static int count(Shape shape, int[] axes) {
    return shape.size() / Math.max(1, keptShape(shape, axes).size());
  }
}
