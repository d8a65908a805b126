package dev.chainrule.nn;

import dev.chainrule.autograd.Variable;

/**
 * The hook {@link ForwardHook#observer} makes: it hands each call to its observer and returns the
 * output it is given. A type of its own so that a module can tell a hook that only looks from one
 * that may replace outputs ({@link Module#evaluatesRowsIndependently}).
 */
record ObservingHook(ForwardHook.Observer observer) implements ForwardHook {
  @Override
  public Variable apply(Module module, Variable input, Variable output) {
    observer.observe(module, input, output);
    return output;
  }
}
