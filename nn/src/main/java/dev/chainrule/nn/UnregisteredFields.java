package dev.chainrule.nn;

import dev.chainrule.autograd.Variable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The modules and parameters that a tree's modules hold in their fields without the tree
 * registering them. PyTorch registers a module or parameter assigned to an attribute by itself;
 * Java has no such hook, so a field assigned without {@code registerModule} or {@code
 * registerParameter} is invisible to {@link Module#parameters()}, {@link Module#stateDict()},
 * {@link Module#to} and {@link Module#train}: its weights would never train or be saved, and a
 * {@code Dropout} would go on dropping at evaluation, all without an error.
 *
 * <p>What is not a finding: a field marked {@code transient} (left out on purpose, as Java's
 * serialization leaves it out); a module without state (no parameters, no buffers, no {@code
 * Dropout} under it: a {@code Flatten} or a pooling layer works the same registered or not); a
 * module some other module registered (a part of another model, a teacher's layer); and anything
 * in a tree that is itself a part of a larger one (an optimizer for a model's head alone), whose
 * fields may hold its siblings or its parent: its root's check covers it. A model with state that
 * no module registers is a finding, even when it is a whole other model (a teacher {@code
 * Sequential}): nothing tells it from a layer forgotten. A variable that an anonymous or local
 * module class captures is read as a field (it is one, written by the compiler) and named as the
 * source spells it; it cannot be marked transient, so an anonymous student that captures an
 * unregistered teacher is refused with no opt-out in place: it registers the teacher, or is
 * written as a named class with a transient field. The fields read are {@link UserFields}', and
 * in each what {@link HeldValues} finds: the elements of arrays and of the JDK's own (and
 * Guava's immutable) collections and maps (their values) at any depth, what an {@code Optional} or
 * a record holds and what a lambda, a method reference or an anonymous or local class captured,
 * named by its place ({@code Net.parts.norm}, {@code Net.blocks[1][0]},
 * {@code Net.maybe (in an Optional)}, {@code Net.fn (captured by a lambda)}). Not read: a
 * registered module's own fields through another's (each module's are read as its own), the fields
 * of a plain object of a user's class or of the JDK, a collection or map of another class (a lazy
 * view, which would run its author's code per element), and an {@code Iterable} that is not a
 * collection (a data loader), as {@link HeldValues} says.
 */
final class UnregisteredFields {
  private UnregisteredFields() {}

  /**
   * One field that holds what the tree does not register.
   *
   * @param field the field, as {@code Class.field}, under the module's path in the tree
   * @param holds what it holds ("a Dense", "a parameter [3]")
   * @param isModule whether it holds a module (else a parameter)
   * @param captured whether the field keeps a variable an anonymous or local class captured
   * @param layer whether a layer of one's own in a Sequential holds it, which is no module and
   *     cannot register it
   */
  private record Finding(String field, String holds, boolean isModule, boolean captured,
      boolean layer) {}

  /** {@link Module#checkRegistered()}: throws naming every finding in {@code root}'s tree. */
  static void check(Module root) {
    List<Finding> findings = of(root);
    if (findings.isEmpty()) {
      return;
    }
    StringBuilder message = new StringBuilder("checkRegistered: ");
    for (Finding f : findings) {
      message.append(f.field()).append(" holds ").append(f.holds())
          .append(" that the model does not register; ");
    }
    boolean anyCaptured = findings.stream().anyMatch(Finding::captured);
    boolean anyLayer = findings.stream().anyMatch(Finding::layer);
    message.append("a module or parameter held only in a field")
        .append(anyCaptured ? " or a captured variable" : "")
        .append(anyLayer ? " of a Layer that is not a Module" : "")
        .append(" is not trained, saved or converted")
        .append(findings.stream().anyMatch(Finding::isModule)
            ? " and train()/eval() does not reach it" : "")
        .append(": ");
    List<String> advice = new ArrayList<>();
    if (findings.stream().anyMatch(f -> !f.captured() && !f.layer())) {
      advice.add("register it in the constructor (this.layer = registerModule(\"layer\", ...),"
          + " registerParameter for a parameter), or mark the field transient to leave it"
          + " out on purpose");
    }
    if (findings.stream().anyMatch(f -> f.captured() && !f.layer())) {
      // A captured variable has no field to mark transient, and an anonymous class no
      // constructor: an instance initializer is where it registers.
      advice.add("register a captured variable in an instance initializer ({ registerModule("
          + "\"layer\", layer); }, registerParameter for a parameter), or write the module"
          + " as a named class with a transient field to leave it out on purpose");
    }
    if (anyLayer) {
      // A Sequential gives a Layer of one's own a position, not a registry: it has none.
      advice.add("a Layer in a Sequential registers nothing, so write one that uses a layer"
          + " or a parameter as a Module of yours that registers it (registerModule,"
          + " registerParameter) and put that module in the Sequential");
    }
    message.append(String.join("; ", advice));
    throw new IllegalStateException(message.toString());
  }

  /** Every finding in {@code root}'s tree, modules in {@link Module#namedModules()} order. */
  private static List<Finding> of(Module root) {
    if (root.registry().isChild()) {
      return List.of();
    }
    Set<Object> registered = Collections.newSetFromMap(new IdentityHashMap<>());
    Map<String, Module> modules = root.namedModules();
    registered.addAll(modules.values());
    registered.addAll(root.namedParameters(false).values());
    List<Finding> findings = new ArrayList<>();
    UserFields.forEach(modules,
        field -> inspect(field.value(), field, registered, findings));
    return findings;
  }

  /** Whether registering {@code module} would change anything: it has state, or drops. */
  private static boolean holdsState(Module module) {
    return !module.namedParameters().isEmpty() || !module.namedBuffers().isEmpty()
        || module.namedModules().values().stream().anyMatch(m -> m instanceof Dropout);
  }

  /**
   * Checks {@code value}, held by {@code field}, and every module and variable it holds ({@link
   * HeldValues}: inside collections, maps, arrays, {@code Optional}s, records and lambdas).
   */
  private static void inspect(Object value, UserFields.Value field, Set<Object> registered,
      List<Finding> findings) {
    HeldValues.walk(value, (held, element, notes) -> {
      String name = field.name(element) + (notes.isEmpty() ? "" : " (" + notes + ")");
      if (held instanceof Module module) {
        if (!registered.contains(module) && !module.registry().isChild() && holdsState(module)) {
          String type = Module.typeName(module);
          findings.add(new Finding(name, ("AEIOU".indexOf(type.charAt(0)) >= 0 ? "an " : "a ")
              + type, true, field.captured(), field.layer()));
        }
      } else if (held instanceof Variable variable && variable.isParameter()
          && !registered.contains(variable)) {
        findings.add(new Finding(name, "a parameter " + variable.shape(), false,
            field.captured(), field.layer()));
      }
    });
  }
}
