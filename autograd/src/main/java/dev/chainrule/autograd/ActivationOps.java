package dev.chainrule.autograd;

import static dev.chainrule.autograd.check.Inputs.Domain.ANY;
import static dev.chainrule.autograd.check.Inputs.Domain.AWAY_FROM_ZERO;
import static dev.chainrule.autograd.check.Samplers.elementwise;
import static dev.chainrule.autograd.check.Samplers.withScalar;
import static dev.chainrule.core.CompositeActivations.GELU_CUBIC;
import static dev.chainrule.core.CompositeActivations.SQRT_HALF;
import static dev.chainrule.core.CompositeActivations.SQRT_TWO_OVER_PI;

import dev.chainrule.core.CompositeActivations;
import dev.chainrule.core.Tensor;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The op table's rows for leaky ReLU, ELU and GELU (exact and tanh-approximated); ReLU, sigmoid,
 * tanh and softplus are in {@link MathOps}, softmax and log-softmax in {@link SoftmaxOps}. Each is
 * one node whose forward is core's one kernel ({@code Tensor.elu} and its kin, see
 * {@link CompositeActivations}), so a value is the same to the bit with or without a graph, and
 * the same as the compositions of rows these ops once were (six for ELU, eight for the tanh
 * GELU). Their rules, as those of {@link SoftmaxOps#SOFTMAX_CROSS_ENTROPY}, take two forms: a
 * first-order pass, which records nothing, gets the gradient from one core kernel as a constant
 * (PyTorch's {@code elu_backward} and kin); a pass that records for higher orders composes it of
 * rows, so derivatives of every order follow. Both GELUs save their factor f of y = x·f (Φ(x),
 * σ(2u)) when they record, so that neither gradient evaluates erfc or pow again.
 */
final class ActivationOps {
  private static final double INV_SQRT_TWO_PI = 1 / Math.sqrt(2 * Math.PI);

  private ActivationOps() {}

  /** α is drawn from ±¼…3 (any slope works); values stay 0.3 away from the kink at 0. */
  static final Primitive<Double> LEAKY_RELU = Primitive.unary("leakyRelu",
      "y = x for x > 0, αx otherwise, computed as where(x > 0, x, αx); ∂x = g or αg (αg at 0"
          + " and at NaN, as PyTorch)",
      (ctx, alpha, x) -> x.leakyRelu(alpha),
      (ctx, alpha, g) -> {
        Tensor x = ctx.input(0).value();
        if (!Autograd.isGradEnabled()) {
          return Variable.constant(CompositeActivations.leakyReluBackward(g.value(), x, alpha));
        }
        return Variable.where(x.gt(0), g, g.mul(alpha));
      },
      withScalar(AWAY_FROM_ZERO, Variable::leakyRelu));

  /** Values stay 0.3 away from 0, where ELU′ jumps unless α = 1. */
  static final Primitive<Double> ELU = Primitive.unary("elu",
      "y = α(eˣ − 1) where x ≤ 0, x otherwise (NaN included), with expm1 (eˣ − 1 cancels near"
          + " 0: x = −1e-10 gave 0) and +0.0 at x = −0.0, as PyTorch; ∂x = g·αeˣ where x ≤ 0"
          + " (α at 0, as PyTorch; the second derivative there is α too, where PyTorch's is 0),"
          + " g otherwise, so g at NaN (as PyTorch's elementwise loop; its vectorized one gives"
          + " NaN); the exponential sees min(x, 0) only, so a large x cannot overflow",
      (ctx, alpha, x) -> x.elu(alpha),
      (ctx, alpha, g) -> {
        Variable x = ctx.input(0);
        if (!Autograd.isGradEnabled()) {
          return Variable.constant(
              CompositeActivations.eluBackward(g.value(), x.value(), alpha));
        }
        // The clamp passes its gradient at 0, so the second derivative there is α.
        Variable negative = g.mul(alpha).mul(x.clamp(Double.NEGATIVE_INFINITY, 0).exp());
        return Variable.where(x.value().le(0), negative, g);
      },
      withScalar(AWAY_FROM_ZERO, (x, alpha) -> x.elu(Math.abs(alpha))));

  static final Primitive<Void> GELU = Primitive.unary("gelu",
      "y = x·Φ(x) with Φ(x) = ½·erfc(−x/√2) the standard normal CDF (erfc keeps Φ accurate in"
          + " the left tail); ∂x = g·(Φ(x) + x·φ(x))",
      (ctx, x) -> savingFactor(ctx, x, Tensor::gelu, CompositeActivations::geluParts),
      (ctx, g) -> {
        Variable x = ctx.input(0);
        if (!Autograd.isGradEnabled()) {
          return Variable.constant(
              CompositeActivations.geluBackward(g.value(), x.value(), ctx.saved(0)));
        }
        Variable cdf = x.mul(-SQRT_HALF).erfc().mul(0.5);
        Variable density = x.square().mul(-0.5).exp().mul(INV_SQRT_TWO_PI);
        return g.mul(cdf.add(x.mul(density)));
      },
      elementwise(ANY, Variable::gelu));

  static final Primitive<Void> GELU_TANH = Primitive.unary("geluTanh",
      "y = ½x(1 + tanh(u)) with u = √(2/π)(x + 0.044715x³), within about 1e-3 of gelu,"
          + " computed as x·σ(2u), the same function: 1 + tanh(u) cancels to 0 in the left tail"
          + " (x = −6.4 gave 0 in float32, not −1.7e-12)",
      (ctx, x) -> savingFactor(ctx, x, Tensor::geluTanh, CompositeActivations::geluTanhParts),
      (ctx, g) -> {
        Variable x = ctx.input(0);
        if (!Autograd.isGradEnabled()) {
          return Variable.constant(
              CompositeActivations.geluTanhBackward(g.value(), x.value(), ctx.saved(0)));
        }
        // d/dx x·σ(2u) = s + x·2u′·s(1 − s), s = σ(2u), u′ = √(2/π)(1 + 3·0.044715x²).
        Variable s = x.add(x.pow(3).mul(GELU_CUBIC)).mul(SQRT_TWO_OVER_PI).mul(2).sigmoid();
        Variable slope = x.square().mul(3 * GELU_CUBIC).add(1).mul(2 * SQRT_TWO_OVER_PI);
        return g.mul(s.add(x.mul(slope).sigmoidBackward(s)));
      },
      elementwise(ANY, Variable::geluTanh));

  /**
   * A GELU's forward: the one kernel when nothing records, else the same value with its factor f
   * of y = x·f saved for the rule.
   */
  private static Tensor savingFactor(OpContext ctx, Tensor x, UnaryOperator<Tensor> value,
      Function<Tensor, CompositeActivations.Parts> parts) {
    if (!ctx.isRecording()) {
      return value.apply(x);
    }
    CompositeActivations.Parts computed = parts.apply(x);
    ctx.save(computed.factor());
    return computed.value();
  }

  static Variable leakyRelu(Variable x, double alpha) {
    CompositeActivations.checkLeakyReluAlpha(alpha);
    return LEAKY_RELU.apply(alpha, x);
  }

  static Variable elu(Variable x, double alpha) {
    CompositeActivations.checkEluAlpha(alpha);
    return ELU.apply(alpha, x);
  }

  static Variable gelu(Variable x) {
    return GELU.apply(x);
  }

  static Variable geluTanh(Variable x) {
    return GELU_TANH.apply(x);
  }
}
