package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DenseActivation;
import java.util.function.UnaryOperator;

/**
 * An activation function: a parameterless {@link Layer}. Any implementation goes wherever the
 * built-ins go ({@link Sequential}, models, the training loop); a lambda is enough:
 *
 * <pre>{@code
 * Activation swish = Activation.of("swish", x -> x.mul(x.sigmoid()));
 * Sequential model = Sequential.of(Dense.of(4, 16, 1L), swish, Dense.of(16, 3, 2L));
 * }</pre>
 *
 * <p>The built-ins are {@link BuiltIn} values, made by the factories below; their formulas are on
 * the {@link Variable} methods they apply. Tools that know them by {@link Kind} (the hand-derived
 * delta rule, model descriptions) recognise them and refuse, by name, activations they do not
 * know.
 */
@FunctionalInterface
public interface Activation extends Layer {
  /** The built-in functions; their formulas are on the {@link Variable} methods they apply. */
  enum Kind {
    /** x. */
    IDENTITY,
    /** k·x. */
    LINEAR,
    /** 1 where x ≥ k, else 0. */
    THRESHOLD,
    /** σ(x). */
    SIGMOID,
    /** tanh x. */
    TANH,
    /** max(x, 0). */
    RELU,
    /** x, or αx below zero. */
    LEAKY_RELU,
    /** x, or α(eˣ − 1) below zero. */
    ELU,
    /** x·Φ(x). */
    GELU,
    /** GELU's tanh approximation. */
    GELU_TANH,
    /** ln(1 + eˣ). */
    SOFTPLUS,
    /** Softmax over an axis. */
    SOFTMAX,
    /** Log-softmax over an axis. */
    LOG_SOFTMAX
  }

  /**
   * A short name for reports and descriptions ({@code tanh}, {@code leaky-relu}); a user's class
   * is named by its simple name, a lambda by {@code custom} unless made with {@link #of}.
   *
   * @return the name
   */
  default String name() {
    Class<?> type = getClass();
    return type.isSynthetic() || type.isHidden() || type.isAnonymousClass() ? "custom"
        : type.getSimpleName();
  }

  /**
   * A named activation from a function of variables.
   *
   * @param name the name reports and model summaries show
   * @param function the function, made of differentiable ops
   * @return the activation
   */
  static Activation of(String name, UnaryOperator<Variable> function) {
    return new Named(name, function);
  }

  /**
   * f(x) = x.
   *
   * @return the activation
   */
  static BuiltIn identity() { return new BuiltIn(Kind.IDENTITY, 1); }

  /**
   * f(x) = k·x.
   *
   * @param k the slope, finite
   * @return the activation
   * @throws IllegalArgumentException naming linear and k when k is infinite or NaN
   */
  static BuiltIn linear(double k) { return new BuiltIn(Kind.LINEAR, k); }

  /**
   * 1 where x ≥ k, else 0; zero gradient almost everywhere ({@link Variable#step}).
   *
   * @param k the threshold, finite
   * @return the activation
   * @throws IllegalArgumentException naming threshold and k when k is infinite or NaN
   */
  static BuiltIn threshold(double k) { return new BuiltIn(Kind.THRESHOLD, k); }

  /**
   * The threshold at 0.
   *
   * @return the activation
   */
  static BuiltIn hardLimit() { return threshold(0); }

  /**
   * {@link Variable#sigmoid()}.
   *
   * @return the activation
   */
  static BuiltIn sigmoid() { return new BuiltIn(Kind.SIGMOID, 0); }

  /**
   * {@link Variable#tanh()}.
   *
   * @return the activation
   */
  static BuiltIn tanh() { return new BuiltIn(Kind.TANH, 0); }

  /**
   * {@link Variable#relu()}.
   *
   * @return the activation
   */
  static BuiltIn relu() { return new BuiltIn(Kind.RELU, 0); }

  /**
   * {@link Variable#leakyRelu(double)}.
   *
   * @param alpha the slope below zero, finite (negative too, as PyTorch allows)
   * @return the activation
   * @throws IllegalArgumentException naming leaky-relu and α when α is infinite or NaN
   */
  static BuiltIn leakyRelu(double alpha) { return new BuiltIn(Kind.LEAKY_RELU, alpha); }

  /**
   * {@link Variable#elu(double)}.
   *
   * @param alpha the scale of the negative part, finite and not negative
   * @return the activation
   * @throws IllegalArgumentException naming elu and α when α is negative, infinite or NaN
   */
  static BuiltIn elu(double alpha) { return new BuiltIn(Kind.ELU, alpha); }

  /**
   * {@link Variable#gelu()}, exact.
   *
   * @return the activation
   */
  static BuiltIn gelu() { return new BuiltIn(Kind.GELU, 0); }

  /**
   * {@link Variable#geluTanh()}, the tanh approximation.
   *
   * @return the activation
   */
  static BuiltIn geluTanh() { return new BuiltIn(Kind.GELU_TANH, 0); }

  /**
   * {@link Variable#softplus()}: ln(1 + eˣ), exact everywhere. PyTorch's
   * {@code torch.nn.Softplus()} (beta 1, threshold 20) returns x itself above 20, with gradient 1:
   * at x = 20.5 this gives 20.500000001250154 in float64 where PyTorch gives 20.5, and σ(x) for
   * PyTorch's 1. The two differ there by ln(1 + e⁻ˣ) &lt; e⁻²⁰ ≈ 2.1e-9, which shrinks as e⁻ˣ; in
   * float32 it is below half an ulp of x, so both give x. There is no beta or threshold setting.
   *
   * @return the activation
   */
  static BuiltIn softplus() { return new BuiltIn(Kind.SOFTPLUS, 0); }

  /**
   * Softmax over the last axis (the classes of a batch of rows).
   *
   * @return the activation
   */
  static BuiltIn softmax() { return new BuiltIn(Kind.SOFTMAX, -1); }

  /**
   * Log-softmax over the last axis.
   *
   * @return the activation
   */
  static BuiltIn logSoftmax() { return new BuiltIn(Kind.LOG_SOFTMAX, -1); }

  /**
   * The activation with a name as used on command lines ({@code relu}, {@code tanh}, ...).
   *
   * @param name the name, in any case
   * @return the activation
   * @throws IllegalArgumentException for a name it does not know
   */
  static BuiltIn named(String name) {
    return ActivationKinds.named(name);
  }

  /**
   * Refuses a null input, naming the activation (built only then: a name is a String, too much
   * to pay on every forward pass).
   */
  private static Variable requireInput(Variable x, Activation activation) {
    if (x == null) {
      throw new NullPointerException("activation " + activation.name() + ": input is null");
    }
    return x;
  }

  /**
   * A built-in activation: which function, and its parameter.
   *
   * @param kind which function
   * @param parameter the slope (linear), threshold (threshold), α (leaky ReLU, ELU) or axis
   *     (softmax, log-softmax); unused otherwise; always finite
   */
  record BuiltIn(Kind kind, double parameter) implements Activation {
    /**
     * Checks the kind and the parameter.
     *
     * @param kind which function
     * @param parameter its parameter: finite; for ELU not negative, for softmax and log-softmax
     *     a whole number
     * @throws IllegalArgumentException naming the activation and the parameter when it is
     *     infinite or NaN, a negative α of ELU, or an axis that is not a whole number
     */
    public BuiltIn {
      ActivationKinds.check(kind, parameter);
    }

    @Override
    public Variable forward(Variable x) {
      // Every other layer names itself for a null input; here identity gave the null back
      // without a word and the rest a bare NullPointerException from inside the switch.
      return ActivationKinds.apply(kind, parameter, requireInput(x, this));
    }

    /** How a Dense layer before this one can apply it in its own node, or null. */
    DenseActivation denseActivation() {
      return ActivationKinds.denseActivation(kind);
    }

    /** The command-line name: {@code tanh}, {@code leaky-relu}, {@code gelu-tanh}, .... */
    @Override
    public String name() {
      return ActivationKinds.name(kind);
    }

    /** The function's name and parameter, e.g. {@code Activation(leaky-relu, 0.01)}. */
    @Override
    public String toString() {
      return ActivationKinds.text(kind, parameter);
    }
  }

  /**
   * An activation made by {@link #of}.
   *
   * @param name its name
   * @param function the function it applies
   */
  record Named(String name, UnaryOperator<Variable> function) implements Activation {
    /**
     * Checks the parts.
     *
     * @param name its name
     * @param function the function it applies
     */
    public Named {
      checkNotNull(name, "activation: name is null");
      checkNotNull(function, "activation %s: function is null", name);
    }

    @Override
    public Variable forward(Variable x) {
      Variable y = function.apply(requireInput(x, this));
      // A null went on to the next layer, which then said its own input was null.
      if (y == null) {
        throw new NullPointerException("activation " + name + ": the function returned null");
      }
      return y;
    }

    @Override
    public String toString() {
      return "Activation(" + name + ")";
    }
  }
}
