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
    IDENTITY, LINEAR, THRESHOLD, SIGMOID, TANH, RELU, LEAKY_RELU, ELU, GELU, GELU_TANH, SOFTPLUS,
    SOFTMAX, LOG_SOFTMAX
  }

  private final Kind kind;
  private final double parameter;

  private Activation(Kind kind, double parameter) {
    this.kind = checkNotNull(kind);
    this.parameter = parameter;
  }

  public static Activation identity() { return new Activation(Kind.IDENTITY, 1); }
  /** k·x. */
  public static Activation linear(double k) { return new Activation(Kind.LINEAR, k); }
  /** 1 where x ≥ k, else 0; zero gradient almost everywhere. */
  public static Activation threshold(double k) { return new Activation(Kind.THRESHOLD, k); }
  /** The threshold at 0. */
  public static Activation hardLimit() { return threshold(0); }
  public static Activation sigmoid() { return new Activation(Kind.SIGMOID, 0); }
  public static Activation tanh() { return new Activation(Kind.TANH, 0); }
  public static Activation relu() { return new Activation(Kind.RELU, 0); }
  public static Activation leakyRelu(double alpha) { return new Activation(Kind.LEAKY_RELU, alpha); }
  public static Activation elu(double alpha) { return new Activation(Kind.ELU, alpha); }
  public static Activation gelu() { return new Activation(Kind.GELU, 0); }
  public static Activation geluTanh() { return new Activation(Kind.GELU_TANH, 0); }
  public static Activation softplus() { return new Activation(Kind.SOFTPLUS, 0); }
  /** Softmax over the last axis (the classes of a batch of rows). */
  public static Activation softmax() { return new Activation(Kind.SOFTMAX, -1); }
  /** Log-softmax over the last axis. */
  public static Activation logSoftmax() { return new Activation(Kind.LOG_SOFTMAX, -1); }

  /** The activation with a name as used on command lines ({@code relu}, {@code tanh}, ...). */
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

  public Kind kind() {
    return kind;
  }

  /** The slope (linear), threshold (threshold), α (leaky ReLU, ELU) or axis (softmax). */
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
