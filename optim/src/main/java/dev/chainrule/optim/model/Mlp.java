package dev.chainrule.optim.model;

import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.Sequential;
import java.util.ArrayList;
import java.util.List;

/**
 * Multilayer perceptrons as the program and the Spark launcher build them, so that the same
 * options give the same initial network everywhere.
 */
public final class Mlp {
  private Mlp() {}

  /**
   * Dense layers of the given widths with the activation between them and a linear output (the
   * loss applies softmax or sigmoid). ReLU-like activations get He initialisation, the others
   * Glorot, each layer from its own seed derived from {@code seed}.
   *
   * @param inputs features per sample
   * @param hidden the hidden layers' widths, input side first
   * @param outputs the output layer's width
   * @param activation the hidden layers' activation
   * @param seed the seed of the random choices
   * @return the network
   */
  public static Sequential of(int inputs, List<Integer> hidden, int outputs,
      Activation activation, long seed) {
    return Sequential.of(layers(inputs, hidden, outputs, activation, seed)
        .toArray(dev.chainrule.nn.Layer[]::new));
  }

  /**
   * The layers of {@link #of}, for networks that add an output activation.
   *
   * @param inputs features per sample
   * @param hidden the hidden layers' widths, input side first
   * @param outputs the output layer's width
   * @param activation the hidden layers' activation
   * @param seed the seed of the random choices
   * @return the layers, input side first
   */
  public static List<dev.chainrule.nn.Layer> layers(int inputs, List<Integer> hidden, int outputs,
      Activation activation, long seed) {
    boolean reluLike = activation instanceof Activation.BuiltIn builtIn && switch (builtIn.kind()) {
      case RELU, LEAKY_RELU, ELU, GELU, GELU_TANH -> true;
      default -> false;
    };
    Init init = reluLike ? Init.heUniform() : Init.glorotUniform();
    List<dev.chainrule.nn.Layer> layers = new ArrayList<>();
    int width = inputs;
    for (int i = 0; i < hidden.size(); i++) {
      layers.add(Dense.builder(width, hidden.get(i)).init(init).seed(seed + i).build());
      layers.add(activation);
      width = hidden.get(i);
    }
    layers.add(Dense.builder(width, outputs).seed(seed + hidden.size()).build());
    return layers;
  }

  /**
   * "4-16-3" for these layers.
   *
   * @param layers the model's layers, input side first
   * @return the widths joined by dashes, such as "4-16-3"
   */
  public static String describe(List<Layer> layers) {
    StringBuilder text = new StringBuilder();
    for (Layer layer : layers) {
      if (layer instanceof Layer.DenseLayer dense) {
        text.append(text.length() == 0 ? dense.in() + "-" : "-").append(dense.out());
      }
    }
    return text.toString();
  }

  /**
   * The activation between dense layers ({@code tanh}), or null when there is none.
   *
   * @param layers the model's layers, input side first
   * @return the hidden layers' activation by name, or null without hidden layers
   */
  public static String hiddenActivation(List<Layer> layers) {
    for (int i = 1; i + 1 < layers.size(); i++) {
      if (layers.get(i) instanceof Layer.ActivationLayer activation
          && layers.get(i + 1) instanceof Layer.DenseLayer) {
        return activation.name();
      }
    }
    return null;
  }

  /**
   * An activation's command-line name: {@code relu}, {@code leaky-relu}, ...
   *
   * @param activation the hidden layers' activation
   * @return the activation's command-line name
   */
  public static String name(Activation activation) {
    return activation.name();
  }
}
