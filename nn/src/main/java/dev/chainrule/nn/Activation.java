package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Variable;

/**
 * An activation function as a layer (no parameters), for {@link Sequential}. The function forms
 * live in {@link Activations}; {@link #kind()} and {@link #parameter()} let tools such as the
 * hand-derived reference recognise which function this is.
 */
public final class Activation extends Module {
  /** Which function. */
  public enum Kind {
    /** x. */
    IDENTITY,
    /** k·x. */
    LINEAR,
    /** 1 where x ≥ k, else 0. */
    THRESHOLD,
    /** 1 / (1 + e⁻ˣ). */
    SIGMOID,
    /** tanh x. */
    TANH,
    /** max(x, 0). */
    RELU,
    /** x where x > 0, else α·x. */
    LEAKY_RELU,
    /** x where x > 0, else α·(eˣ − 1). */
    ELU,
    /** x·Φ(x), Φ the standard normal distribution function. */
    GELU,
    /** GELU's tanh approximation. */
    GELU_TANH,
    /** log(1 + eˣ). */
    SOFTPLUS,
    /** e^xᵢ / Σⱼ e^xⱼ along an axis. */
    SOFTMAX,
    /** The logarithm of softmax, computed stably. */
    LOG_SOFTMAX
  }

  private final Kind kind;
  private final double parameter;

  private Activation(Kind kind, double parameter) {
    this.kind = checkNotNull(kind);
    this.parameter = parameter;
  }

  /**
   * x, unchanged.
   *
   * @return the activation module
   */
  public static Activation identity() { return new Activation(Kind.IDENTITY, 1); }

  /**
   * k·x.
   *
   * @param k the slope
   * @return the activation module
   */
  public static Activation linear(double k) { return new Activation(Kind.LINEAR, k); }

  /**
   * 1 where x ≥ k, else 0; zero gradient almost everywhere.
   *
   * @param k the threshold
   * @return the activation module
   */
  public static Activation threshold(double k) { return new Activation(Kind.THRESHOLD, k); }

  /**
   * The threshold at 0.
   *
   * @return the activation module
   */
  public static Activation hardLimit() { return threshold(0); }

  /**
   * The logistic sigmoid 1 / (1 + e⁻ˣ).
   *
   * @return the activation module
   */
  public static Activation sigmoid() { return new Activation(Kind.SIGMOID, 0); }

  /**
   * The hyperbolic tangent.
   *
   * @return the activation module
   */
  public static Activation tanh() { return new Activation(Kind.TANH, 0); }

  /**
   * max(x, 0), with derivative 0 at 0.
   *
   * @return the activation module
   */
  public static Activation relu() { return new Activation(Kind.RELU, 0); }

  /**
   * x where x > 0, else α·x.
   *
   * @param alpha the slope below 0, such as 0.01
   * @return the activation module
   */
  public static Activation leakyRelu(double alpha) { return new Activation(Kind.LEAKY_RELU, alpha); }

  /**
   * x where x > 0, else α·(eˣ − 1).
   *
   * @param alpha the value approached far below 0 is −α
   * @return the activation module
   */
  public static Activation elu(double alpha) { return new Activation(Kind.ELU, alpha); }

  /**
   * The exact GELU, x·Φ(x).
   *
   * @return the activation module
   */
  public static Activation gelu() { return new Activation(Kind.GELU, 0); }

  /**
   * GELU's tanh approximation, as in BERT and GPT-2.
   *
   * @return the activation module
   */
  public static Activation geluTanh() { return new Activation(Kind.GELU_TANH, 0); }

  /**
   * log(1 + eˣ), a smooth ReLU.
   *
   * @return the activation module
   */
  public static Activation softplus() { return new Activation(Kind.SOFTPLUS, 0); }

  /**
   * Softmax over the last axis (the classes of a batch of rows).
   *
   * @return the activation module
   */
  public static Activation softmax() { return new Activation(Kind.SOFTMAX, -1); }

  /**
   * Log-softmax over the last axis.
   *
   * @return the activation module
   */
  public static Activation logSoftmax() { return new Activation(Kind.LOG_SOFTMAX, -1); }

  /**
   * The activation with a name as used on command lines ({@code relu}, {@code tanh}, ...).
   *
   * @param name identity, linear, sigmoid, logistic, tanh, relu, leaky-relu, elu, gelu,
   *     gelu-tanh or softplus, in any case
   * @return the activation module
   * @throws IllegalArgumentException listing the names when {@code name} is none of them
   */
  public static Activation named(String name) {
    return switch (checkNotNull(name, "activation name is null").toLowerCase()) {
      case "identity", "linear" -> identity();
      case "sigmoid", "logistic" -> sigmoid();
      case "tanh" -> tanh();
      case "relu" -> relu();
      case "leaky-relu", "leakyrelu", "leaky_relu" -> leakyRelu(0.01);
      case "elu" -> elu(1);
      case "gelu" -> gelu();
      case "gelu-tanh", "gelu_tanh" -> geluTanh();
      case "softplus" -> softplus();
      default -> throw new IllegalArgumentException("unknown activation '" + name + "' (choose"
          + " identity, sigmoid, tanh, relu, leaky-relu, elu, gelu, gelu-tanh, softplus)");
    };
  }

  /**
   * Which function this is.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * The slope (linear), threshold (threshold), α (leaky ReLU, ELU) or axis (softmax).
   *
   * @return the parameter, 0 for functions without one
   */
  public double parameter() {
    return parameter;
  }

  @Override
  public Variable forward(Variable x) {
    return switch (kind) {
      case IDENTITY -> Activations.identity(x);
      case LINEAR -> Activations.linear(x, parameter);
      case THRESHOLD -> Activations.threshold(x, parameter);
      case SIGMOID -> Activations.sigmoid(x);
      case TANH -> Activations.tanh(x);
      case RELU -> Activations.relu(x);
      case LEAKY_RELU -> Activations.leakyRelu(x, parameter);
      case ELU -> Activations.elu(x, parameter);
      case GELU -> Activations.gelu(x);
      case GELU_TANH -> Activations.geluTanh(x);
      case SOFTPLUS -> Activations.softplus(x);
      case SOFTMAX -> Activations.softmax(x, (int) parameter);
      case LOG_SOFTMAX -> Activations.logSoftmax(x, (int) parameter);
    };
  }

  /** The function's name and parameter, e.g. {@code Activation(leaky-relu, 0.01)}. */
  @Override
  public String toString() {
    return describe();
  }

  @Override
  protected String describe() {
    String name = kind.name().toLowerCase().replace('_', '-');
    return switch (kind) {
      case LINEAR, THRESHOLD, LEAKY_RELU, ELU -> "Activation(" + name + ", " + parameter + ")";
      default -> "Activation(" + name + ")";
    };
  }
}
