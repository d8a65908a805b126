package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.FaultInjection;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DenseActivation;
import java.util.ArrayList;
import java.util.List;

/**
 * Layers applied one after another: modules, built-in or user activations, any {@link Layer}.
 * A {@link Dense} layer followed by the built-in ReLU, tanh or sigmoid records one node for both
 * ({@link Variable#linear(Variable, Variable, Variable, DenseActivation)}):
 * the same values and gradients, with one array and one node fewer, as no one outside this
 * container sees the product between them. While anomaly detection or a {@link FaultInjection}
 * is on, every layer records its own ops instead, so that reports name them as written.
 * Children are named by position, {@code "0"}, {@code "1"}, ... (parameterless layers take a
 * position too), as PyTorch's {@code Sequential} names them, so parameter names match its
 * {@code state_dict}: Linear, Tanh, Linear gives {@code 0.weight}, {@code 0.bias},
 * {@code 2.weight}, {@code 2.bias}.
 */
public final class Sequential extends Module {
  private final List<Layer> layers;
  private final List<Module> modules;
  private final DenseActivation[] fusedActivations;

  private Sequential(List<Layer> layers) {
    this.layers = layers;
    this.fusedActivations = fusedActivations(layers);
    this.modules = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      modules.add(registerModule(Integer.toString(i),
          layer instanceof Module module ? module : new FunctionLayer(layer)));
    }
  }

  /**
   * The layers, applied in the order given: modules, activations or any other {@link Layer}.
   *
   * @param layers at least one layer
   * @return the network
   */
  public static Sequential of(Layer... layers) {
    checkNotNull(layers, "Sequential: layers are null");
    checkArgument(layers.length > 0, "Sequential: needs at least one layer");
    for (int i = 0; i < layers.length; i++) {
      checkNotNull(layers[i], "Sequential: layer %s is null", i);
    }
    return new Sequential(List.of(layers));
  }

  /**
   * The layers in order, as given (an activation as itself, not as the child module that gives it
   * its position).
   *
   * @return the layers, unmodifiable
   */
  public List<Layer> layers() {
    return layers;
  }

  @Override
  public Variable forward(Variable input) {
    Variable x = input;
    for (int i = 0; i < modules.size(); i++) {
      Module module = modules.get(i);
      if (fusedActivations[i] == null) {
        x = module.call(x);
        continue;
      }
      // A Dense layer and the activation after it, as one node: no one outside this loop sees
      // the product between them, so it needs neither a node nor an array of its own. Both
      // children's summary rows show the activated output (the same shape).
      x = ((Dense) module).forward(x, fusedActivations[i]);
      Summary.record(module, x);
      Summary.record(modules.get(++i), x);
    }
    return x;
  }

  /**
   * For each position, the activation that the Dense layer there applies in its own node (the
   * built-in ReLU, tanh or sigmoid right after it), or null.
   */
  private static DenseActivation[] fusedActivations(List<Layer> layers) {
    DenseActivation[] fused = new DenseActivation[layers.size()];
    for (int i = 0; i + 1 < layers.size(); i++) {
      if (layers.get(i) instanceof Dense && layers.get(i + 1) instanceof Activation.BuiltIn next) {
        fused[i] = next.denseActivation();
      }
    }
    return fused;
  }

  /** A parameterless layer as a child module, so it has a name and a line in the tree. */
  private static final class FunctionLayer extends Module {
    private final Layer layer;

    FunctionLayer(Layer layer) {
      this.layer = layer;
    }

    @Override
    public Variable forward(Variable input) {
      return layer.forward(input);
    }

    @Override
    protected boolean keepsForwardValues() {
      // A built-in activation is a function of its input alone; any other layer is code of yours.
      return !(layer instanceof Activation.BuiltIn);
    }

    @Override
    protected String describe() {
      if (layer instanceof Activation.BuiltIn || layer instanceof Activation.Named) {
        return layer.toString();
      }
      return layer instanceof Activation a ? "Activation(" + a.name() + ")" : "Layer";
    }
  }
}
