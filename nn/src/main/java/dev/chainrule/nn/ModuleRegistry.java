package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What one module registered under local names (parameters, buffers, counters, children) and the
 * dotted paths through the tree built from them: the checks on a name, refusing a cycle, naming
 * a child's parameters by their first path, and the walks behind {@link Module}'s listings, where
 * a module or parameter reached by several paths is listed once or under each path as PyTorch
 * does. It is the bookkeeping behind {@link Module}'s registration methods and listings, kept
 * apart so that the module class reads as its API; each module owns one, and reaches its
 * children's through them.
 */
final class ModuleRegistry {
  private final Module owner;
  private final Map<String, Variable> parameters = new LinkedHashMap<>();
  private final Map<String, Tensor> buffers = new LinkedHashMap<>();
  private final Set<String> counters = new LinkedHashSet<>();
  /** Buffers left out of the state dict (PyTorch's {@code persistent=False}). */
  private final Set<String> nonPersistent = new LinkedHashSet<>();
  private final Map<String, Module> children = new LinkedHashMap<>();
  private final Map<String, Module> childrenView = Collections.unmodifiableMap(children);
  /** How many times the owner was registered as a child (in one parent or several). */
  private int parents;
  /** Whether a parameter made elsewhere was registered here (weight tying). */
  private boolean sharesParameters;

  ModuleRegistry(Module owner) {
    this.owner = owner;
  }

  /** {@link Module#registerParameter(String, Tensor)}. */
  Variable addParameter(String name, Tensor value) {
    checkName(name);
    Variable parameter =
        Variable.parameter(checkNotNull(value, "parameter %s is null", name), name);
    parameters.put(name, parameter);
    return parameter;
  }

  /** {@link Module#registerParameter(String, Variable)}: a parameter made elsewhere. */
  Variable addParameter(String name, Variable parameter) {
    checkName(name);
    checkNotNull(parameter, "parameter %s is null", name);
    if (!parameter.isParameter()) {
      throw RegistryRefusals.notAParameter(name, parameter);
    }
    // Named as registerParameter(name, Tensor) names its own, where no name was given: reports
    // that name variables (a graph's picture, localize, anomaly detection) said "leaf".
    if (parameter.name() == null) {
      parameter.named(name);
    }
    parameters.put(name, parameter);
    sharesParameters = true;
    return parameter;
  }

  /** Whether some module registered this one as its child: it is part of a larger tree. */
  boolean isChild() {
    return parents > 0;
  }

  /** {@link Module#registerModule}: the child, its parameters named by their first path. */
  void addChild(String name, Module module) {
    checkName(name);
    checkNotNull(module, "module %s is null", name);
    // Before anything changes: a cycle (b inside a, then a inside b) overflowed the stack of
    // every walk of the tree, and stayed registered.
    ModuleRegistry child = module.registry();
    checkArgument(module != owner && !child.reaches(owner), "a module cannot contain itself: %s"
        + " '%s' contains this %s", Module.typeName(module), name, Module.typeName(owner));
    // A parameter this module already reaches (the child registered again, or shared with an
    // earlier child) keeps the first path to it, the name the listings give it. A child whose
    // tree no other module holds can share none: then the listing is not walked, which made
    // building a Sequential of n layers quadratic (5.6 s for 4,000).
    Set<Variable> known = identitySet();
    if (child.parents > 0 || !child.ownsItsTree()) {
      known.addAll(parameterPaths(true).values());
    }
    children.put(name, module);
    child.parents++;
    ForwardValueCache.treeChanged();
    child.parameterPaths(true).forEach((path, p) -> {
      if (!known.contains(p)) {
        p.named(name + "." + path);
      }
    });
  }

  /** Whether {@code target} is the owner or among its descendants. */
  private boolean reaches(Module target) {
    return owner == target
        || children.values().stream().anyMatch(c -> c.registry().reaches(target));
  }

  /**
   * Whether the owner and every module below it hold only parameters they made, and every module
   * below is held by one parent, its place in this tree: then none of its parameters is reachable
   * elsewhere.
   */
  private boolean ownsItsTree() {
    return !sharesParameters && children.values().stream()
        .map(Module::registry).allMatch(c -> c.parents == 1 && c.ownsItsTree());
  }

  /** {@link Module#registerBuffer}. */
  void addBuffer(String name, Tensor value) {
    addBuffer(name, value, true);
  }

  /** {@link Module#registerBuffer(String, Tensor, boolean)}. */
  void addBuffer(String name, Tensor value, boolean persistent) {
    checkName(name);
    buffers.put(name, checkNotNull(value, "buffer %s is null", name));
    if (!persistent) {
      nonPersistent.add(name);
    }
  }

  /** {@link Module#registerCounter}. */
  void addCounter(String name) {
    addBuffer(name, Tensor.scalar(0));
    counters.add(name);
  }

  /** {@link Module#buffer}: one of the owner's own buffers. */
  Tensor buffer(String name) {
    Tensor value = buffers.get(name);
    checkArgument(value != null, "%s has no buffer %s", Module.typeName(owner), name);
    return value;
  }

  /** {@link Module#setBuffer}: in place, a value of the buffer's shape. */
  void setBuffer(String name, Tensor value) {
    Tensor old = buffer(name);
    checkNotNull(value, "%s: the value for buffer %s is null", Module.typeName(owner), name);
    checkArgument(old.shape().equals(value.shape()), "%s: buffer %s is %s, not %s",
        Module.typeName(owner), name, old.shape(), value.shape());
    if (counters.contains(name)) {
      // Stored as a 64-bit integer: a fraction would be cut off in the checkpoint, silently. A
      // count starts at 0 and only grows: a negative one was taken, and batch normalization
      // without a momentum would have averaged by it.
      double count = value.item();
      checkArgument(Double.isFinite(count) && Math.rint(count) == count && count >= 0,
          "%s: counter %s holds a whole number >= 0, got %s", Module.typeName(owner), name,
          count);
    }
    old.assignInPlace(value);
  }

  private void checkName(String name) {
    checkArgument(name != null && !name.isEmpty() && !name.contains("."),
        "module names must be non-empty and dot-free, got %s", name);
    checkArgument(!parameters.containsKey(name) && !children.containsKey(name)
            && !buffers.containsKey(name),
        "%s is already registered in %s", name, Module.typeName(owner));
  }

  /** The children by local name, in registration order, unmodifiable. */
  Map<String, Module> children() {
    return childrenView;
  }

  /** {@link Module#namedModules()}. */
  Map<String, Module> modulePaths() {
    Map<String, Module> named = new LinkedHashMap<>();
    Set<Module> seen = identitySet();
    seen.add(owner);
    named.put("", owner);
    addModules("", named, seen);
    return Collections.unmodifiableMap(named);
  }

  private void addModules(String prefix, Map<String, Module> into, Set<Module> seen) {
    children.forEach((name, child) -> {
      if (seen.add(child)) {
        into.put(prefix + name, child);
        child.registry().addModules(prefix + name + ".", into, seen);
      }
    });
  }

  /** {@link Module#namedParameters(boolean)}. */
  Map<String, Variable> parameterPaths(boolean removeDuplicates) {
    Map<String, Variable> named = new LinkedHashMap<>();
    collect("", r -> r.parameters, named, removeDuplicates ? identitySet() : null);
    return Collections.unmodifiableMap(named);
  }

  /** {@link Module#namedBuffers()}: a buffer reached by several paths once, under the first. */
  Map<String, Tensor> bufferPaths() {
    Map<String, Tensor> named = new LinkedHashMap<>();
    collect("", r -> r.buffers, named, identitySet());
    return Collections.unmodifiableMap(named);
  }

  /**
   * Adds each module's {@code own} entries of this subtree under its dotted path, own first, then
   * each child's; with {@code seen}, an entry reached again (a module registered twice) only once.
   */
  private <T> void collect(String prefix, Function<ModuleRegistry, Map<String, T>> own,
      Map<String, T> into, Set<T> seen) {
    own.apply(this).forEach((name, value) -> {
      if (seen == null || seen.add(value)) {
        into.put(prefix + name, value);
      }
    });
    children.forEach((name, child) ->
        child.registry().collect(prefix + name + ".", own, into, seen));
  }

  /** A set by identity: distinct parameters may hold equal values (Variable, Tensor equality). */
  private static <T> Set<T> identitySet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }

  /** {@link Module#counterNames()}: every path, a counter of a module registered twice twice. */
  Set<String> counterPaths() {
    Set<String> names = new LinkedHashSet<>(counters);
    children.forEach((name, child) ->
        child.counterNames().forEach(path -> names.add(name + "." + path)));
    return Collections.unmodifiableSet(names);
  }

  /**
   * {@link Module#stateDict()}: module by module, parameters then persistent buffers, under every
   * path.
   */
  Map<String, Tensor> state() {
    Map<String, Tensor> state = new LinkedHashMap<>();
    parameters.forEach((name, p) -> state.put(name, p.value()));
    buffers.forEach((name, t) -> {
      if (!nonPersistent.contains(name)) {
        state.put(name, t);
      }
    });
    children.forEach((name, child) ->
        child.stateDict().forEach((path, t) -> state.put(name + "." + path, t)));
    return Collections.unmodifiableMap(state);
  }

  /**
   * {@link Module#loadBuffer}: the buffer at a dotted path below the owner. Walked here rather
   * than child by child, so that a refusal names the whole path and the module it stopped at.
   */
  void loadBuffer(String path, Tensor value) {
    checkNotNull(path, "loadBuffer: path is null");
    checkNotNull(value, "loadBuffer: value is null");
    ModuleRegistry at = this;
    String walked = "";
    String rest = path;
    for (int dot = rest.indexOf('.'); dot >= 0; dot = rest.indexOf('.')) {
      String name = rest.substring(0, dot);
      Module child = at.children.get(name);
      if (child == null) {
        throw RegistryRefusals.noChild(path, walked, at.owner, name, at.children);
      }
      walked = walked.isEmpty() ? name : walked + "." + name;
      at = child.registry();
      rest = rest.substring(dot + 1);
    }
    if (!at.buffers.containsKey(rest)) {
      throw RegistryRefusals.noBuffer(path, walked, at.owner, rest,
          at.parameters.containsKey(rest), at.children.containsKey(rest), at.buffers);
    }
    at.setBuffer(rest, value);
  }

  /**
   * Converts the owner's own parameters and buffers, counters apart, to {@code dtype} in place;
   * the children are each converted by their own {@link Module#to}, which may be overridden.
   */
  void convertOwn(DType dtype) {
    parameters.values().forEach(p -> p.toInPlace(dtype));
    buffers.replaceAll((name, t) -> counters.contains(name) ? t : t.to(dtype));
  }

  /**
   * {@link Module#dtype()}: the first parameter's type, else the first buffer's that is no
   * counter (a counter stays float64 through {@link Module#to}), else FLOAT64.
   */
  DType dtype() {
    List<Variable> all = owner.parameters();
    if (!all.isEmpty()) {
      return all.get(0).dtype();
    }
    Set<String> counts = counterPaths();
    return bufferPaths().entrySet().stream().filter(e -> !counts.contains(e.getKey()))
        .map(e -> e.getValue().dtype()).findFirst().orElse(DType.FLOAT64);
  }
}
