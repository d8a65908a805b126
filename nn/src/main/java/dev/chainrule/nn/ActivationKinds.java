package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DenseActivation;
import dev.chainrule.nn.Activation.BuiltIn;
import dev.chainrule.nn.Activation.Kind;
import java.util.Locale;

/**
 * What each built-in {@link Kind} of activation computes, which parameter it takes, and what it
 * is called, for {@link BuiltIn}. Every switch over the kinds stands here, side by side, so that
 * a kind is added in one place besides {@code Kind} itself, and {@link Activation} reads as its
 * API: the factories and what they promise.
 */
final class ActivationKinds {
  private ActivationKinds() {}

  /** {@link Activation#named}: the activation with a name as used on command lines. */
  static BuiltIn named(String name) {
    return switch (checkNotNull(name, "activation name is null").toLowerCase(Locale.ROOT)) {
      case "identity", "linear" -> Activation.identity();
      case "sigmoid", "logistic" -> Activation.sigmoid();
      case "tanh" -> Activation.tanh();
      case "relu" -> Activation.relu();
      case "leaky-relu", "leakyrelu", "leaky_relu" -> Activation.leakyRelu(0.01);
      case "elu" -> Activation.elu(1);
      case "gelu" -> Activation.gelu();
      case "gelu-tanh", "gelu_tanh" -> Activation.geluTanh();
      case "softplus" -> Activation.softplus();
      default -> throw new IllegalArgumentException("unknown activation '" + name + "' (choose"
          + " identity, sigmoid, tanh, relu, leaky-relu, elu, gelu, gelu-tanh, softplus)");
    };
  }

  /** The checks of {@link BuiltIn}'s constructor. */
  static void check(Kind kind, double parameter) {
    checkNotNull(kind, "activation kind is null");
    // The ops take such parameters without complaint and give NaN, all-zero or all-one outputs
    // (a NaN slope, an infinite threshold), or fail only at the first forward pass (ELU's α):
    // far from the call that made the activation, so it is refused here, where it was made.
    checkArgument(Double.isFinite(parameter), "activation %s: %s %s is not finite",
        name(kind), parameterName(kind), parameter);
    switch (kind) {
      // α < 0 would flip the sign of the negative part; Variable.elu refuses it too.
      case ELU -> checkArgument(parameter >= 0,
          "activation elu: alpha must not be negative, got %s", parameter);
      // apply casts the axis to an int, which would silently drop a fraction.
      case SOFTMAX, LOG_SOFTMAX -> checkArgument(parameter == (int) parameter,
          "activation %s: axis %s is not a whole number", name(kind), parameter);
      default -> { }
    }
  }

  /** The function of {@code kind} with its parameter, applied to {@code x}, not null. */
  static Variable apply(Kind kind, double parameter, Variable x) {
    return switch (kind) {
      case IDENTITY -> x;
      case LINEAR -> x.mul(parameter);
      case THRESHOLD -> x.step(parameter);
      case SIGMOID -> x.sigmoid();
      case TANH -> x.tanh();
      case RELU -> x.relu();
      case LEAKY_RELU -> x.leakyRelu(parameter);
      case ELU -> x.elu(parameter);
      case GELU -> x.gelu();
      case GELU_TANH -> x.geluTanh();
      case SOFTPLUS -> x.softplus();
      case SOFTMAX -> x.softmax((int) parameter);
      case LOG_SOFTMAX -> x.logSoftmax((int) parameter);
    };
  }

  /**
   * The activation a Dense layer before one of this kind can apply in its own node (ReLU, tanh,
   * sigmoid: their derivatives are functions of their output), or null.
   */
  static DenseActivation denseActivation(Kind kind) {
    return switch (kind) {
      case RELU -> DenseActivation.RELU;
      case TANH -> DenseActivation.TANH;
      case SIGMOID -> DenseActivation.SIGMOID;
      default -> null;
    };
  }

  /** The command-line name: {@code tanh}, {@code leaky-relu}, {@code gelu-tanh}, .... */
  static String name(Kind kind) {
    return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The function's name and, where it has one, its parameter: {@link BuiltIn#toString}. */
  static String text(Kind kind, double parameter) {
    return switch (kind) {
      case LINEAR, THRESHOLD, LEAKY_RELU, ELU -> "Activation(" + name(kind) + ", " + parameter
          + ")";
      default -> "Activation(" + name(kind) + ")";
    };
  }

  /** What the parameter is to this kind, for messages. */
  private static String parameterName(Kind kind) {
    return switch (kind) {
      case LINEAR -> "slope";
      case THRESHOLD -> "threshold";
      case LEAKY_RELU, ELU -> "alpha";
      case SOFTMAX, LOG_SOFTMAX -> "axis";
      default -> "parameter";
    };
  }
}
