package dev.chainrule.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Leaky ReLU, ELU and GELU (exact and tanh-approximated) on plain tensors, each one kernel
 * ({@code ActivationF64}, {@code UnaryF64.elu} and their float32 twins) that gives, bit for bit,
 * the composition of kernels it replaced: for ELU
 * {@code where(x ≤ 0, clamp(x, −∞, 0).expm1().add(0.0).mul(α), x)}, for GELU
 * {@code x.mul(x.mul(-SQRT_HALF).erfc().mul(0.5))}, for the tanh GELU
 * {@code x.mul(x.add(x.pow(3).mul(GELU_CUBIC)).mul(SQRT_TWO_OVER_PI).mul(2).sigmoid())} and for
 * leaky ReLU {@code where(x > 0, x, x.mul(α))} (autograd's {@code FusedActivationsBitsTest} keeps
 * those compositions as its reference). autograd's activation ops run the same kernels, so a
 * value is the same with or without a graph, and take their first-order gradients from the
 * kernels here ({@link #eluBackward} and its kin); the constants are public for its
 * higher-order rules.
 */
public final class CompositeActivations {
  /** √½, GELU's scale of x inside erfc. */
  public static final double SQRT_HALF = Math.sqrt(0.5);
  /** √(2/π), the tanh approximation's scale. */
  public static final double SQRT_TWO_OVER_PI = Math.sqrt(2 / Math.PI);
  /** The tanh approximation's cubic coefficient. */
  public static final double GELU_CUBIC = 0.044715;

  private CompositeActivations() {}

  /**
   * What both GELUs' gradients need from their forward: y = x·f with f = Φ(x) for GELU and
   * σ(2u) for the tanh approximation, so the gradient evaluates no erfc or pow again.
   *
   * @param value the activation's value y
   * @param factor f, of x's shape and type
   */
  public record Parts(Tensor value, Tensor factor) {}

  static Tensor leakyRelu(Tensor x, double alpha) {
    checkLeakyReluAlpha(alpha);
    checkFitsType("leakyRelu", x, alpha);
    return isF64(x) ? ActivationF64.leakyRelu(x, alpha) : ActivationF32.leakyRelu(x, (float) alpha);
  }

  /**
   * Refuses, for a float32 x, an α past float's range, as PyTorch does: taken in float32 it would
   * be ±∞, and the kernels' arithmetic (x·1 + 0·α above 0) would give NaN where x is positive.
   */
  private static void checkFitsType(String op, Tensor x, double alpha) {
    checkArgument(isF64(x) || Math.abs(alpha) <= Float.MAX_VALUE,
        "%s: alpha %s is outside float32's range, and x is float32", op, alpha);
  }

  /**
   * Leaky ReLU's gradient: g where x &gt; 0, g·α elsewhere, NaN included (PyTorch's
   * leaky_relu_backward), in one pass.
   *
   * @param g the gradient of the output, of x's shape and type
   * @param x the input
   * @param alpha the slope below zero
   * @return the gradient of x
   * @throws IllegalArgumentException naming leakyReluBackward when the shapes or types differ
   */
  public static Tensor leakyReluBackward(Tensor g, Tensor x, double alpha) {
    checkSameLayout("leakyReluBackward", g, x);
    return isF64(x) ? ActivationF64.leakyReluBackward(g, x, alpha)
        : ActivationF32.leakyReluBackward(g, x, (float) alpha);
  }

  /**
   * The left branch where x ≤ 0, so that NaN, for which that is false, takes the right one and
   * its gradient is g (PyTorch's elu_backward, x ≤ 0 ? … : g, in its elementwise loop). Adding
   * +0.0 before α turns expm1(−0.0) = −0.0 into +0.0, what PyTorch's eˣ − 1 gives at −0.0, and
   * leaves every other value as it is (α = 0 still gives −0.0 below 0, as PyTorch's (eˣ − 1)·0).
   *
   * <p>One kernel ({@code UnaryF64.elu} and its float32 twin) gives, bit for bit, what the
   * composition {@code where(x ≤ 0, clamp(x, −∞, 0).expm1().add(0.0).mul(α), x)} gave, in one
   * pass where the composition took six and five temporaries.
   */
  static Tensor elu(Tensor x, double alpha) {
    checkEluAlpha(alpha);
    checkFitsType("elu", x, alpha);
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

  /**
   * ELU's gradient: (g·α)·e^min(x, 0) where x ≤ 0, g elsewhere (NaN included), in one pass, as
   * PyTorch's elu_backward from its input.
   *
   * @param g the gradient of the output, of x's shape and type
   * @param x the input
   * @param alpha ELU's α
   * @return the gradient of x
   * @throws IllegalArgumentException naming eluBackward when the shapes or types differ
   */
  public static Tensor eluBackward(Tensor g, Tensor x, double alpha) {
    checkSameLayout("eluBackward", g, x);
    return isF64(x) ? ActivationF64.eluBackward(g, x, alpha)
        : ActivationF32.eluBackward(g, x, (float) alpha);
  }

  static Tensor gelu(Tensor x) {
    return isF64(x) ? ActivationF64.gelu(x, null) : ActivationF32.gelu(x, null);
  }

  /**
   * GELU with Φ(x), the same value as {@code x.gelu()}, for {@link #geluBackward}.
   *
   * @param x the input
   * @return y and Φ(x)
   */
  public static Parts geluParts(Tensor x) {
    checkNotNull(x, "geluParts: x is null");
    if (isF64(x)) {
      double[] cdf = new double[x.size()];
      return new Parts(ActivationF64.gelu(x, cdf), new Tensor(x.shape(), cdf));
    }
    float[] cdf = new float[x.size()];
    return new Parts(ActivationF32.gelu(x, cdf), new Tensor(x.shape(), cdf));
  }

  /**
   * GELU's gradient g·(Φ(x) + x·φ(x)), φ the standard normal density, from the Φ(x) of
   * {@link #geluParts}, in one pass (PyTorch's gelu_backward evaluates Φ again).
   *
   * @param g the gradient of the output, of x's shape and type
   * @param x the input
   * @param cdf Φ(x)
   * @return the gradient of x
   * @throws IllegalArgumentException naming geluBackward when the shapes or types differ
   */
  public static Tensor geluBackward(Tensor g, Tensor x, Tensor cdf) {
    checkSameLayout("geluBackward", g, x);
    checkSameLayout("geluBackward", cdf, x);
    return isF64(x) ? ActivationF64.geluBackward(g, x, cdf)
        : ActivationF32.geluBackward(g, x, cdf);
  }

  static Tensor geluTanh(Tensor x) {
    return isF64(x) ? ActivationF64.geluTanh(x, null) : ActivationF32.geluTanh(x, null);
  }

  /**
   * The tanh GELU with σ(2u), the same value as {@code x.geluTanh()}, for
   * {@link #geluTanhBackward}.
   *
   * @param x the input
   * @return y and σ(2u)
   */
  public static Parts geluTanhParts(Tensor x) {
    checkNotNull(x, "geluTanhParts: x is null");
    if (isF64(x)) {
      double[] gate = new double[x.size()];
      return new Parts(ActivationF64.geluTanh(x, gate), new Tensor(x.shape(), gate));
    }
    float[] gate = new float[x.size()];
    return new Parts(ActivationF32.geluTanh(x, gate), new Tensor(x.shape(), gate));
  }

  /**
   * The tanh GELU's gradient g·(s + x·2s(1 − s)·u′), u′ = (1 + 3·0.044715·x²)·√(2/π), from the
   * s = σ(2u) of {@link #geluTanhParts}, in one pass.
   *
   * @param g the gradient of the output, of x's shape and type
   * @param x the input
   * @param gate σ(2u)
   * @return the gradient of x
   * @throws IllegalArgumentException naming geluTanhBackward when the shapes or types differ
   */
  public static Tensor geluTanhBackward(Tensor g, Tensor x, Tensor gate) {
    checkSameLayout("geluTanhBackward", g, x);
    checkSameLayout("geluTanhBackward", gate, x);
    return isF64(x) ? ActivationF64.geluTanhBackward(g, x, gate)
        : ActivationF32.geluTanhBackward(g, x, gate);
  }

  private static boolean isF64(Tensor x) {
    return x.dtype() == DType.FLOAT64;
  }

  /** A gradient (or a saved factor) and its input always match; a mismatch is refused. */
  private static void checkSameLayout(String op, Tensor t, Tensor x) {
    checkNotNull(t, "%s: a tensor is null", op);
    checkNotNull(x, "%s: the input is null", op);
    checkArgument(t.shape().equals(x.shape()) && t.dtype() == x.dtype(), "%s: %s %s and the"
        + " input's %s %s must have one shape and one type", op, t.dtype(), t.shape(),
        x.dtype(), x.shape());
  }
}
