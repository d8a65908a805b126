package dev.chainrule.core;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.function.DoubleUnaryOperator;

/**
 * Elementwise functions of a tensor, activations and their gradients from their outputs, and
 * softmax along an axis, part of {@link Tensor}'s API in a file of its own. Each returns a new
 * tensor of this shape and type. {@link Tensor} is the only implementation.
 */
public sealed interface TensorFunctions permits Tensor {
  // ---- elementwise, unary ----

  /**
   * Applies {@code f} to every element: the escape hatch for functions the library lacks. A float32
   * tensor's elements are widened for {@code f} and its results rounded back.
   *
   * @param f the function, called once per element in row-major order
   * @return a new tensor of this shape and type
   */
  default Tensor map(DoubleUnaryOperator f) {
    return Elementwise.map(self(), checkNotNull(f, "map: function is null"));
  }

  /**
   * −x, elementwise.
   *
   * @return a new tensor of this shape and type
   */
  default Tensor neg() { return Elementwise.map(self(), UnaryOp.NEG); }

  /**
   * eˣ, elementwise, within about two ulps; overflows to +∞ above about 709 (88 in float32).
   *
   * @return a new tensor of this shape and type
   */
  default Tensor exp() { return Elementwise.map(self(), UnaryOp.EXP); }

  /**
   * The natural logarithm ln x, elementwise: −∞ at 0, NaN below 0.
   *
   * @return a new tensor of this shape and type
   */
  default Tensor log() { return Elementwise.map(self(), UnaryOp.LOG); }

  /**
   * eˣ − 1, elementwise, accurate for small x where eˣ rounds to 1 and the difference cancels
   * (x = −1e-10 gives −1e-10, where exp(x) − 1 gives 0 in float32).
   *
   * @return a new tensor of this shape and type
   */
  default Tensor expm1() { return Elementwise.map(self(), UnaryOp.EXPM1); }

  /**
   * ln(1 + x), elementwise, accurate for small x where 1 + x would round.
   *
   * @return a new tensor of this shape and type
   */
  default Tensor log1p() { return Elementwise.map(self(), UnaryOp.LOG1P); }

  /**
   * √x, elementwise; NaN below 0.
   *
   * @return a new tensor of this shape and type
   */
  default Tensor sqrt() { return Elementwise.map(self(), UnaryOp.SQRT); }

  /**
   * |x|, elementwise.
   *
   * @return a new tensor of this shape and type
   */
  default Tensor abs() { return Elementwise.map(self(), UnaryOp.ABS); }

  /**
   * The sign, elementwise: −1, 0 or 1, with +0.0 for both zeros and for NaN, as PyTorch's {@code
   * sign} (where {@link Math#signum} keeps −0.0 and NaN).
   *
   * @return a new tensor of this shape and type
   */
  default Tensor sign() { return Elementwise.map(self(), UnaryOp.SIGN); }

  /**
   * x², elementwise.
   *
   * @return a new tensor of this shape and type
   */
  default Tensor square() { return Elementwise.map(self(), UnaryOp.SQUARE); }

  /**
   * 1 / x, elementwise; ±∞ at ±0.
   *
   * @return a new tensor of this shape and type
   */
  default Tensor reciprocal() { return Elementwise.map(self(), UnaryOp.RECIPROCAL); }

  /**
   * sin x (x in radians), elementwise, to within an ulp of the exact value as {@link Math#sin}
   * gives it (float32 rounds that once).
   *
   * @return a new tensor of this shape and type
   */
  default Tensor sin() { return Elementwise.map(self(), UnaryOp.SIN); }

  /**
   * cos x (x in radians), elementwise, to within an ulp of the exact value as {@link Math#cos}
   * gives it (float32 rounds that once).
   *
   * @return a new tensor of this shape and type
   */
  default Tensor cos() { return Elementwise.map(self(), UnaryOp.COS); }

  /**
   * The hyperbolic tangent, elementwise, within about two ulps.
   *
   * @return a new tensor of this shape and type
   */
  default Tensor tanh() { return Elementwise.map(self(), UnaryOp.TANH); }

  /**
   * The logistic function 1 / (1 + e^−x), elementwise, computed without overflow for any x.
   *
   * @return a new tensor of this shape and type
   */
  default Tensor sigmoid() { return Elementwise.map(self(), UnaryOp.SIGMOID); }

  /**
   * The error function erf(x) = (2/√π)∫₀ˣ e^(−t²) dt, elementwise, to about 1e-15 relative in
   * float64, within 2 float ulps in float32 (computed in float arithmetic, which vectorizes).
   *
   * @return a new tensor of this shape and type
   */
  default Tensor erf() { return Elementwise.map(self(), UnaryOp.ERF); }

  /**
   * 1 − erf(x), elementwise, accurate in the tail where 1 − erf(x) would cancel: to about 1e-15
   * relative in float64, within 8 float ulps in float32 (computed in float arithmetic, which
   * vectorizes), 0 past 10.1 where erfc rounds to 0.
   *
   * @return a new tensor of this shape and type
   */
  default Tensor erfc() { return Elementwise.map(self(), UnaryOp.ERFC); }

  /**
   * log(1 + eˣ), elementwise, computed as max(x, 0) + log1p(e^−|x|) so it never overflows.
   *
   * @return a new tensor of this shape and type
   */
  default Tensor softplus() { return Elementwise.map(self(), UnaryOp.SOFTPLUS); }

  /**
   * max(x, 0), elementwise; NaN stays NaN and −0 becomes +0 (PyTorch's relu keeps −0.0, as its
   * clamp does: the kernel's max(x, 0) vectorizes, a form that kept −0.0 took 4 to 7 times as
   * long).
   *
   * @return a new tensor of this shape and type
   */
  default Tensor relu() { return Elementwise.map(self(), UnaryOp.RELU); }

  /**
   * Leaky ReLU: x where x &gt; 0, αx elsewhere (PyTorch's {@code leaky_relu}, whose α is its
   * {@code negative_slope}).
   *
   * @param alpha the slope α below zero, finite (negative too, as PyTorch allows)
   * @return a new tensor of this shape and type
   * @throws IllegalArgumentException naming leakyRelu and α when α is infinite or NaN
   */
  default Tensor leakyRelu(double alpha) { return CompositeActivations.leakyRelu(self(), alpha); }

  /**
   * ELU: α(eˣ − 1) where x ≤ 0, x elsewhere (NaN stays NaN), with expm1 (eˣ − 1 cancels near 0)
   * and +0.0 at −0.0, as PyTorch; the exponential sees min(x, 0) only, so a large x cannot
   * overflow it.
   *
   * @param alpha the scale α of the negative part, finite and at least 0
   * @return a new tensor of this shape and type
   * @throws IllegalArgumentException naming elu and α when α is negative, infinite or NaN
   */
  default Tensor elu(double alpha) { return CompositeActivations.elu(self(), alpha); }

  /**
   * GELU, exact: x·Φ(x) with Φ(x) = ½·erfc(−x/√2) the standard normal CDF (erfc keeps Φ accurate
   * in the left tail), PyTorch's {@code gelu}.
   *
   * @return a new tensor of this shape and type
   */
  default Tensor gelu() { return CompositeActivations.gelu(self()); }

  /**
   * GELU, tanh approximation: ½x(1 + tanh(u)) with u = √(2/π)(x + 0.044715x³), within about 1e-3
   * of {@link Tensor#gelu()} (PyTorch's {@code gelu(approximate='tanh')}), computed as x·σ(2u), the
   * same function without 1 + tanh(u)'s cancellation in the left tail.
   *
   * @return a new tensor of this shape and type
   */
  default Tensor geluTanh() { return CompositeActivations.geluTanh(self()); }

  /**
   * This tensor where {@code gate} is not ≤ 0 and +0.0 where it is, even where this tensor holds
   * NaN (as PyTorch's ReLU gradient, {@code threshold_backward}): g·[x &gt; 0] for this tensor g
   * and the gate x, in one pass and without a mask tensor, except that a NaN gate keeps g as
   * PyTorch's does (x ≤ 0 is false for NaN).
   *
   * @param gate a tensor of this shape (it does not broadcast), of either type; its positive
   *     elements (however small) and its NaNs keep this tensor's values, its others give 0
   * @return a new tensor of this tensor's shape and type
   * @throws IllegalArgumentException naming gatePositive and both shapes when they differ
   */
  default Tensor gatePositive(Tensor gate) { return Elementwise.gatePositive(self(), gate); }

  /**
   * tanh's gradient from its output: g·(1 − y²) for this tensor g and {@code output} y = tanh x,
   * in one pass (PyTorch's {@code tanh_backward}). Rounds exactly as
   * {@code g.mul(y.square().neg().add(1))}.
   *
   * @param output y, of this tensor's shape and type (it neither broadcasts nor converts)
   * @return a new tensor of this shape and type
   * @throws IllegalArgumentException naming tanhBackward and both shapes and types when they differ
   */
  default Tensor tanhBackward(Tensor output) { return Elementwise.tanhBackward(self(), output); }

  /**
   * sigmoid's gradient from its output: g·y·(1 − y) for this tensor g and {@code output}
   * y = σ(x), in one pass (PyTorch's {@code sigmoid_backward}). Rounds exactly as
   * {@code g.mul(y).mul(y.neg().add(1))}.
   *
   * @param output y, of this tensor's shape and type (it neither broadcasts nor converts)
   * @return a new tensor of this shape and type
   * @throws IllegalArgumentException naming sigmoidBackward and both shapes and types when they
   *     differ
   */
  default Tensor sigmoidBackward(Tensor output) {
    return Elementwise.sigmoidBackward(self(), output);
  }

  /**
   * Limits every element to {@code [min, max]} (PyTorch's {@code clamp}, NumPy's {@code clip}):
   * min where it is below min, max where above max, the element itself otherwise, so NaN stays
   * NaN and a zero keeps its sign against a bound that is the other zero (clamp(−0.0, 0, 1) is
   * −0.0), as in PyTorch.
   *
   * @param min the lower limit; {@code Double.NEGATIVE_INFINITY} for none
   * @param max the upper limit, at least {@code min}; {@code Double.POSITIVE_INFINITY} for none
   * @return a new tensor of this shape and type
   * @throws IllegalArgumentException naming clamp and the limits when either is NaN, or when
   *     min &gt; max
   */
  default Tensor clamp(double min, double max) { return Elementwise.clamp(self(), min, max); }

  /**
   * e^x / Σ e^x along an axis, computed stably (the maximum is subtracted first).
   *
   * @param axis the axis along which the result sums to 1; negative counts from the end (−1 for the
   *     classes of a batch of rows); 0 or −1 for a rank-0 tensor, its one element a group of its
   *     own (softmax 1), as PyTorch takes it
   * @return a new tensor of this shape and type, each entry in [0, 1] where the row is finite (a
   *     row holding +∞ has no softmax, ∞/∞, and is NaN throughout, as in PyTorch); empty for an
   *     empty tensor, an empty axis included (PyTorch's answer: nothing to normalise)
   * @throws IllegalArgumentException naming softmax, the axis and the shape when it is out of range
   */
  default Tensor softmax(int axis) { return Reductions.softmax(self(), axis); }

  /**
   * x − log Σ e^x along an axis: the logarithm of {@link Tensor#softmax}, without its rounding, and
   * finite where softmax underflows to 0.
   *
   * @param axis the axis along which to normalize; negative counts from the end; 0 or −1 for a
   *     rank-0 tensor, its one element a group of its own (log-softmax 0), as PyTorch takes it
   * @return a new tensor of this shape and type, each entry ≤ 0 where the row is finite (a row
   *     holding +∞ is NaN throughout, as in PyTorch); empty for an empty tensor, an empty axis
   *     included
   * @throws IllegalArgumentException naming logSoftmax, the axis and the shape when it is out of
   *     range
   */
  default Tensor logSoftmax(int axis) { return Reductions.logSoftmax(self(), axis); }

  /** The tensor itself, this interface's only implementation. */
  private Tensor self() {
    return (Tensor) this;
  }
}
