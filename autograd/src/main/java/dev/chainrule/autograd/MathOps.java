package dev.chainrule.autograd;

import dev.chainrule.core.Tensor;

/**
 * Unary elementwise functions. Rules use the output {@code y} where that is cheaper or more stable
 * than recomputing from the input {@code x}; {@code g} is the gradient of the output.
 */
final class MathOps {
  private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

  private MathOps() {}

  /** y = eˣ; ∂x = g·y. */
  static final Op EXP = Op.unary("exp", (ctx, x) -> x.exp(), (ctx, g) -> g.mul(ctx.output()));
  /** y = ln x; ∂x = g / x. */
  static final Op LOG = Op.unary("log", (ctx, x) -> x.log(), (ctx, g) -> g.div(ctx.input(0)));
  /** y = ln(1 + x); ∂x = g / (1 + x). */
  static final Op LOG1P = Op.unary("log1p", (ctx, x) -> x.log1p(),
      (ctx, g) -> g.div(ctx.input(0).add(1)));
  /** y = √x; ∂x = g / (2y). */
  static final Op SQRT = Op.unary("sqrt", (ctx, x) -> x.sqrt(),
      (ctx, g) -> g.div(ctx.output().mul(2)));
  /** y = |x|; ∂x = g·sign(x), with the subgradient 0 at x = 0. */
  static final Op ABS = Op.unary("abs", (ctx, x) -> x.abs(),
      (ctx, g) -> g.mul(Variable.constant(ctx.input(0).value().sign())));
  /** y = sign(x); ∂x = 0: sign is flat everywhere but at 0, where 0 is chosen as well. */
  static final Op SIGN = Op.unary("sign", (ctx, x) -> x.sign(), (ctx, g) -> g.mul(0));
  /** y = x²; ∂x = 2g·x. */
  static final Op SQUARE = Op.unary("square", (ctx, x) -> x.square(),
      (ctx, g) -> g.mul(ctx.input(0)).mul(2));
  /** y = 1/x; ∂x = −g·y². */
  static final Op RECIPROCAL = Op.unary("reciprocal", (ctx, x) -> x.reciprocal(),
      (ctx, g) -> g.mul(ctx.output().square()).neg());
  /** y = tanh x; ∂x = g·(1 − y²). */
  static final Op TANH = Op.unary("tanh", (ctx, x) -> x.tanh(),
      (ctx, g) -> g.mul(ctx.output().square().neg().add(1)));
  /** y = σ(x) = 1/(1 + e⁻ˣ), computed without overflow; ∂x = g·y·(1 − y). */
  static final Op SIGMOID = Op.unary("sigmoid", (ctx, x) -> x.sigmoid(),
      (ctx, g) -> g.mul(ctx.output()).mul(ctx.output().neg().add(1)));
  /** y = max(x, 0); ∂x = g where x > 0, with the subgradient relu′(0) = 0. */
  static final Op RELU = Op.unary("relu", (ctx, x) -> x.relu(),
      (ctx, g) -> g.mul(Variable.constant(ctx.input(0).value().gt(0))));

  /** y = erf x; ∂x = g·(2/√π)·e^(−x²). */
  static final Op ERF = Op.unary("erf", (ctx, x) -> x.erf(),
      (ctx, g) -> g.mul(ctx.input(0).square().neg().exp()).mul(TWO_OVER_SQRT_PI));
  /** y = erfc x = 1 − erf x, accurate in the tail; ∂x = −g·(2/√π)·e^(−x²). */
  static final Op ERFC = Op.unary("erfc", (ctx, x) -> x.erfc(),
      (ctx, g) -> g.mul(ctx.input(0).square().neg().exp()).mul(-TWO_OVER_SQRT_PI));
  /** y = log(1 + eˣ), computed without overflow; ∂x = g·σ(x). */
  static final Op SOFTPLUS = Op.unary("softplus", (ctx, x) -> x.softplus(),
      (ctx, g) -> g.mul(ctx.input(0).sigmoid()));

  static Variable exp(Variable x) { return EXP.apply(x); }
  static Variable erf(Variable x) { return ERF.apply(x); }
  static Variable erfc(Variable x) { return ERFC.apply(x); }
  static Variable softplus(Variable x) { return SOFTPLUS.apply(x); }
  static Variable log(Variable x) { return LOG.apply(x); }
  static Variable log1p(Variable x) { return LOG1P.apply(x); }
  static Variable sqrt(Variable x) { return SQRT.apply(x); }
  static Variable abs(Variable x) { return ABS.apply(x); }
  static Variable sign(Variable x) { return SIGN.apply(x); }
  static Variable square(Variable x) { return SQUARE.apply(x); }
  static Variable reciprocal(Variable x) { return RECIPROCAL.apply(x); }
  static Variable tanh(Variable x) { return TANH.apply(x); }
  static Variable sigmoid(Variable x) { return SIGMOID.apply(x); }
  static Variable relu(Variable x) { return RELU.apply(x); }

  /**
   * y = min(max(x, lo), hi); ∂x = g where lo ≤ x ≤ hi (the bounds included, as in PyTorch), 0
   * where the value was clipped.
   */
  static Variable clamp(Variable x, double lo, double hi) {
    return Op.unary("clamp", (ctx, v) -> v.clamp(lo, hi), (ctx, g) -> {
      Tensor v = ctx.input(0).value();
      return g.mul(Variable.constant(v.ge(lo).mul(v.le(hi))));
    }).apply(x);
  }

  /**
   * y = 1 where x ≥ k, else 0 (the threshold unit; k = 0 is the hard limit). ∂x = 0: the step is
   * flat everywhere except at k, where it has no derivative and 0 is chosen. Gradients therefore
   * never flow through it, which is why the perceptron learns with its own rule, not backprop.
   */
  static Variable step(Variable x, double k) {
    return Op.unary("step", (ctx, v) -> v.ge(k), (ctx, g) -> g.mul(0)).apply(x);
  }
}
