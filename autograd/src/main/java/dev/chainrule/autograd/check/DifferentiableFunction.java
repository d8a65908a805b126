package dev.chainrule.autograd.check;

import dev.chainrule.autograd.Variable;
import java.util.List;

/** A function of some variables whose gradients are to be checked. */
@FunctionalInterface
public interface DifferentiableFunction {
  /**
   * The function applied to its inputs.
   *
   * @param inputs the inputs, in order
   * @return the output
   */
  Variable apply(List<Variable> inputs);
}
