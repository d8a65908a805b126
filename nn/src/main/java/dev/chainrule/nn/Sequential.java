package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Variable;
import java.util.List;

/** Modules applied one after another; children are named "0", "1", .... */
public final class Sequential extends Module {
  private final List<Module> layers;

  private Sequential(List<Module> layers) {
    this.layers = layers;
    for (int i = 0; i < layers.size(); i++) {
      registerModule(Integer.toString(i), layers.get(i));
    }
  }

  /**
   * The layers, applied in the order given.
   *
   * @param layers at least one module
   * @return the network
   */
  public static Sequential of(Module... layers) {
    checkNotNull(layers, "Sequential: layers are null");
    checkArgument(layers.length > 0, "Sequential: needs at least one layer");
    for (int i = 0; i < layers.length; i++) {
      checkNotNull(layers[i], "Sequential: layer %s is null", i);
    }
    return new Sequential(List.of(layers));
  }

  /**
   * The layers in order.
   *
   * @return the layers, unmodifiable
   */
  public List<Module> layers() {
    return layers;
  }

  @Override
  public Variable forward(Variable input) {
    Variable x = input;
    for (Module layer : layers) {
      x = layer.forward(x);
    }
    return x;
  }
}
