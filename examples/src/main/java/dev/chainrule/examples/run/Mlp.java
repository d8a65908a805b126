package dev.chainrule.examples.run;

import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.Layer;
import dev.chainrule.nn.Sequential;
import java.util.ArrayList;
import java.util.List;

/** Multilayer perceptrons as the commands build them. */
public final class Mlp {
  private Mlp() {}

  /**
   * Dense layers of the given widths with the activation between them and a linear output (the
   * loss applies softmax or sigmoid). ReLU-like activations get He initialisation, the others
   * Glorot, each layer from its own seed derived from {@code seed}.
   */
  public static Sequential of(int inputs, List<Integer> hidden, int outputs,
      Activation activation, long seed) {
    boolean reluLike = activation instanceof Activation.BuiltIn builtIn && switch (builtIn.kind()) {
      case RELU, LEAKY_RELU, ELU, GELU, GELU_TANH -> true;
      default -> false;
    };
    Init init = reluLike ? Init.heUniform() : Init.glorotUniform();
    List<Layer> layers = new ArrayList<>();
    int width = inputs;
    for (int i = 0; i < hidden.size(); i++) {
      layers.add(Dense.builder(width, hidden.get(i)).init(init).seed(seed + i).build());
      layers.add(activation);
      width = hidden.get(i);
    }
    layers.add(Dense.builder(width, outputs).seed(seed + hidden.size()).build());
    return Sequential.of(layers.toArray(Layer[]::new));
  }

  /** "4-16-3" for a network with these widths. */
  public static String describe(int inputs, List<Integer> hidden, int outputs) {
    StringBuilder text = new StringBuilder().append(inputs);
    hidden.forEach(h -> text.append('-').append(h));
    return text.append('-').append(outputs).toString();
  }
}
