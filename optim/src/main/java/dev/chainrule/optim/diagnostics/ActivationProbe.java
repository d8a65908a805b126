package dev.chainrule.optim.diagnostics;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.EvaluationMode;
import dev.chainrule.nn.Layer;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link Sequential} network (nested ones included) one layer at a time and keeps the
 * output of every hidden built-in activation: one followed, somewhere later, by a layer with
 * parameters, its output [N, units], or a convolution's feature maps [N, C, H, W], whose units
 * are the channels (every position of an image a row, as batch normalization counts them). The
 * output activation (a final sigmoid, say) is not hidden. Other modules are opaque, and a user's
 * activation has no known range, so they yield no snapshots. The network runs in evaluation mode
 * and every module gets its own mode back afterwards. Modules run with their forward hooks; a hook
 * on a nested {@code Sequential} itself does not run, as its layers are run one at a time.
 */
final class ActivationProbe {
  private ActivationProbe() {}

  /** The hidden activations of {@code model} for {@code inputs}, nearest the input first. */
  static List<ActivationSnapshot> snapshot(Module model, Tensor inputs) {
    List<Layer> layers = new ArrayList<>();
    flatten(model, layers);
    List<ActivationSnapshot> snapshots = new ArrayList<>();
    if (!(model instanceof Sequential)) {
      return snapshots;
    }
    int lastWithParameters = lastWithParameters(layers);
    // Every module gets its own mode back, not only the root: a frozen batch normalization in
    // evaluation mode inside a training model stays frozen.
    EvaluationMode.run(model, () -> {
      Variable x = Variable.constant(inputs);
      for (int i = 0; i < layers.size(); i++) {
        Layer layer = layers.get(i);
        // A module runs through call, as in the network's own pass: a forward hook that
        // replaces a layer's output changes what the activations after it see.
        x = layer instanceof Module module ? module.call(x) : layer.forward(x);
        if (layer instanceof Activation.BuiltIn activation && i < lastWithParameters
            && (x.rank() == 2 || x.rank() == 4)) {
          Tensor units = x.rank() == 2 ? x.value()
              : x.value().permute(0, 2, 3, 1).reshape(-1, x.shape().dim(1));
          snapshots.add(ActivationSnapshot.of("hidden " + (snapshots.size() + 1),
              activation.kind(), units));
        }
      }
      return null;
    });
    return snapshots;
  }

  private static int lastWithParameters(List<Layer> layers) {
    int last = -1;
    for (int i = 0; i < layers.size(); i++) {
      if (layers.get(i) instanceof Module m && !m.parameters().isEmpty()) {
        last = i;
      }
    }
    return last;
  }

  private static void flatten(Layer layer, List<Layer> into) {
    if (layer instanceof Sequential sequential) {
      sequential.layers().forEach(inner -> flatten(inner, into));
    } else {
      into.add(layer);
    }
  }
}
