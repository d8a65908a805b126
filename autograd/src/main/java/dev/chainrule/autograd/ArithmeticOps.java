package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.Tensor;

/**
 * Binary arithmetic with broadcasting, and the scalar forms. Each rule returns the gradient at the
 * output's shape; the engine sums it back to each input's shape. {@code g} is the gradient of the
 * output.
 */
final class ArithmeticOps {
  private ArithmeticOps() {}

  /** a + b; ∂a = g, ∂b = g. */
  static final Op ADD = Op.of("add", (ctx, in) -> in[0].add(in[1]),
      (ctx, g) -> new Variable[] {g, g});

  /** a − b; ∂a = g, ∂b = −g. */
  static final Op SUB = Op.of("sub", (ctx, in) -> in[0].sub(in[1]),
      (ctx, g) -> new Variable[] {g, ctx.needsGrad(1) ? g.neg() : null});

  /** a·b; ∂a = g·b, ∂b = g·a. */
  static final Op MUL = Op.of("mul", (ctx, in) -> in[0].mul(in[1]),
      (ctx, g) -> new Variable[] {
          ctx.needsGrad(0) ? g.mul(ctx.input(1)) : null,
          ctx.needsGrad(1) ? g.mul(ctx.input(0)) : null});

  /** a / b; ∂a = g / b, ∂b = −g·(a / b) / b. */
  static final Op DIV = Op.of("div", (ctx, in) -> in[0].div(in[1]),
      (ctx, g) -> new Variable[] {
          ctx.needsGrad(0) ? g.div(ctx.input(1)) : null,
          ctx.needsGrad(1) ? g.mul(ctx.output()).div(ctx.input(1)).neg() : null});

  /**
   * aᵇ; ∂a = g·b·aᵇ⁻¹, ∂b = g·aᵇ·ln a. The exponent's derivative exists only for a > 0 and is NaN
   * elsewhere, which is only computed when the exponent needs a gradient.
   */
  static final Op POW = Op.of("pow", (ctx, in) -> in[0].pow(in[1]),
      (ctx, g) -> new Variable[] {
          ctx.needsGrad(0)
              ? g.mul(ctx.input(1)).mul(ctx.input(0).pow(ctx.input(1).sub(1))) : null,
          ctx.needsGrad(1) ? g.mul(ctx.output()).mul(ctx.input(0).log()) : null});

  /**
   * max(a, b); the gradient goes to the larger input. At a tie, where max is not differentiable,
   * each gets half (the subgradient PyTorch also uses).
   */
  static final Op MAXIMUM = Op.of("maximum", (ctx, in) -> in[0].maximum(in[1]),
      (ctx, g) -> split(g, ctx.input(0).value().gt(ctx.input(1).value()),
          ctx.input(0).value().eq(ctx.input(1).value())));

  /** min(a, b); the gradient goes to the smaller input, half each at a tie. */
  static final Op MINIMUM = Op.of("minimum", (ctx, in) -> in[0].minimum(in[1]),
      (ctx, g) -> split(g, ctx.input(0).value().lt(ctx.input(1).value()),
          ctx.input(0).value().eq(ctx.input(1).value())));

  static Variable add(Variable a, Variable b) { return ADD.apply(a, b); }
  static Variable sub(Variable a, Variable b) { return SUB.apply(a, b); }
  static Variable mul(Variable a, Variable b) { return MUL.apply(a, b); }
  static Variable div(Variable a, Variable b) { return DIV.apply(a, b); }
  static Variable pow(Variable a, Variable b) { return POW.apply(a, b); }
  static Variable maximum(Variable a, Variable b) { return MAXIMUM.apply(a, b); }
  static Variable minimum(Variable a, Variable b) { return MINIMUM.apply(a, b); }

  /** x·c for a constant c; ∂x = g·c. */
  static Variable scale(Variable x, double c) {
    return Op.unary("scale", (ctx, v) -> v.mul(c), (ctx, g) -> g.mul(c)).apply(x);
  }

  /** x + c for a constant c; ∂x = g. */
  static Variable shift(Variable x, double c) {
    return Op.unary("shift", (ctx, v) -> v.add(c), (ctx, g) -> g).apply(x);
  }

  /** xᶜ for a constant c; ∂x = g·c·xᶜ⁻¹. */
  static Variable powScalar(Variable x, double c) {
    return Op.unary("powScalar", (ctx, v) -> v.pow(c),
        (ctx, g) -> g.mul(ctx.input(0).pow(c - 1)).mul(c)).apply(x);
  }

  /** where(mask, a, b); ∂a = g where the mask is non-zero, ∂b = g elsewhere; the mask is data. */
  static Variable where(Tensor mask, Variable a, Variable b) {
    checkNotNull(mask, "where: mask is null");
    Tensor chosen = mask.ne(0);
    Tensor other = chosen.neg().add(1);
    return Op.of("where", (ctx, in) -> Tensor.where(mask, in[0], in[1]),
        (ctx, g) -> new Variable[] {
            ctx.needsGrad(0) ? g.mul(Variable.constant(chosen)) : null,
            ctx.needsGrad(1) ? g.mul(Variable.constant(other)) : null}).apply(a, b);
  }

  /** Routes g by a 0/1 winner mask, halving it where the inputs tie. */
  private static Variable[] split(Variable g, Tensor firstWins, Tensor tie) {
    Tensor first = firstWins.add(tie.mul(0.5));
    Tensor second = first.neg().add(1);
    return new Variable[] {g.mul(Variable.constant(first)), g.mul(Variable.constant(second))};
  }
}
