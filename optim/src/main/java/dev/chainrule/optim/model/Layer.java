package dev.chainrule.optim.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.nn.Init;
import java.util.List;

/**
 * One layer of a described network, enough to rebuild it: a {@link DenseLayer} by its sizes, an
 * {@link ActivationLayer} by its name. Activations are named, not numbered, so that activations
 * that become classes of their own keep their descriptions.
 */
public sealed interface Layer permits Layer.DenseLayer, Layer.ActivationLayer {

  /**
   * The layer this describes; a dense layer's weights are zeros, to be loaded.
   *
   * @return a new layer
   */
  dev.chainrule.nn.Layer toLayer();

  /**
   * A fully connected layer: a layer of its own, or the same layer as at an earlier place (tied
   * weights, one {@code Dense} registered twice), which a rebuilt model then shares too.
   *
   * @param in inputs per sample
   * @param out outputs per sample
   * @param bias whether it adds a bias
   * @param sameAs the earlier position whose layer this place uses again, or null for a layer of
   *     its own; that place is a dense layer of its own with the same sizes and bias
   */
  record DenseLayer(int in, int out, boolean bias, Integer sameAs) implements Layer {
    /**
     * Checks the sizes and the position of a shared layer.
     *
     * @param bias whether it adds a bias
     * @param in inputs per sample
     * @param out outputs per sample
     * @param sameAs the earlier position whose layer this place uses again, or null
     */
    public DenseLayer {
      checkArgument(in > 0 && out > 0, "dense layer: sizes must be positive, got %s -> %s", in,
          out);
      checkArgument(sameAs == null || sameAs >= 0,
          "dense layer: the position of the layer it shares must not be negative, got %s",
          sameAs);
    }

    /**
     * A dense layer of its own.
     *
     * @param in inputs per sample
     * @param out outputs per sample
     * @param bias whether it adds a bias
     */
    public DenseLayer(int in, int out, boolean bias) {
      this(in, out, bias, null);
    }

    /** A new layer; {@link ModelDescription#toModule()} reuses the earlier one at a tied place. */
    @Override
    public dev.chainrule.nn.Layer toLayer() {
      return dev.chainrule.nn.Dense.builder(in, out).bias(bias).init(Init.zeros()).build();
    }
  }

  /**
   * An activation function by name: {@code identity}, {@code sigmoid}, {@code tanh}, {@code
   * relu}, {@code gelu}, {@code gelu-tanh}, {@code softplus}, {@code softmax}, {@code
   * log-softmax} without a parameter; {@code linear} (slope), {@code threshold} (threshold),
   * {@code leaky-relu} and {@code elu} (α) with one.
   *
   * @param name the function's name
   * @param parameter its parameter, or null for a function without one
   */
  record ActivationLayer(String name, Double parameter) implements Layer {
    /** Names of the functions with a parameter. */
    static final List<String> WITH_PARAMETER = List.of("linear", "threshold", "leaky-relu", "elu");

    /** Names of the functions without one. */
    static final List<String> WITHOUT_PARAMETER = List.of("identity", "sigmoid", "tanh", "relu",
        "gelu", "gelu-tanh", "softplus", "softmax", "log-softmax");

    /**
     * Checks the parts.
     *
     * @param name the function's name
     * @param parameter its parameter, or null for a function without one
     */
    public ActivationLayer {
      checkNotNull(name, "activation layer: name is null");
      checkArgument(WITH_PARAMETER.contains(name) || WITHOUT_PARAMETER.contains(name),
          "activation layer: unknown activation \"%s\" (known: %s, %s)", name,
          String.join(", ", WITHOUT_PARAMETER), String.join(", ", WITH_PARAMETER));
      checkArgument(WITH_PARAMETER.contains(name) == (parameter != null),
          parameter == null ? "activation layer: %s needs a parameter"
              : "activation layer: %s takes no parameter", name);
      checkArgument(parameter == null || Double.isFinite(parameter),
          "activation layer: %s has parameter %s; it must be finite", name, parameter);
    }

    /** The description of a built-in activation; a user's own has no description. */
    static ActivationLayer of(dev.chainrule.nn.Activation function) {
      if (!(function instanceof dev.chainrule.nn.Activation.BuiltIn activation)) {
        throw new IllegalArgumentException("describe: the activation '" + function.name()
            + "' is not a built-in one; a description names built-in activations only");
      }
      String name = activation.name();
      return switch (activation.kind()) {
        case LINEAR, THRESHOLD, LEAKY_RELU, ELU -> new ActivationLayer(name,
            activation.parameter());
        case SOFTMAX, LOG_SOFTMAX -> {
          checkArgument(activation.parameter() == -1,
              "describe: %s over axis %s; a description holds the last axis only", name,
              (int) activation.parameter());
          yield new ActivationLayer(name, null);
        }
        default -> new ActivationLayer(name, null);
      };
    }

    @Override
    public dev.chainrule.nn.Layer toLayer() {
      double p = parameter == null ? 0 : parameter;
      return switch (name) {
        case "identity" -> dev.chainrule.nn.Activation.identity();
        case "linear" -> dev.chainrule.nn.Activation.linear(p);
        case "threshold" -> dev.chainrule.nn.Activation.threshold(p);
        case "sigmoid" -> dev.chainrule.nn.Activation.sigmoid();
        case "tanh" -> dev.chainrule.nn.Activation.tanh();
        case "relu" -> dev.chainrule.nn.Activation.relu();
        case "leaky-relu" -> dev.chainrule.nn.Activation.leakyRelu(p);
        case "elu" -> dev.chainrule.nn.Activation.elu(p);
        case "gelu" -> dev.chainrule.nn.Activation.gelu();
        case "gelu-tanh" -> dev.chainrule.nn.Activation.geluTanh();
        case "softplus" -> dev.chainrule.nn.Activation.softplus();
        case "softmax" -> dev.chainrule.nn.Activation.softmax();
        default -> dev.chainrule.nn.Activation.logSoftmax();
      };
    }
  }
}
