package dev.chainrule.nn;

import dev.chainrule.autograd.Variable;

/**
 * The hook {@link ForwardHook#observer} makes: it hands each call to its observer and returns the
 * output it is given, which the observer must not change in place. A type of its own so that a
 * module can tell a hook that only looks from one that may replace outputs
 * ({@link Module#evaluatesRowsIndependently}).
 */
record ObservingHook(ForwardHook.Observer observer) implements ForwardHook {
  @Override
  public Variable apply(Module module, Variable input, Variable output) {
    int version = output.value().version();
    observer.observe(module, input, output);
    // Refused even where nothing is recorded: evaluation runs the module on parts of a batch
    // for an observer, and a change made from several rows would give each part's answer.
    if (output.value().version() != version) {
      throw new IllegalStateException(module.description() + ": an observing forward hook"
          + " (ForwardHook.observer) changed the module's output in place; an observer only"
          + " looks: to change outputs, return a replacement from a hook of your own");
    }
    return output;
  }
}
