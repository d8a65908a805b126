package dev.chainrule.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Variable;
import dev.chainrule.nn.Module;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks of a list of parameters that an {@link Optimizer} or a {@link ParameterGroup} is
 * given, whether such a list holds one of a model's, and how messages name one of them.
 */
final class ParameterList {
  private ParameterList() {}

  /**
   * {@code parameters}, checked and copied: not null, not empty, no element null, none twice
   * (listed twice, a parameter would be updated twice per step with one gradient), and with
   * {@code trainableLeaves}, each a leaf that requires a gradient.
   *
   * @param owner the optimizer's kind or {@code "ParameterGroup"}, which messages start with
   * @throws NullPointerException when the list or an element is null
   * @throws IllegalArgumentException naming the parameter at fault
   */
  static List<Variable> checked(String owner, List<Variable> parameters,
      boolean trainableLeaves) {
    checkNotNull(parameters, "%s: the parameter list is null", owner);
    checkArgument(!parameters.isEmpty(), "%s: the parameter list is empty", owner);
    Map<Variable, Integer> seen = new IdentityHashMap<>();
    for (int i = 0; i < parameters.size(); i++) {
      Variable p = checkNotNull(parameters.get(i), "%s: parameter %s is null", owner, i);
      if (trainableLeaves) {
        // A frozen parameter is welcome, as in PyTorch: it has no gradient, and no step moves it.
        checkArgument(p.isParameter(), "%s: %s is not a parameter (a leaf made by"
            + " Variable.parameter)", owner, label(i, p));
      }
      Integer earlier = seen.put(p, i);
      checkArgument(earlier == null, "%s: %s is listed twice (first as parameter %s)", owner,
          label(i, p), earlier);
    }
    return List.copyOf(parameters);
  }

  /**
   * The parameters an optimizer of {@code kind} built from {@code module} updates, once every
   * module and parameter its fields hold is registered ({@link Module#checkRegistered()}): one
   * held only in a field would never be updated, silently.
   */
  static List<Variable> of(String kind, Module module) {
    checkNotNull(module, "%s: the module is null", kind);
    module.checkRegistered();
    return module.parameters();
  }

  /**
   * {@link Optimizer#updatesAnyOf}: whether some parameter of {@code model} is among {@code
   * parameters}, by identity, since equal values are not the same parameter.
   */
  static boolean anyOf(List<Variable> parameters, Module model) {
    Set<Variable> own = Collections.newSetFromMap(new IdentityHashMap<>());
    own.addAll(model.parameters());
    return parameters.stream().anyMatch(own::contains);
  }

  /** "parameter 3 (hidden.bias)", or "parameter 3" for an unnamed one. */
  static String label(int index, Variable parameter) {
    return "parameter " + index + (parameter.name() != null ? " (" + parameter.name() + ")" : "");
  }
}
