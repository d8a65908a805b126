package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Variable;

/**
 * A function called after each forward pass of a module run through {@link Module#call},
 * registered with {@link Module#registerForwardHook}: PyTorch's {@code register_forward_hook}.
 * It sees the module, its input and its output, and what it returns is the module's output from
 * then on: the output itself to leave it unchanged ({@link #observer} does that for a hook that
 * only looks, the usual case: activation statistics, capturing a layer's output), or a
 * replacement of the same shape and element type (ablating units, adding noise). The replacement
 * is recorded like any value of the forward pass, so gradients flow through it. A hook must not
 * change the input, or an output a graph recorded, in place ({@code
 * out.value().scaleInPlace(0)}): the graph holds them from before the change, so the gradients
 * would not see it; that is refused.
 *
 * <p>Hooks also run in a {@link TracelessPass} (a trainer's look at the untrained model), which
 * must leave the run as it was: a hook that draws random numbers (noise) draws them from {@link
 * TracelessPass#draws}{@code (itsGenerator)}, as {@link Dropout} does, and a hook that counts
 * calls or collects skips the pass when {@link TracelessPass#running()}; otherwise a seeded run
 * differs with the trainer's divergence check on and off.
 *
 * <p>Threads: a module's hooks run on every thread that calls it, concurrently when threads
 * share the module (concurrent {@code predict} calls, say), so a hook that collects into a list
 * shared by threads must synchronize it.
 */
@FunctionalInterface
public interface ForwardHook {
  /**
   * The output to continue with.
   *
   * @param module the module that ran
   * @param input the input it was called with
   * @param output what it returned (or what the hooks registered before this one made of it)
   * @return {@code output}, or a replacement of its shape and type; never null
   */
  Variable apply(Module module, Variable input, Variable output);

  /**
   * A hook that only looks: it hands the call to {@code observer} and leaves the output as it is;
   * an observer that changes the output in place is refused (an {@link IllegalStateException}
   * naming the module), recorded or not.
   * Unlike a hook of one's own, which may replace outputs with ones that mix rows, it leaves a
   * model {@linkplain Module#evaluatesRowsIndependently evaluating rows independently}, so in
   * evaluation a large batch still goes through in parts, and the observer sees each part.
   *
   * @param observer what to do with each call
   * @return a hook returning the output it is given
   */
  static ForwardHook observer(Observer observer) {
    checkNotNull(observer, "ForwardHook.observer: observer is null");
    return new ObservingHook(observer);
  }

  /** What a hook that only looks does with a module's call. */
  @FunctionalInterface
  interface Observer {
    /**
     * Looks at one call of a module.
     *
     * @param module the module that ran
     * @param input the input it was called with
     * @param output its output
     */
    void observe(Module module, Variable input, Variable output);
  }
}
