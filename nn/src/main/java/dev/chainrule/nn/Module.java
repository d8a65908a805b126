package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A piece of a network: ordered, named parameters, ordered child modules, a forward computation,
 * and a training/evaluation flag. Custom architectures are subclasses that register their
 * parameters and children in the constructor and compose them in {@link #forward}.
 *
 * <p>Parameter names are dotted paths through the children, in registration order: a
 * {@code Dense} registered as {@code "hidden"} contributes {@code hidden.weight} and
 * {@code hidden.bias}. These are the names checkpoints use.
 */
public abstract class Module implements Layer {
  private final Map<String, Variable> parameters = new LinkedHashMap<>();
  private final Map<String, Module> children = new LinkedHashMap<>();
  private boolean training = true;

  /**
   * The module's output for a batch of inputs (rows are samples).
   *
   * @param input [batch, features]
   * @return the output, a graph node when recording
   */
  @Override
  public abstract Variable forward(Variable input);

  /**
   * Registers a trainable parameter under a local name and returns it.
   *
   * @param name the local name, non-empty and without dots
   * @param value the initial value
   * @return the parameter
   */
  protected final Variable registerParameter(String name, Tensor value) {
    checkName(name);
    Variable parameter = Variable.parameter(checkNotNull(value, "parameter %s is null", name), name);
    parameters.put(name, parameter);
    return parameter;
  }

  /**
   * Registers a child module under a local name and returns it.
   *
   * @param <M> the child's type
   * @param name the local name, non-empty and without dots
   * @param module the child
   * @return {@code module}
   */
  protected final <M extends Module> M registerModule(String name, M module) {
    checkName(name);
    checkNotNull(module, "module %s is null", name);
    checkArgument(module != this, "a module cannot contain itself");
    children.put(name, module);
    module.namedParameters().forEach((path, p) -> p.named(name + "." + path));
    return module;
  }

  private void checkName(String name) {
    checkArgument(name != null && !name.isEmpty() && !name.contains("."),
        "module names must be non-empty and dot-free, got %s", name);
    checkArgument(!parameters.containsKey(name) && !children.containsKey(name),
        "%s is already registered in %s", name, getClass().getSimpleName());
  }

  /**
   * Every parameter, own first, then each child's, in registration order.
   *
   * @return the parameters
   */
  public final List<Variable> parameters() {
    return List.copyOf(namedParameters().values());
  }

  /**
   * Every parameter by dotted path, in the same order as {@link #parameters()}.
   *
   * @return the parameters by name, unmodifiable
   */
  public final Map<String, Variable> namedParameters() {
    Map<String, Variable> named = new LinkedHashMap<>(parameters);
    children.forEach((name, child) ->
        child.namedParameters().forEach((path, p) -> named.put(name + "." + path, p)));
    return Collections.unmodifiableMap(named);
  }

  /**
   * The child modules by local name, in registration order.
   *
   * @return the children, unmodifiable
   */
  public final Map<String, Module> children() {
    return Collections.unmodifiableMap(children);
  }

  /**
   * Total number of trainable scalars.
   *
   * @return the count
   */
  public final int parameterCount() {
    return parameters().stream().mapToInt(p -> p.value().size()).sum();
  }

  /**
   * Puts this module and its children in training mode (the default).
   *
   * @return this module
   */
  public Module train() {
    return setTraining(true);
  }

  /**
   * Puts this module and its children in evaluation mode.
   *
   * @return this module
   */
  public Module eval() {
    return setTraining(false);
  }

  private Module setTraining(boolean value) {
    training = value;
    children.values().forEach(child -> child.setTraining(value));
    return this;
  }

  /**
   * Whether the module is in training mode.
   *
   * @return true after {@link #train()}, false after {@link #eval()}
   */
  public boolean isTraining() {
    return training;
  }

  /**
   * Converts every parameter to {@code dtype} in place (float64 → float32 rounds each value) and
   * returns this module: PyTorch's {@code module.to(dtype)}. Layers compute in their parameters'
   * type, so a float32 module trains in float32. Make the optimizer afterwards; its state takes
   * the parameters' type when created.
   *
   * @param dtype the new element type
   * @return this module
   */
  public Module to(DType dtype) {
    checkNotNull(dtype, "Module.to: dtype is null");
    parameters().forEach(p -> p.toInPlace(dtype));
    return this;
  }

  /**
   * The parameters' element type: FLOAT64 for a module without parameters. A module whose
   * parameters have different types (after converting some by hand) reports the first's.
   *
   * @return the element type
   */
  public DType dtype() {
    List<Variable> all = parameters();
    return all.isEmpty() ? DType.FLOAT64 : all.get(0).dtype();
  }

  /** Forgets every parameter's accumulated gradient. */
  public void zeroGrad() {
    parameters().forEach(Variable::zeroGrad);
  }

  /**
   * A one-line description of this module alone, e.g. {@code Dense(4 -> 3)}.
   *
   * @return the description
   */
  protected String describe() {
    return getClass().getSimpleName();
  }

  /** The architecture as a tree with parameter counts, ending with the total. */
  @Override
  public String toString() {
    List<String> lines = new ArrayList<>();
    appendTree(lines, "", describe());
    lines.add(String.format("total: %,d parameters", parameterCount()));
    return String.join("\n", lines);
  }

  private void appendTree(List<String> lines, String indent, String label) {
    int own = parameters.values().stream().mapToInt(p -> p.value().size()).sum();
    String count = own > 0 ? String.format("  [%,d parameters]", own) : "";
    if (children.isEmpty()) {
      lines.add(indent + label + count);
      return;
    }
    lines.add(indent + label + count + " (");
    children.forEach((name, child) ->
        child.appendTree(lines, indent + "  ", "(" + name + "): " + child.describe()));
    lines.add(indent + ")");
  }
}
