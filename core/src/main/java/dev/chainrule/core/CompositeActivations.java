package dev.chainrule.core;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The activations that are compositions of other kernels (leaky ReLU, ELU, GELU exact and
 * tanh-approximated) on plain tensors. autograd's {@code ActivationOps} composes the same kernels
 * in the same order on variables, so that a value computed with or without a graph is the same
 * to the bit (a test in autograd holds them to it); the constants are public for that reason.
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
    return Tensor.where(x.gt(0), x, x.mul(alpha));
  }

  static Tensor elu(Tensor x, double alpha) {
    checkEluAlpha(alpha);
    Tensor negativePart = x.clamp(Double.NEGATIVE_INFINITY, 0).expm1().mul(alpha);
    return Tensor.where(x.gt(0), x, negativePart);
  }

  /**
   * Refuses a negative ELU α, with or without a graph.
   *
   * @param alpha ELU's α
   * @throws IllegalArgumentException naming elu and α when it is negative (or NaN)
   */
  public static void checkEluAlpha(double alpha) {
    checkArgument(alpha >= 0, "elu: alpha must not be negative, got %s", alpha);
  }

  static Tensor gelu(Tensor x) {
    return x.mul(x.mul(-SQRT_HALF).erfc().mul(0.5));
  }

  static Tensor geluTanh(Tensor x) {
    Tensor inner = x.add(x.pow(3).mul(GELU_CUBIC)).mul(SQRT_TWO_OVER_PI);
    return x.mul(inner.mul(2).sigmoid());
  }
}
