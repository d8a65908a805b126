package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.FaultInjection;
import dev.chainrule.autograd.Gradients;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.DenseActivation;
import dev.chainrule.core.Recycling;
import dev.chainrule.core.Shape;
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
  /**
   * The input shape of the last pass whose activations were all too small to recycle ({@link
   * Recycling#MIN_ELEMENTS}), or null: the same shape gives the same sizes, so the next pass of
   * that shape skips the scope and its bookkeeping (XOR's whole step takes two microseconds).
   */
  private Shape smallActivationsFor;

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

  /**
   * {@link Module#to}, returning this model as a {@code Sequential}: {@code Sequential model =
   * Sequential.of(...).to(DType.FLOAT32)}, as PyTorch's {@code to} returns the module itself.
   *
   * @param dtype the element type
   * @return this model
   */
  @Override
  public Sequential to(DType dtype) {
    super.to(dtype);
    return this;
  }

  /**
   * {@link Module#train}, returning this model as a {@code Sequential}.
   *
   * @return this model
   */
  @Override
  public Sequential train() {
    super.train();
    return this;
  }

  /**
   * {@link Module#eval}, returning this model as a {@code Sequential}.
   *
   * @return this model
   */
  @Override
  public Sequential eval() {
    super.eval();
    return this;
  }

  @Override
  public Variable forward(Variable input) {
    requireInput(input);
    if (input.shape().equals(smallActivationsFor) || !handsBackActivations()) {
      return forward(input, null);
    }
    try (Recycling.Scope scope = Recycling.open()) {
      return forward(input, scope);
    }
  }

  /**
   * Whether this forward pass may promise the graph its activations (see {@link #forward(Variable,
   * Recycling.Scope)}): while recording, when no layer keeps a forward value, when no other owner's
   * scope is open (a trainer's, which hands back the whole step's values itself), and not under
   * anomaly detection or a fault injection, whose reports may show any value.
   */
  private boolean handsBackActivations() {
    return layers.size() > 1 && Autograd.isGradEnabled() && !Recycling.isScopeOpen()
        && !Autograd.isAnomalyDetectionEnabled() && !FaultInjection.isActive()
        && keepsNoForwardValues();
  }

  /**
   * The layers in turn. With a scope, every activation between them is promised to the graph
   * ({@link Gradients#releaseValueWithGraph}): no one outside this loop sees it, so once backward
   * has freed the graph its array can take the next step's activation, as it would under
   * PyTorch's allocator. The returned output never is, nor anything that is the output's own
   * tensor (a last layer that returns its input).
   */
  private Variable forward(Variable input, Recycling.Scope scope) {
    List<Variable> activations = scope == null ? null : new ArrayList<>(layers.size());
    Variable x = input;
    for (int i = 0; i < modules.size(); i++) {
      if (activations != null && i > 0) {
        activations.add(x);
      }
      Module module = modules.get(i);
      if (fusedActivations[i] == null || module.hasForwardHooks()
          || modules.get(i + 1).hasForwardHooks()) {
        x = module.call(x);
        continue;
      }
      // A Dense layer and the activation after it, as one node: no one outside this loop sees
      // the product between them, so it needs neither a node nor an array of its own. Both
      // children's summary rows show the activated output (the same shape).
      Variable in = x;
      try {
        x = ((Dense) module).forward(in, fusedActivations[i]);
      } catch (RuntimeException e) {
        Summary.failed(module, in, e);
        throw e;
      }
      Summary.record(module, x);
      Summary.record(modules.get(++i), x);
    }
    if (activations != null) {
      boolean allSmall = true;
      for (Variable activation : activations) {
        allSmall &= activation.value().size() < Recycling.MIN_ELEMENTS;
        if (activation.value() != x.value()) {
          Gradients.releaseValueWithGraph(activation, scope);
        }
      }
      smallActivationsFor = allSmall ? input.shape() : null;
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

  /**
   * The layer of one's own that {@code child} gives a position to, or null: a child that is no
   * such layer, or a built-in activation, which holds nothing. What such a layer holds (a layer a
   * lambda captured, a field of a {@link Layer} class) is no module's field, and the checks of
   * fields read it apart ({@link UserFields}).
   */
  static Layer layerOfOwn(Module child) {
    return child instanceof FunctionLayer f && !(f.layer instanceof Activation.BuiltIn)
        ? f.layer : null;
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
    protected boolean evaluatesRowsAlone() {
      // A built-in activation acts element by element, or a softmax along an axis other than
      // the batch's; any other layer is code of yours, which may mix rows.
      if (!(layer instanceof Activation.BuiltIn builtIn)) {
        return false;
      }
      boolean alongAnAxis = builtIn.kind() == Activation.Kind.SOFTMAX
          || builtIn.kind() == Activation.Kind.LOG_SOFTMAX;
      return !alongAnAxis || builtIn.parameter() >= 1 || builtIn.parameter() == -1;
    }

    @Override
    protected String describe() {
      if (layer instanceof Activation.BuiltIn || layer instanceof Activation.Named) {
        return layer.toString();
      }
      return layer instanceof Activation a ? "Activation(" + a.name() + ")" : "Layer";
    }
  }

  /** True: it only passes each child's output to the next; the children answer for themselves. */
  @Override
  protected boolean evaluatesRowsAlone() {
    return true;
  }
}
