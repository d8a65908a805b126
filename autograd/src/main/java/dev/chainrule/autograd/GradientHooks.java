package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.Recycling;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The gradient hooks of one variable ({@link Variable#registerHook}) and how a backward pass runs
 * them. The list is immutable, in registration order, and replaced whole when a hook is added or
 * removed: the engine reads a variable's list once per pass, when it reaches the variable, so a
 * hook that removes itself (or adds another) changes the next run, not the one it is in. A
 * variable without hooks holds null, which is all the engine tests on its way through a node.
 *
 * <p>A hook is the user's code, as a user's backward rule is ({@link UsersRule}), and the engine
 * treats it the same way: the gradient it is given and the one it returns may be kept, so neither
 * is ever handed back for reuse, and a change to the given gradient in place is refused.
 */
final class GradientHooks {
  private final Registration[] registrations;

  private GradientHooks(Registration[] registrations) {
    this.registrations = registrations;
  }

  /** Adds {@code hook} after {@code variable}'s other hooks. */
  static HookHandle register(Variable variable, GradientHook hook) {
    checkNotNull(hook, "registerHook: hook is null");
    // A frozen parameter may carry hooks: they run once it is unfrozen, as its module's would.
    if (!variable.requiresGrad() && !variable.isParameter()) {
      throw new IllegalStateException("registerHook: cannot register a hook on "
          + describe(variable) + ", which does not require a gradient: no backward pass reaches"
          + " it (it is a constant, or was computed from constants only or under"
          + " Autograd.noGrad(), or is a gradient taken without Options.creatingGraph())");
    }
    Registration registration = new Registration(variable, hook, CreationSite.capture());
    synchronized (variable) {
      GradientHooks now = variable.gradientHooks();
      Registration[] list = now == null ? new Registration[0] : now.registrations;
      Registration[] more = Arrays.copyOf(list, list.length + 1);
      more[list.length] = registration;
      variable.setGradientHooks(new GradientHooks(more));
    }
    return registration;
  }

  /**
   * Runs the hooks in order on {@code gradient}, the gradient of {@code node} with every
   * contribution of this pass summed, each on the previous one's result; returns the last result.
   * A hook's exception goes on as it is, with a suppressed note naming the hook; while the pass
   * records a graph, a replacement cut off the gradient it replaces is refused; under
   * anomaly detection a non-finite result is refused, naming the hook.
   */
  Variable run(Variable node, Variable gradient, boolean createGraph, boolean anomaly,
      Recycling.Scope scope) {
    Variable g = gradient;
    for (int i = 0; i < registrations.length; i++) {
      Registration hook = registrations[i];
      scope.keep(g.value());
      int version = g.value().version();
      Variable result;
      try {
        result = hook.hook.apply(g);
      } catch (RuntimeException | Error e) {
        AnomalyCheck.RuleFailure.note(e, "in " + hook.describe(i, registrations.length));
        throw e;
      }
      if (g.value().version() != version) {
        throw new IllegalStateException(String.format(Locale.ROOT,
            "%s changed the gradient it was given in"
            + " place (version %d -> %d): it may be another variable's gradient too, or the"
            + " caller's cotangent; return a new value (g.mul(...)) instead",
            hook.describe(i, registrations.length), version, g.value().version()));
      }
      check(hook, i, g, result);
      if (createGraph && g.requiresGrad() && result != g) {
        requireConnected(node, hook, i, g, result);
      }
      if (anomaly) {
        AnomalyCheck.hook(hook.describe(i, registrations.length), node, g, result);
      }
      g = result;
    }
    scope.keep(g.value());
    return g;
  }

  private void check(Registration hook, int index, Variable given, Variable result) {
    if (result == null) {
      throw new IllegalStateException(hook.describe(index, registrations.length)
          + " returned null; a hook returns the gradient to continue with: the one it was given"
          + " to leave it unchanged (GradientHook.observer wraps a hook that only looks)");
    }
    if (!result.shape().equals(given.shape()) || result.dtype() != given.dtype()) {
      throw new IllegalStateException(String.format(Locale.ROOT,
          "%s returned a gradient of shape %s and"
          + " type %s for a gradient of shape %s and type %s; a replacement must have its"
          + " variable's shape and type", hook.describe(index, registrations.length),
          result.shape(), result.dtype(), given.shape(), given.dtype()));
    }
  }

  /**
   * A replacement is linear in the gradient it replaces only if computed from it with {@code
   * Variable} ops; one computed on tensors ({@code g.value()}) or from g held as a constant is
   * cut off the recorded gradient, and every derivative taken through it would silently miss
   * the term through g, as a user's backward rule's would ({@link UsersRule}). The walk stops at
   * the hooked variable, which existed before g. Zeros are refused too, as a user's rule's are:
   * whether a replacement computed on {@code g.value()} is zero may depend on the point, and the
   * check must not; a hook that stops the gradient returns {@code g.mul(0)}.
   */
  private void requireConnected(Variable node, Registration hook, int index, Variable given,
      Variable result) {
    if (GradientPaths.reaches(result, given, List.of(node), GradientPaths.WALK_LIMIT)) {
      return;
    }
    throw new DisconnectedGradientException(hook.describe(index, registrations.length)
        + " returned a gradient that is not connected to the gradient it was given, while the"
        + " pass records a graph (createGraph): it computed on tensors or constants (g.value(),"
        + " Variable.constant(...)), so derivatives taken through it would silently miss this"
        + " term; compute the replacement with Variable ops on g (g.mul(2), g.neg(); zeros as"
        + " g.mul(0))");
  }

  /** The variable as messages name it: its name, its op or kind, where it was created. */
  static String describe(Variable v) {
    StringBuilder s = new StringBuilder(v.name() != null ? "'" + v.name() + "' (" : "a variable (");
    s.append(v.isLeaf() ? (v.requiresGrad() ? "a leaf" : "a constant")
        : "computed by '" + v.opName() + "'");
    v.creationSite().ifPresent(site -> s.append(", created at ").append(site));
    return s.append(')').toString();
  }

  /** One registered hook: its variable, for removal and messages, and the line that added it. */
  private static final class Registration implements HookHandle {
    private final Variable variable;
    private final GradientHook hook;
    private final CreationSite site;

    Registration(Variable variable, GradientHook hook, CreationSite site) {
      this.variable = variable;
      this.hook = hook;
      this.site = site;
    }

    @Override
    public void remove() {
      synchronized (variable) {
        GradientHooks now = variable.gradientHooks();
        if (now == null) {
          return;
        }
        Registration[] rest = Arrays.stream(now.registrations).filter(r -> r != this)
            .toArray(Registration[]::new);
        variable.setGradientHooks(rest.length == 0 ? null : new GradientHooks(rest));
      }
    }

    String describe(int index, int count) {
      StackTraceElement line = site.frame();
      return "gradient hook " + (index + 1) + " of " + count
          + (line == null ? "" : " (registered at " + line + ")") + " on "
          + GradientHooks.describe(variable);
    }
  }
}
