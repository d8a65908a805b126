package dev.chainrule.nn;

import dev.chainrule.autograd.Variable;
import java.util.ArrayList;
import java.util.Collection;
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
 * fields may hold its siblings or its parent: its root's check covers it. The fields read are
 * {@link UserFields}'; not read is anything deeper than one collection, map (its values) or array
 * inside a field, and what an {@code Optional}, a record or a lazily filled holder wraps.
 */
final class UnregisteredFields {
  private UnregisteredFields() {}

  /**
   * One field that holds what the tree does not register.
   *
   * @param field the field, as {@code Class.field}, under the module's path in the tree
   * @param holds what it holds ("a Dense", "a parameter [3]")
   * @param isModule whether it holds a module (else a parameter)
   */
  private record Finding(String field, String holds, boolean isModule) {}

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
    message.append("a module or parameter held only in a field is not trained, saved or converted")
        .append(findings.stream().anyMatch(Finding::isModule)
            ? " and train()/eval() does not reach it" : "")
        .append(": register it in the constructor (this.layer = registerModule(\"layer\", ...),")
        .append(" registerParameter for a parameter), or mark the field transient to leave it")
        .append(" out on purpose");
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
        field -> inspect(field.value(), field.name(), registered, findings, true));
    return findings;
  }

  /** Whether registering {@code module} would change anything: it has state, or drops. */
  private static boolean holdsState(Module module) {
    return !module.namedParameters().isEmpty() || !module.namedBuffers().isEmpty()
        || module.namedModules().values().stream().anyMatch(m -> m instanceof Dropout);
  }

  /** Checks {@code value}, and the elements of a collection, map or array it is (one level). */
  private static void inspect(Object value, String field, Set<Object> registered,
      List<Finding> findings, boolean openContainers) {
    if (value instanceof Module module) {
      if (!registered.contains(module) && !module.registry().isChild() && holdsState(module)) {
        String type = Module.typeName(module);
        findings.add(new Finding(field, ("AEIOU".indexOf(type.charAt(0)) >= 0 ? "an " : "a ")
            + type, true));
      }
    } else if (value instanceof Variable variable) {
      if (variable.isLeaf() && variable.requiresGrad() && !registered.contains(variable)) {
        findings.add(new Finding(field, "a parameter " + variable.shape(), false));
      }
    } else if (openContainers) {
      // Each element by its place (a list's index, a map's key), so that two findings in one
      // list read as two elements, not as one line said twice; a set's elements have none.
      if (value instanceof List<?> list) {
        for (int i = 0; i < list.size(); i++) {
          inspect(list.get(i), field + "[" + i + "]", registered, findings, false);
        }
      } else if (value instanceof Object[] array) {
        for (int i = 0; i < array.length; i++) {
          inspect(array[i], field + "[" + i + "]", registered, findings, false);
        }
      } else if (value instanceof Map<?, ?> map) {
        map.forEach((key, element) -> inspect(element, field + "[" + key + "]", registered,
            findings, false));
      } else if (value instanceof Collection<?> elements) {
        for (Object element : elements) {
          inspect(element, field + "[]", registered, findings, false);
        }
      }
    }
  }
}
