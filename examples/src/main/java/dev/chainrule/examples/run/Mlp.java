package dev.chainrule.examples.run;

import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.Module;
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
   *
   * @param inputs features per sample
   * @param hidden the hidden layers' widths, input side first
   * @param outputs the output layer's width
   * @param activation the hidden layers' activation
   * @param seed the first layer's seed
   * @return the network
   */
  public static Sequential of(int inputs, List<Integer> hidden, int outputs,
      Activation activation, long seed) {
    Init init = switch (activation.kind()) {
      case RELU, LEAKY_RELU, ELU, GELU, GELU_TANH -> Init.heUniform();
      default -> Init.glorotUniform();
    };
    List<Module> layers = new ArrayList<>();
    int width = inputs;
    for (int i = 0; i < hidden.size(); i++) {
      layers.add(Dense.builder(width, hidden.get(i)).init(init).seed(seed + i).build());
      layers.add(activation);
      width = hidden.get(i);
    }
    layers.add(Dense.builder(width, outputs).seed(seed + hidden.size()).build());
    return Sequential.of(layers.toArray(Module[]::new));
  }

  /**
   * "4-16-3" for a network with these widths.
   *
   * @param inputs features per sample
   * @param hidden the hidden layers' widths
   * @param outputs the output layer's width
   * @return the widths joined by dashes
   */
  public static String describe(int inputs, List<Integer> hidden, int outputs) {
    StringBuilder text = new StringBuilder().append(inputs);
    hidden.forEach(h -> text.append('-').append(h));
    return text.append('-').append(outputs).toString();
  }
}
