package dev.chainrule.autograd.check;

import dev.chainrule.core.Tensor;
import java.util.List;

/**
 * One concrete check: inputs and the function of them to differentiate (which fixes any
 * non-differentiable arguments such as axes or indices), with a description for reports.
 */
public record OpCase(String description, List<Tensor> inputs, DifferentiableFunction function) {
  public OpCase {
    inputs = List.copyOf(inputs);
  }

  /** First-order gradient check with default options. */
  public GradCheckReport check() {
    return GradCheck.check(function, inputs);
  }

  /** Second-order gradient check with default options. */
  public GradCheckReport checkSecondOrder() {
    return GradCheck.gradGradCheck(function, inputs);
  }

  /** Whether any input is a rank-0 tensor. */
  public boolean hasScalarInput() {
    return inputs.stream().anyMatch(t -> t.rank() == 0);
  }

  /** Whether the inputs have different shapes (so some input is broadcast). */
  public boolean broadcasts() {
    return inputs.stream().map(Tensor::shape).distinct().count() > 1;
  }
}
