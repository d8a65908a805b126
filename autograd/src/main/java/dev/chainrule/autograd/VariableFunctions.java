package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static dev.chainrule.autograd.MathOps.ABS;
import static dev.chainrule.autograd.MathOps.CLAMP;
import static dev.chainrule.autograd.MathOps.COS;
import static dev.chainrule.autograd.MathOps.ERF;
import static dev.chainrule.autograd.MathOps.ERFC;
import static dev.chainrule.autograd.MathOps.EXP;
import static dev.chainrule.autograd.MathOps.EXPM1;
import static dev.chainrule.autograd.MathOps.LOG;
import static dev.chainrule.autograd.MathOps.LOG1P;
import static dev.chainrule.autograd.MathOps.RECIPROCAL;
import static dev.chainrule.autograd.MathOps.RELU;
import static dev.chainrule.autograd.MathOps.SIGMOID;
import static dev.chainrule.autograd.MathOps.SIGMOID_BACKWARD;
import static dev.chainrule.autograd.MathOps.SIGN;
import static dev.chainrule.autograd.MathOps.SIN;
import static dev.chainrule.autograd.MathOps.SOFTPLUS;
import static dev.chainrule.autograd.MathOps.SQRT;
import static dev.chainrule.autograd.MathOps.STEP;
import static dev.chainrule.autograd.MathOps.TANH;
import static dev.chainrule.autograd.MathOps.TANH_BACKWARD;
import static dev.chainrule.autograd.SoftmaxOps.LOG_SOFTMAX;
import static dev.chainrule.autograd.SoftmaxOps.SOFTMAX;

import dev.chainrule.autograd.MathOps.Bounds;

/**
 * Elementwise functions and activations of a graph variable, part of {@link Variable}'s API in a
 * file of its own. Each records its ops in the graph, rows of the op table whose backward rules
 * are written in differentiable ops. {@link Variable} is the only implementation.
 */
public sealed interface VariableFunctions permits Variable {
  // ---- elementwise functions ----

  /**
   * y = eˣ; ∂x = g·y.
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable exp() { return EXP.apply(self()); }

  /**
   * y = eˣ − 1, accurate for small x; ∂x = g·eˣ. Where eˣ rounds to 1, exp(x) − 1 cancels.
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable expm1() { return EXPM1.apply(self()); }

  /**
   * y = ln x; ∂x = g / x.
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable log() { return LOG.apply(self()); }

  /**
   * y = ln(1 + x), accurate for small x; ∂x = g / (1 + x).
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable log1p() { return LOG1P.apply(self()); }

  /**
   * y = √x; ∂x = g / (2y).
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable sqrt() { return SQRT.apply(self()); }

  /**
   * y = |x|; ∂x = g·sign(x), with the subgradient 0 at x = ±0, and 0 at NaN too, where sign is
   * +0.0 (as PyTorch).
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable abs() { return ABS.apply(self()); }

  /**
   * y = sign(x): −1, +0.0 or 1, +0.0 at −0.0 and at NaN (as PyTorch); ∂x = 0: flat everywhere
   * but at 0, where 0 is chosen too.
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable sign() { return SIGN.apply(self()); }

  /**
   * y = x², computed as x·x; ∂x = 2g·x.
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable square() { return self().mul(self()); }

  /**
   * y = 1/x; ∂x = −g·(y·y), from the output as PyTorch. As the rule reads y, a hook on y runs
   * again in a second-order pass through this op, as PyTorch's does.
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable reciprocal() { return RECIPROCAL.apply(self()); }

  /**
   * y = erf x; ∂x = g·(2/√π)·e^(−x²).
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable erf() { return ERF.apply(self()); }

  /**
   * y = erfc x = 1 − erf x, accurate in the tail; ∂x = −g·(2/√π)·e^(−x²).
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable erfc() { return ERFC.apply(self()); }

  /**
   * y = sin x (radians); ∂x = g·cos x.
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable sin() { return SIN.apply(self()); }

  /**
   * y = cos x (radians); ∂x = −g·sin x.
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable cos() { return COS.apply(self()); }

  /**
   * The threshold unit (k = 0 is the hard limit): y = 1 where x ≥ k, else 0; ∂x = 0: flat
   * everywhere but at k, where 0 is chosen. No gradient flows through it, which is why the
   * perceptron learns with its own rule, not by backpropagation.
   *
   * @param k the threshold, a number (±∞ give all ones or all zeros)
   * @return the result, recorded in the graph when gradients are wanted
   * @throws IllegalArgumentException naming step when {@code k} is NaN
   */
  default Variable step(double k) {
    // x ≥ NaN is false everywhere: a NaN threshold gave zeros, as if every x were below it.
    checkArgument(!Double.isNaN(k), "step: the threshold k must be a number, got NaN");
    return STEP.apply(k, self());
  }

  /**
   * y = lo where x is below lo, hi where x is above hi, x otherwise, as PyTorch: NaN kept, and a
   * zero against the other zero as a bound too (clamp(−0.0, 0, 1) = −0.0); ∂x = g where
   * lo ≤ x ≤ hi, 0 where x was clipped or is NaN (the bounds pass the gradient, as in PyTorch).
   *
   * @param lo the lower bound
   * @param hi the upper bound
   * @return the result, recorded in the graph when gradients are wanted
   * @throws IllegalArgumentException naming clamp and the bounds when either is NaN, or when
   *     lo &gt; hi
   */
  default Variable clamp(double lo, double hi) { return CLAMP.apply(new Bounds(lo, hi), self()); }

  // ---- activations ----

  /**
   * y = σ(x) = 1/(1 + e⁻ˣ), computed without overflow; ∂x = g·y·(1 − y).
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable sigmoid() { return SIGMOID.apply(self()); }

  /**
   * y = tanh x; ∂x = g·(1 − y²).
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable tanh() { return TANH.apply(self()); }

  /**
   * tanh's gradient from its output, for this variable g and {@code output} y = tanh x (PyTorch's
   * {@code tanh_backward}): z = g·(1 − y²), tanh's gradient g from its output y in one op;
   * ∂y = −2h·g·y, ∂g = h·(1 − y²) for h = ∂L/∂z. The rule of {@link Variable#tanh()}, bit for bit
   * the value of {@code g.mul(y.square().neg().add(1))}.
   *
   * @param output y, of this variable's shape and type (neither broadcasts nor converts)
   * @return the result, recorded in the graph when gradients are wanted
   * @throws IllegalArgumentException naming tanhBackward when the shapes or types differ
   */
  default Variable tanhBackward(Variable output) {
    return TANH_BACKWARD.apply(checkNotNull(output, "tanhBackward: output is null"), self());
  }

  /**
   * sigmoid's gradient from its output, for this variable g and {@code output} y = σ(x)
   * (PyTorch's {@code sigmoid_backward}): z = g·y·(1 − y), sigmoid's gradient g from its output y
   * in one op; ∂y = h·g·(1 − 2y), ∂g = h·y·(1 − y) for h = ∂L/∂z. The rule of
   * {@link Variable#sigmoid()}, bit for bit the value of {@code g.mul(y).mul(y.neg().add(1))}.
   *
   * @param output y, of this variable's shape and type (neither broadcasts nor converts)
   * @return the result, recorded in the graph when gradients are wanted
   * @throws IllegalArgumentException naming sigmoidBackward when the shapes or types differ
   */
  default Variable sigmoidBackward(Variable output) {
    return SIGMOID_BACKWARD.apply(checkNotNull(output, "sigmoidBackward: output is null"), self());
  }

  /**
   * y = max(x, 0), NaN kept and +0.0 at −0.0 (PyTorch keeps −0.0); ∂x = g where x > 0 and where
   * x is NaN (as PyTorch: x ≤ 0 is false there), with the subgradient relu′(0) = 0.
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable relu() { return RELU.apply(self()); }

  /**
   * Leaky ReLU with slope α below zero: y = x for x > 0, αx otherwise, computed as
   * where(x > 0, x, αx); ∂x = g or αg (αg at 0 and at NaN, as PyTorch).
   *
   * @param alpha the slope α below zero, finite (negative too, as PyTorch allows)
   * @return the result, recorded in the graph when gradients are wanted
   * @throws IllegalArgumentException naming leakyRelu and α when α is infinite or NaN
   */
  default Variable leakyRelu(double alpha) { return ActivationOps.leakyRelu(self(), alpha); }

  /**
   * ELU: y = α(eˣ − 1) where x ≤ 0, x otherwise (NaN included), with expm1 (eˣ − 1 cancels near
   * 0: x = −1e-10 gave 0) and +0.0 at x = −0.0, as PyTorch; ∂x = g·αeˣ where x ≤ 0 (α at 0, as
   * PyTorch; the second derivative there is α too, where PyTorch's is 0), g otherwise, so g at
   * NaN (as PyTorch's elementwise loop; its vectorized one gives NaN); the exponential sees
   * min(x, 0) only, so a large x cannot overflow it (and poison the gradient with ∞·0).
   *
   * @param alpha the scale α of the negative part, finite and at least 0
   * @return the result, recorded in the graph when gradients are wanted
   * @throws IllegalArgumentException naming elu and α when α is negative, infinite or NaN
   */
  default Variable elu(double alpha) { return ActivationOps.elu(self(), alpha); }

  /**
   * GELU, exact: y = x·Φ(x) with Φ(x) = ½·erfc(−x/√2) the standard normal CDF (erfc keeps Φ
   * accurate in the left tail); ∂x = g·(Φ(x) + x·φ(x)).
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable gelu() { return ActivationOps.gelu(self()); }

  /**
   * GELU, tanh approximation: y = ½x(1 + tanh(u)) with u = √(2/π)(x + 0.044715x³), within about
   * 1e-3 of gelu, computed as x·σ(2u), the same function: 1 + tanh(u) cancels to 0 in the left tail
   * (x = −6.4 gave 0 in float32, not −1.7e-12).
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable geluTanh() { return ActivationOps.geluTanh(self()); }

  /**
   * y = ln(1 + eˣ), computed without overflow; ∂x = g·σ(x).
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable softplus() { return SOFTPLUS.apply(self()); }

  /**
   * y = e^(x − m) / Σ e^(x − m) along the axis, m the largest x; ∂x = y ⊙ (g − Σ g ⊙ y).
   *
   * @param axis the axis; a negative one counts from the end; 0 or −1 for a rank-0 variable, its
   *     one element a group of its own (y = 1, ∂x = 0), as PyTorch takes it
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable softmax(int axis) { return SOFTMAX.apply(axis, self()); }

  /**
   * y = x − log Σ eˣ along the axis; ∂x = g − e^y·Σ g along the axis.
   *
   * @param axis the axis; a negative one counts from the end; 0 or −1 for a rank-0 variable, its
   *     one element a group of its own (y = 0, ∂x = 0), as PyTorch takes it
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable logSoftmax(int axis) { return LOG_SOFTMAX.apply(axis, self()); }

  /** The variable itself, this interface's only implementation. */
  private Variable self() {
    return (Variable) this;
  }
}
