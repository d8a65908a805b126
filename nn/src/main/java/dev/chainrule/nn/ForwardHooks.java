package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.HookHandle;
import dev.chainrule.autograd.Variable;
import java.util.Arrays;
import java.util.Locale;

/**
 * The forward hooks of one module ({@link Module#registerForwardHook}) and their run after each
 * {@link Module#call}. The list is immutable, in registration order, and replaced whole when a
 * hook is added or removed, so a call runs the hooks it began with; a module without hooks
 * holds null, which is all {@code call} tests.
 *
 * <p>A module with hooks counts as keeping its forward values ({@link
 * Module#keepsNoForwardValues}): a hook may keep its input and output (capturing activations is
 * what hooks are for), so neither a trainer nor a {@code Sequential} hands their arrays back for
 * reuse. A {@code Sequential} also runs a Dense layer and the activation after it as two layers
 * when either has hooks, so that each hook sees its own layer's output.
 */
final class ForwardHooks {
  private static final StackWalker WALKER = StackWalker.getInstance();

  private final Registration[] registrations;

  private ForwardHooks(Registration[] registrations) {
    this.registrations = registrations;
  }

  /** Adds {@code hook} after {@code module}'s other hooks. */
  static HookHandle register(Module module, ForwardHook hook) {
    checkNotNull(hook, "%s: registerForwardHook: hook is null", module.description());
    Registration registration = new Registration(module, hook, caller());
    synchronized (module) {
      ForwardHooks now = module.forwardHooks();
      Registration[] list = now == null ? new Registration[0] : now.registrations;
      Registration[] more = Arrays.copyOf(list, list.length + 1);
      more[list.length] = registration;
      module.setForwardHooks(new ForwardHooks(more));
    }
    ForwardValueCache.treeChanged();
    return registration;
  }

  /** Whether every hook only looks ({@link ForwardHook#observer}), replacing no output. */
  boolean onlyObserve() {
    return Arrays.stream(registrations).allMatch(r -> r.hook instanceof ObservingHook);
  }

  /**
   * Runs the hooks in order after {@code module} turned {@code input} into {@code output}. A
   * hook's exception goes on as it is, with a suppressed note naming the hook; a hook that
   * changed the input in place, or a recorded output, is refused: the graph recorded the values
   * before the change, so the next layer would compute with one value and the backward pass
   * with another (a unit zeroed in place still passed its gradient on).
   */
  Variable run(Module module, Variable input, Variable output) {
    Variable out = output;
    for (int i = 0; i < registrations.length; i++) {
      int inputVersion = input.value().version();
      int outputVersion = out.value().version();
      Variable result;
      try {
        result = registrations[i].hook.apply(module, input, out);
      } catch (RuntimeException | Error e) {
        e.addSuppressed(new HookFailure("in " + describe(i)));
        throw e;
      }
      if (input.value().version() != inputVersion) {
        throw new IllegalStateException(describe(i) + " changed the module's input in place:"
            + " the caller's tensor is no longer what it passed in, and a recorded graph holds"
            + " the value from before the change; return a new output instead");
      }
      // Where nothing is recorded (predict, validation) an output changed in place misleads no
      // gradient, and is the output from then on.
      if (out.value().version() != outputVersion && out.requiresGrad()) {
        throw new IllegalStateException(describe(i) + " changed the module's output in place;"
            + " the graph holds the value from before the change, so gradients would not see"
            + " it: return a new output instead (out.mul(mask) to ablate units)");
      }
      if (result == null) {
        throw new IllegalStateException(describe(i) + " returned null; a hook returns the"
            + " output to continue with: the one it was given to leave it unchanged"
            + " (ForwardHook.observer wraps a hook that only looks)");
      }
      if (!result.shape().equals(out.shape()) || result.dtype() != out.dtype()) {
        throw new IllegalStateException(String.format(Locale.ROOT,
            "%s returned an output of shape %s and"
            + " type %s for an output of shape %s and type %s; a replacement must have the"
            + " output's shape and type", describe(i), result.shape(), result.dtype(),
            out.shape(), out.dtype()));
      }
      out = result;
    }
    return out;
  }

  private String describe(int index) {
    Registration hook = registrations[index];
    return hook.module.description() + ": forward hook " + (index + 1) + " of "
        + registrations.length + (hook.site == null ? "" : " (registered at " + hook.site + ")");
  }

  /**
   * The first frame outside this package and the JDK: the user's line that registered the hook
   * (not {@code ArrayList.forEach} for {@code hooks.forEach(layer::registerForwardHook)}).
   */
  private static StackTraceElement caller() {
    return WALKER.walk(frames -> frames
        .filter(f -> !f.getClassName().startsWith("dev.chainrule.nn.")
            && !f.getClassName().startsWith("java.") && !f.getClassName().startsWith("jdk."))
        .findFirst().map(StackWalker.StackFrame::toStackTraceElement).orElse(null));
  }

  /** The note added to a hook's exception: which hook, on which module, registered where. */
  private static final class HookFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HookFailure(String message) {
      super(message, null, false, false);
    }
  }

  /** One registered hook, with the module it belongs to and the line that added it. */
  private static final class Registration implements HookHandle {
    private final Module module;
    private final ForwardHook hook;
    private final StackTraceElement site;

    Registration(Module module, ForwardHook hook, StackTraceElement site) {
      this.module = module;
      this.hook = hook;
      this.site = site;
    }

    @Override
    public void remove() {
      synchronized (module) {
        ForwardHooks now = module.forwardHooks();
        if (now == null) {
          return;
        }
        Registration[] rest = Arrays.stream(now.registrations).filter(r -> r != this)
            .toArray(Registration[]::new);
        module.setForwardHooks(rest.length == 0 ? null : new ForwardHooks(rest));
      }
      ForwardValueCache.treeChanged();
    }
  }
}
