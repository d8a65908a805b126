package dev.chainrule.core;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The activations that are compositions of other kernels (leaky ReLU, ELU, GELU exact and
 * tanh-approximated) on plain tensors. autograd's {@code ActivationOps} composes the same kernels
 * in the same order on variables, so that a value computed with or without a graph is the same
 * to the bit (a test in autograd holds them to it); the constants are public for that reason.
 * ELU's composition runs here as one kernel that gives its bits.
 */
public final class CompositeActivations {
  /** √½, GELU's scale of x inside erfc. */
  public static final double SQRT_HALF = Math.sqrt(0.5);
  /** √(2/π), the tanh approximation's scale. */
  public static final double SQRT_TWO_OVER_PI = Math.sqrt(2 / Math.PI);
  /** The tanh approximation's cubic coefficient. */
  public static final double GELU_CUBIC = 0.044715;

  private CompositeActivations() {}

  static Tensor leakyRelu(Tensor x, double alpha) {
    checkLeakyReluAlpha(alpha);
    return Tensor.where(x.gt(0), x, x.mul(alpha));
  }

  /**
   * The left branch where x ≤ 0, so that NaN, for which that is false, takes the right one and
   * its gradient is g (PyTorch's elu_backward, x ≤ 0 ? … : g, in its elementwise loop). Adding
   * +0.0 before α turns expm1(−0.0) = −0.0 into +0.0, what PyTorch's eˣ − 1 gives at −0.0, and
   * leaves every other value as it is (α = 0 still gives −0.0 below 0, as PyTorch's (eˣ − 1)·0).
   *
   * <p>One kernel ({@code UnaryF64.elu} and its float32 twin) gives, bit for bit, what autograd's
   * composition gives, {@code where(x ≤ 0, clamp(x, −∞, 0).expm1().add(0.0).mul(α), x)}, in one
   * pass where the composition took six and five temporaries.
   */
  static Tensor elu(Tensor x, double alpha) {
    checkEluAlpha(alpha);
    return Elementwise.elu(x, alpha);
  }

  /**
   * Refuses an ELU α that is negative, infinite or NaN, with or without a graph, as the {@code
   * Activation} layer does: α = ∞ gave −∞ below 0 and NaN at 0 (∞·expm1(0)), and NaN was told
   * "must not be negative".
   *
   * @param alpha ELU's α
   * @throws IllegalArgumentException naming elu and α when it is negative, infinite or NaN
   */
  public static void checkEluAlpha(double alpha) {
    checkArgument(alpha >= 0 && alpha < Double.POSITIVE_INFINITY,
        "elu: alpha must be finite and not negative, got %s", alpha);
  }

  /**
   * Refuses a leaky ReLU slope that is infinite or NaN (a negative one is PyTorch's too), as the
   * {@code Activation} layer does: α = ±∞ made the output NaN at 0 (∞·0) and NaN made every
   * negative input's output NaN, without a word.
   *
   * @param alpha the slope below zero
   * @throws IllegalArgumentException naming leakyRelu and α when it is infinite or NaN
   */
  public static void checkLeakyReluAlpha(double alpha) {
    checkArgument(Double.isFinite(alpha), "leakyRelu: alpha must be finite, got %s", alpha);
  }

  static Tensor gelu(Tensor x) {
    return x.mul(x.mul(-SQRT_HALF).erfc().mul(0.5));
  }

  static Tensor geluTanh(Tensor x) {
    Tensor inner = x.add(x.pow(3).mul(GELU_CUBIC)).mul(SQRT_TWO_OVER_PI);
    return x.mul(inner.mul(2).sigmoid());
  }
}
