package dev.chainrule.autograd.check;

import dev.chainrule.autograd.Variable;
import java.util.List;

/** A function of some variables whose gradients are to be checked. */
@FunctionalInterface
public interface DifferentiableFunction {
  Variable apply(List<Variable> inputs);
}
