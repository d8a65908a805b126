package dev.chainrule.optim.model;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.model.Layer.ActivationLayer;
import dev.chainrule.optim.model.Layer.DenseLayer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A description's layers as a chain: read from a network, checked, and built back into one, tied
 * places included (see {@link ModelDescription#layersOf} and {@link ModelDescription#toModule}).
 */
final class LayerChain {
  private LayerChain() {}

  /** The layers of {@code model}; a Dense seen before is described as the same as its first. */
  static List<Layer> of(Sequential model) {
    List<dev.chainrule.nn.Layer> modules = model.layers();
    List<Layer> layers = new ArrayList<>();
    Map<Dense, Integer> places = new IdentityHashMap<>();
    // Two Dense layers made from the same tensors share values through a back door: rebuilt from
    // a description they would be separate, so that is refused rather than silently untied.
    Map<Tensor, String> holders = new IdentityHashMap<>();
    for (int i = 0; i < modules.size(); i++) {
      dev.chainrule.nn.Layer m = modules.get(i);
      if (m instanceof Dense dense) {
        Integer first = places.putIfAbsent(dense, i);
        if (first == null) {
          for (Map.Entry<String, Variable> p : dense.namedParameters().entrySet()) {
            String path = i + "." + p.getKey();
            String holder = holders.putIfAbsent(p.getValue().value(), path);
            checkArgument(holder == null, "describe: %s and %s are one tensor in two distinct"
                + " Dense layers, a tie a description cannot record; use one Dense at both"
                + " places", holder, path);
          }
        }
        layers.add(new DenseLayer(dense.inFeatures(), dense.outFeatures(), dense.bias() != null,
            first));
      } else if (m instanceof Activation activation) {
        layers.add(ActivationLayer.of(activation));
      } else {
        throw new IllegalArgumentException("describe: layer " + i + " is a "
            + m.getClass().getSimpleName() + "; a description holds Dense and Activation layers");
      }
    }
    return List.copyOf(layers);
  }

  /**
   * Layers must start with a dense layer and chain, and a tied place must name an earlier dense
   * layer of its own with its sizes and bias; returns the last dense layer's outputs.
   */
  static int check(List<Layer> layers) {
    checkArgument(!layers.isEmpty() && layers.get(0) instanceof DenseLayer,
        "model description: the first layer must be dense, got %s",
        layers.isEmpty() ? "no layers" : layers.get(0));
    int width = -1;
    for (int i = 0; i < layers.size(); i++) {
      if (layers.get(i) instanceof DenseLayer dense) {
        checkArgument(width < 0 || dense.in() == width,
            "model description: layer %s takes %s inputs, but the layer before gives %s", i,
            dense.in(), width);
        width = dense.out();
        Integer j = dense.sameAs();
        checkArgument(j == null || j < i && layers.get(j) instanceof DenseLayer shared
                && shared.equals(new DenseLayer(dense.in(), dense.out(), dense.bias())),
            "model description: layer %s is the same layer as layer %s, which is not an earlier"
                + " dense layer of its own with %s inputs, %s outputs and bias %s", i, j,
            dense.in(), dense.out(), dense.bias());
      }
    }
    return width;
  }

  /** New layers, weights zero; a tied place gets the layer object built for the earlier one. */
  static Sequential build(List<Layer> layers) {
    dev.chainrule.nn.Layer[] built = new dev.chainrule.nn.Layer[layers.size()];
    for (int i = 0; i < built.length; i++) {
      built[i] = layers.get(i) instanceof DenseLayer dense && dense.sameAs() != null
          ? built[dense.sameAs()] : layers.get(i).toLayer();
    }
    return Sequential.of(built);
  }
}
