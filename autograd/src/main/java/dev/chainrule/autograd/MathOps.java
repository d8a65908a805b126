package dev.chainrule.autograd;

import static dev.chainrule.autograd.check.Inputs.Domain.ANY;
import static dev.chainrule.autograd.check.Inputs.Domain.AWAY_FROM_ZERO;
import static dev.chainrule.autograd.check.Inputs.Domain.POSITIVE;
import static dev.chainrule.autograd.check.Samplers.elementwise;
import static dev.chainrule.autograd.check.Samplers.withScalar;

import dev.chainrule.autograd.check.Inputs;
import dev.chainrule.autograd.check.OpCase;
import dev.chainrule.autograd.check.OpSpec;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import java.util.function.BinaryOperator;

/**
 * The op table's rows for unary elementwise functions. Rules use the output y where that is
 * cheaper or more stable than recomputing from the input x. Functions that have a stable
 * composition of other rows are composites; the rest are primitives because composing them would
 * lose accuracy (tanh near 0, erf near 0, softplus for large x) or speed on a training hot path
 * (relu, sigmoid, tanh).
 */
final class MathOps {
  private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

  private MathOps() {}

  /** The bounds of a clamp. */
  record Bounds(double lo, double hi) {}

  static final Primitive<Void> EXP = Primitive.unary("exp",
      "y = eˣ; ∂x = g·y",
      (ctx, x) -> x.exp(), (ctx, g) -> g.mul(ctx.output()),
      elementwise(ANY, Variable::exp));

  /**
   * expm1 with its derivative eˣ taken from the input: y + 1 (PyTorch's rule) cancels where eˣ is
   * small, and ELU, α·expm1(x), lost its gradient below x = −17 in float32 (0 for 2e-9) and
   * 5 % of it at −35 in float64.
   */
  static final Primitive<Void> EXPM1 = Primitive.unary("expm1",
      "y = eˣ − 1, accurate for small x; ∂x = g·eˣ",
      (ctx, x) -> x.expm1(), (ctx, g) -> g.mul(ctx.input(0).exp()),
      elementwise(ANY, Variable::expm1));

  static final Primitive<Void> LOG = Primitive.unary("log",
      "y = ln x; ∂x = g / x",
      (ctx, x) -> x.log(), (ctx, g) -> g.div(ctx.input(0)),
      elementwise(POSITIVE, Variable::log));

  static final Primitive<Void> LOG1P = Primitive.unary("log1p",
      "y = ln(1 + x), accurate for small x; ∂x = g / (1 + x)",
      (ctx, x) -> x.log1p(), (ctx, g) -> g.div(ctx.input(0).add(1)),
      random -> {
        // x on [−0.7, 2], so that 1 + x is on log's [0.3, 3]: as far from the pole at x = −1 as
        // log's values are from 0, so finite differences stay as well conditioned as log's, in
        // float32 too. Drawn from [0.3, 3] only, no x was negative, and a rule dividing by
        // 1 + |x| passed every test (at x = −0.5 it gives 0.667 where PyTorch gives 2).
        Shape shape = Inputs.shape(random);
        Tensor x = Inputs.values(random, shape, POSITIVE).map(a -> a - 1);
        return new OpCase(shape + " x in [-0.7, 2]", List.of(x), in -> in.get(0).log1p());
      });

  static final Primitive<Void> SQRT = Primitive.unary("sqrt",
      "y = √x; ∂x = g / (2y)",
      (ctx, x) -> x.sqrt(), (ctx, g) -> g.div(ctx.output().mul(2)),
      elementwise(POSITIVE, Variable::sqrt));

  static final Primitive<Void> ABS = Primitive.unary("abs",
      "y = |x|; ∂x = g·sign(x), with the subgradient 0 at x = ±0, and 0 at NaN too, where sign"
          + " is +0.0 (as PyTorch)",
      (ctx, x) -> x.abs(),
      (ctx, g) -> g.mul(Variable.constant(ctx.input(0).value().sign().to(g.dtype()))),
      elementwise(AWAY_FROM_ZERO, Variable::abs));

  static final Primitive<Void> SIGN = Primitive.unary("sign",
      "y = sign(x): −1, +0.0 or 1, +0.0 at −0.0 and at NaN (as PyTorch); ∂x = 0: flat"
          + " everywhere but at 0, where 0 is chosen too",
      (ctx, x) -> x.sign(), (ctx, g) -> zerosLike(g),
      elementwise(AWAY_FROM_ZERO, Variable::sign));

  static final OpEntry SQUARE = OpEntry.composite("square",
      "y = x², computed as x·x; ∂x = 2g·x",
      elementwise(ANY, Variable::square));

  /**
   * A primitive, not 1 / x, so that its rule reads its output as PyTorch's does (−grad·(y·y)):
   * div's rule reads its inputs when it is recorded, and a composite reciprocal would no longer
   * send a second-order pass through y, whose gradient hooks PyTorch runs again there.
   */
  static final Primitive<Void> RECIPROCAL = Primitive.unary("reciprocal",
      "y = 1/x; ∂x = −g·(y·y), from the output as PyTorch",
      (ctx, x) -> x.reciprocal(), (ctx, g) -> g.mul(ctx.output().mul(ctx.output())).neg(),
      elementwise(AWAY_FROM_ZERO, Variable::reciprocal));

  static final Primitive<Void> TANH = Primitive.unary("tanh",
      "y = tanh x; ∂x = g·(1 − y²)",
      (ctx, x) -> x.tanh(), (ctx, g) -> g.tanhBackward(ctx.output()),
      elementwise(ANY, Variable::tanh));

  static final Primitive<Void> SIGMOID = Primitive.unary("sigmoid",
      "y = σ(x) = 1/(1 + e⁻ˣ), computed without overflow; ∂x = g·y·(1 − y)",
      (ctx, x) -> x.sigmoid(), (ctx, g) -> g.sigmoidBackward(ctx.output()),
      elementwise(ANY, Variable::sigmoid));

  /**
   * tanh's rule as one op rather than four (square, neg, add, mul: on small layers each op's fixed
   * cost outweighs its arithmetic). Its own rule is made of rows, itself included, so tanh keeps
   * its higher derivatives. Inputs (y, g), as PyTorch's tanh_backward takes them.
   */
  static final Primitive<Void> TANH_BACKWARD = Primitive.of("tanhBackward",
      "z = g·(1 − y²), tanh's gradient g from its output y in one op; ∂y = −2h·g·y,"
          + " ∂g = h·(1 − y²) for h = ∂L/∂z",
      (ctx, none, in) -> in[1].tanhBackward(in[0]),
      (ctx, none, h) -> new Variable[] {
          ctx.needsGrad(0) ? h.mul(ctx.input(1)).mul(ctx.input(0)).mul(-2) : null,
          ctx.needsGrad(1) ? h.tanhBackward(ctx.input(0)) : null},
      outputAndGradient(Variable::tanhBackward));

  /** sigmoid's rule as one op, as {@link #TANH_BACKWARD} is tanh's. */
  static final Primitive<Void> SIGMOID_BACKWARD = Primitive.of("sigmoidBackward",
      "z = g·y·(1 − y), sigmoid's gradient g from its output y in one op; ∂y = h·g·(1 − 2y),"
          + " ∂g = h·y·(1 − y) for h = ∂L/∂z",
      (ctx, none, in) -> in[1].sigmoidBackward(in[0]),
      (ctx, none, h) -> new Variable[] {
          ctx.needsGrad(0) ? h.mul(ctx.input(1)).mul(ctx.input(0).mul(-2).add(1)) : null,
          ctx.needsGrad(1) ? h.sigmoidBackward(ctx.input(0)) : null},
      outputAndGradient(Variable::sigmoidBackward));

  /**
   * The gate opens where x is not ≤ 0, NaN included, as PyTorch's threshold_backward does; the
   * forward kernel's max(x, 0) gives +0.0 at −0.0, where PyTorch's clamp-based relu keeps −0.0,
   * because it vectorizes where every form that kept −0.0 took 4 to 7 times as long.
   */
  static final Primitive<Void> RELU = Primitive.unary("relu",
      "y = max(x, 0), NaN kept and +0.0 at −0.0 (PyTorch keeps −0.0); ∂x = g where x > 0 and"
          + " where x is NaN (as PyTorch: x ≤ 0 is false there), with the subgradient"
          + " relu′(0) = 0",
      (ctx, x) -> x.relu(),
      (ctx, g) -> g.gatePositive(ctx.input(0).value()),
      elementwise(AWAY_FROM_ZERO, Variable::relu));

  static final Primitive<Void> ERF = Primitive.unary("erf",
      "y = erf x; ∂x = g·(2/√π)·e^(−x²)",
      (ctx, x) -> x.erf(),
      (ctx, g) -> g.mul(ctx.input(0).square().neg().exp()).mul(TWO_OVER_SQRT_PI),
      elementwise(ANY, Variable::erf));

  static final Primitive<Void> ERFC = Primitive.unary("erfc",
      "y = erfc x = 1 − erf x, accurate in the tail; ∂x = −g·(2/√π)·e^(−x²)",
      (ctx, x) -> x.erfc(),
      (ctx, g) -> g.mul(ctx.input(0).square().neg().exp()).mul(-TWO_OVER_SQRT_PI),
      elementwise(ANY, Variable::erfc));

  /**
   * Each rule is the other function, itself differentiable, so derivatives of every order hold:
   * the fourth of sin is sin again, which a differential equation's loss (u″ = −u) relies on.
   */
  static final Primitive<Void> SIN = Primitive.unary("sin",
      "y = sin x (radians); ∂x = g·cos x",
      (ctx, x) -> x.sin(), (ctx, g) -> g.mul(ctx.input(0).cos()),
      elementwise(ANY, Variable::sin));

  static final Primitive<Void> COS = Primitive.unary("cos",
      "y = cos x (radians); ∂x = −g·sin x",
      (ctx, x) -> x.cos(), (ctx, g) -> g.mul(ctx.input(0).sin()).neg(),
      elementwise(ANY, Variable::cos));

  static final Primitive<Void> SOFTPLUS = Primitive.unary("softplus",
      "y = ln(1 + eˣ), computed without overflow; ∂x = g·σ(x)",
      (ctx, x) -> x.softplus(), (ctx, g) -> g.mul(ctx.input(0).sigmoid()),
      elementwise(ANY, Variable::softplus));

  /**
   * Gradients never flow through a step, which is why the perceptron learns with its own rule.
   * Thresholds in the spec stay within ±0.15 of zero, at least 0.15 from every value (|x| ≥ 0.3).
   */
  static final Primitive<Double> STEP = Primitive.unary("step",
      "y = 1 where x ≥ k, else 0; ∂x = 0: flat everywhere but at k, where 0 is chosen",
      (ctx, k, x) -> x.ge(k), (ctx, k, g) -> zerosLike(g),
      withScalar(AWAY_FROM_ZERO, (x, k) -> x.step(k / 20)));

  /** The bounds pass the gradient, as in PyTorch. */
  static final Primitive<Bounds> CLAMP = Primitive.unary("clamp",
      "y = lo where x is below lo, hi where x is above hi, x otherwise, as PyTorch: NaN kept,"
          + " and a zero against the other zero as a bound too (clamp(−0.0, 0, 1) = −0.0);"
          + " ∂x = g where lo ≤ x ≤ hi, 0 where x was clipped or is NaN",
      (ctx, b, x) -> x.clamp(b.lo(), b.hi()),
      (ctx, b, g) -> {
        Tensor x = ctx.input(0).value();
        // Selected, not multiplied: where x was clipped an infinite g gives 0, not ∞·0 = NaN.
        return g.gatePositive(x.ge(b.lo()).mul(x.le(b.hi())));
      },
      random -> {
        // Values at least 0.1 away from the bounds ±0.5, where clamp has its kinks.
        Shape shape = Inputs.shape(random);
        Tensor x = Inputs.values(random, shape, ANY)
            .map(v -> Math.abs(Math.abs(v) - 0.5) < 0.1 ? v + Math.copySign(0.25, v) : v);
        return new OpCase(shape + " [-0.5, 0.5]", List.of(x), in -> in.get(0).clamp(-0.5, 0.5));
      });

  /**
   * The gradient through a flat op: 0, not g·0, which is NaN where g is infinite (PyTorch's sign
   * gives zeros too).
   */
  private static Variable zerosLike(Variable g) {
    return Variable.constant(Tensors.zeros(g.shape(), g.dtype()));
  }

  /** An output y and its gradient g (of y's shape: they do not broadcast), values in [−2, 2]. */
  private static OpSpec.Sampler outputAndGradient(BinaryOperator<Variable> gradientOf) {
    return random -> {
      Shape shape = Inputs.shape(random);
      return new OpCase(shape.toString(),
          List.of(Inputs.values(random, shape, ANY), Inputs.values(random, shape, ANY)),
          in -> gradientOf.apply(in.get(1), in.get(0)));
    };
  }
}
