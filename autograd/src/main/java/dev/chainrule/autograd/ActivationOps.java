package dev.chainrule.autograd;

import static dev.chainrule.autograd.check.Inputs.Domain.ANY;
import static dev.chainrule.autograd.check.Inputs.Domain.AWAY_FROM_ZERO;
import static dev.chainrule.autograd.check.Samplers.elementwise;
import static dev.chainrule.autograd.check.Samplers.withScalar;
import static dev.chainrule.core.CompositeActivations.GELU_CUBIC;
import static dev.chainrule.core.CompositeActivations.SQRT_HALF;
import static dev.chainrule.core.CompositeActivations.SQRT_TWO_OVER_PI;

import dev.chainrule.core.CompositeActivations;

/**
 * The op table's rows for the activation functions that are compositions of other rows: leaky
 * ReLU, ELU and GELU (exact and tanh-approximated). ReLU, sigmoid, tanh and softplus are
 * primitives in {@link MathOps}; softmax and log-softmax are in {@link SoftmaxOps}. Each composes
 * the kernels that core's {@link CompositeActivations} composes for {@code Tensor.gelu()} and its
 * kin, in the same order, so that values agree to the bit with or without a graph; for
 * {@code Tensor.elu} core runs the composition as one kernel that gives the same bits.
 */
final class ActivationOps {
  private ActivationOps() {}

  /** α is drawn from ±¼…3 (any slope works); values stay 0.3 away from the kink at 0. */
  static final OpEntry LEAKY_RELU = OpEntry.composite("leakyRelu",
      "y = x for x > 0, αx otherwise, computed as where(x > 0, x, αx); ∂x = g or αg (αg at 0"
          + " and at NaN, as PyTorch)",
      withScalar(AWAY_FROM_ZERO, Variable::leakyRelu));

  /** Values stay 0.3 away from 0, where ELU′ jumps unless α = 1. */
  static final OpEntry ELU = OpEntry.composite("elu",
      "y = α(eˣ − 1) where x ≤ 0, x otherwise (NaN included), with expm1 (eˣ − 1 cancels near"
          + " 0: x = −1e-10 gave 0) and +0.0 at x = −0.0, as PyTorch; ∂x = g·αeˣ where x ≤ 0"
          + " (α at 0, as PyTorch; the second derivative there is α too, where PyTorch's is 0),"
          + " g otherwise, so g at NaN (as PyTorch's elementwise loop; its vectorized one gives"
          + " NaN); the exponential sees min(x, 0) only, so a large x cannot overflow",
      withScalar(AWAY_FROM_ZERO, (x, alpha) -> x.elu(Math.abs(alpha))));

  static final OpEntry GELU = OpEntry.composite("gelu",
      "y = x·Φ(x) with Φ(x) = ½·erfc(−x/√2) the standard normal CDF (erfc keeps Φ accurate in"
          + " the left tail); ∂x = g·(Φ(x) + x·φ(x))",
      elementwise(ANY, Variable::gelu));

  static final OpEntry GELU_TANH = OpEntry.composite("geluTanh",
      "y = ½x(1 + tanh(u)) with u = √(2/π)(x + 0.044715x³), within about 1e-3 of gelu,"
          + " computed as x·σ(2u), the same function: 1 + tanh(u) cancels to 0 in the left tail"
          + " (x = −6.4 gave 0 in float32, not −1.7e-12)",
      elementwise(ANY, Variable::geluTanh));

  static Variable leakyRelu(Variable x, double alpha) {
    CompositeActivations.checkLeakyReluAlpha(alpha);
    return Variable.where(x.value().gt(0), x, x.mul(alpha));
  }

  /**
   * The composition that core's {@code Tensor.elu} computes in one kernel, to the bit; core's
   * {@code CompositeActivations.elu} says why it reads as it does. Its derivatives, to every
   * order, are those of its primitives.
   */
  static Variable elu(Variable x, double alpha) {
    CompositeActivations.checkEluAlpha(alpha);
    Variable negativePart = x.clamp(Double.NEGATIVE_INFINITY, 0).expm1().add(0.0).mul(alpha);
    return Variable.where(x.value().le(0), negativePart, x);
  }

  static Variable gelu(Variable x) {
    return x.mul(x.mul(-SQRT_HALF).erfc().mul(0.5));
  }

  static Variable geluTanh(Variable x) {
    Variable inner = x.add(x.pow(3).mul(GELU_CUBIC)).mul(SQRT_TWO_OVER_PI);
    return x.mul(inner.mul(2).sigmoid());
  }
}
