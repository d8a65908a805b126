package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autograd.Variable;

/**
 * The activation functions of classic MLP training, as functions on variables. Each is built from
 * autograd ops, so its gradient (and its second derivative) comes from their rules; the formulas
 * below are what those rules add up to.
 */
public final class Activations {
  private static final double SQRT_HALF = Math.sqrt(0.5);
  private static final double SQRT_TWO_OVER_PI = Math.sqrt(2 / Math.PI);
  private static final double GELU_CUBIC = 0.044715;

  private Activations() {}

  /**
   * f(x) = x; f′ = 1.
   *
   * @param x the pre-activations
   * @return the activations, a graph node of the same shape (softmax: along {@code axis})
   */
  public static Variable identity(Variable x) {
    return x;
  }

  /**
   * The linear unit with slope k: f(x) = k·x; f′ = k.
   *
   * @param x the pre-activations
   * @param k the slope (linear) or the threshold (threshold)
   * @return the activations, a graph node of the same shape (softmax: along {@code axis})
   */
  public static Variable linear(Variable x, double k) {
    return x.mul(k);
  }

  /**
   * The threshold unit: f(x) = 1 if x ≥ k, else 0. Its gradient is zero almost everywhere (and
   * undefined at k, where 0 is used), so no gradient reaches the layers before it: threshold
   * networks are trained with the perceptron rule, not with backpropagation.
   *
   * @param x the pre-activations
   * @param k the slope (linear) or the threshold (threshold)
   * @return the activations, a graph node of the same shape (softmax: along {@code axis})
   */
  public static Variable threshold(Variable x, double k) {
    return x.step(k);
  }

  /**
   * The hard limit: the threshold unit with k = 0. Its gradient is zero almost everywhere.
   *
   * @param x the pre-activations
   * @return the activations, a graph node of the same shape (softmax: along {@code axis})
   */
  public static Variable hardLimit(Variable x) {
    return threshold(x, 0);
  }

  /**
   * σ(x) = 1 / (1 + e⁻ˣ), evaluated without overflow; σ′ = σ(1 − σ).
   *
   * @param x the pre-activations
   * @return the activations, a graph node of the same shape (softmax: along {@code axis})
   */
  public static Variable sigmoid(Variable x) {
    return x.sigmoid();
  }

  /**
   * tanh x; tanh′ = 1 − tanh².
   *
   * @param x the pre-activations
   * @return the activations, a graph node of the same shape (softmax: along {@code axis})
   */
  public static Variable tanh(Variable x) {
    return x.tanh();
  }

  /**
   * max(x, 0); relu′ = 1 for x > 0, 0 otherwise (0 at the kink).
   *
   * @param x the pre-activations
   * @return the activations, a graph node of the same shape (softmax: along {@code axis})
   */
  public static Variable relu(Variable x) {
    return x.relu();
  }

  /**
   * x for x > 0, αx otherwise; f′ = 1 or α (α at the kink, as PyTorch).
   *
   * @param x the pre-activations
   * @param alpha the slope below 0 (leaky ReLU) or the scale of the negative part (ELU)
   * @return the activations, a graph node of the same shape (softmax: along {@code axis})
   */
  public static Variable leakyRelu(Variable x, double alpha) {
    return Variable.where(x.value().gt(0), x, x.mul(alpha));
  }

  /**
   * ELU: x for x > 0, α(eˣ − 1) otherwise; f′ = 1 or αeˣ. The exponential only ever sees
   * min(x, 0), so a large positive x cannot overflow it (and poison the gradient with ∞·0).
   *
   * @param x the pre-activations
   * @param alpha the slope below 0 (leaky ReLU) or the scale of the negative part (ELU)
   * @return the activations, a graph node of the same shape (softmax: along {@code axis})
   */
  public static Variable elu(Variable x, double alpha) {
    checkArgument(alpha >= 0, "elu: alpha must not be negative, got %s", alpha);
    Variable negativePart = x.clamp(Double.NEGATIVE_INFINITY, 0).exp().sub(1).mul(alpha);
    return Variable.where(x.value().gt(0), x, negativePart);
  }

  /**
   * GELU, exact: x·Φ(x) with Φ the standard normal CDF, Φ(x) = ½·erfc(−x/√2) (erfc keeps Φ
   * accurate far into the left tail); f′ = Φ(x) + x·φ(x).
   *
   * @param x the pre-activations
   * @return the activations, a graph node of the same shape (softmax: along {@code axis})
   */
  public static Variable gelu(Variable x) {
    return x.mul(x.mul(-SQRT_HALF).erfc().mul(0.5));
  }

  /**
   * GELU, tanh approximation: ½x(1 + tanh(√(2/π)(x + 0.044715x³))), within about 1e-3 of the exact
   * form.
   *
   * @param x the pre-activations
   * @return the activations, a graph node of the same shape (softmax: along {@code axis})
   */
  public static Variable geluTanh(Variable x) {
    Variable inner = x.add(x.pow(3).mul(GELU_CUBIC)).mul(SQRT_TWO_OVER_PI);
    return x.mul(inner.tanh().add(1)).mul(0.5);
  }

  /**
   * log(1 + eˣ), evaluated without overflow; f′ = σ(x).
   *
   * @param x the pre-activations
   * @return the activations, a graph node of the same shape (softmax: along {@code axis})
   */
  public static Variable softplus(Variable x) {
    return x.softplus();
  }

  /**
   * e^xᵢ / Σⱼ e^xⱼ along an axis, stable (shifted by the log-sum-exp).
   *
   * @param x the pre-activations
   * @param axis the axis to normalise along; negative counts from the end
   * @return the activations, a graph node of the same shape (softmax: along {@code axis})
   */
  public static Variable softmax(Variable x, int axis) {
    return x.softmax(axis);
  }

  /**
   * xᵢ − log Σⱼ e^xⱼ along an axis, stable.
   *
   * @param x the pre-activations
   * @param axis the axis to normalise along; negative counts from the end
   * @return the activations, a graph node of the same shape (softmax: along {@code axis})
   */
  public static Variable logSoftmax(Variable x, int axis) {
    return x.logSoftmax(axis);
  }
}
