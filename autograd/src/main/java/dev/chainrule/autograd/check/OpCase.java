package dev.chainrule.autograd.check;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.Tensor;
import java.util.List;

/**
 * One concrete check: inputs and the function of them to differentiate (which fixes any
 * non-differentiable arguments such as axes or indices), with a description for reports and the
 * options its checks use (those of the {@link OpSpec} that drew it).
 *
 * @param description names the drawn parameters (shapes, axes) in reports of a failed check
 * @param inputs the points at which the gradients are checked, in the function's argument order
 * @param function the map from the inputs to the output whose gradients are compared, with any
 *     non-differentiable arguments already fixed
 * @param options the finite-difference step and tolerances this case is checked with
 */
public record OpCase(String description, List<Tensor> inputs, DifferentiableFunction function,
    GradCheck.Options options) {
  /**
   * Checks the parts.
   *
   * @param description what the case is, for reports
   * @param inputs the input values
   * @param function the function of the inputs
   * @param options the gradient-check options
   */
  public OpCase {
    // Here, where the case is made (a sampler's lambda): later, a null failed inside a check as a
    // bare NullPointerException, or only when the case ran.
    checkNotNull(description, "OpCase: description is null (use \"\" for none)");
    checkNotNull(inputs, "OpCase %s: inputs are null", description);
    for (int i = 0; i < inputs.size(); i++) {
      checkNotNull(inputs.get(i), "OpCase %s: input %s is null", description, i);
    }
    inputs = List.copyOf(inputs);
    checkNotNull(function, "OpCase %s: function is null", description);
    checkNotNull(options, "OpCase %s: options are null", description);
  }

  /**
   * A case checked with the default options.
   *
   * @param description what the case is, for reports
   * @param inputs the inputs, in order
   * @param function the function of the inputs
   */
  public OpCase(String description, List<Tensor> inputs, DifferentiableFunction function) {
    this(description, inputs, function, GradCheck.Options.defaults());
  }

  /**
   * This case, checked with other options.
   *
   * @param newOptions the gradient-check options
   * @return a copy with these options
   */
  public OpCase withOptions(GradCheck.Options newOptions) {
    return new OpCase(description, inputs, function, newOptions);
  }

  /**
   * First-order gradient check with this case's options.
   *
   * @return the gradient check report
   */
  public GradCheckReport check() {
    return GradCheck.check(function, inputs, options);
  }

  /**
   * Second-order gradient check with this case's options.
   *
   * @return the second-order gradient check report
   */
  public GradCheckReport checkSecondOrder() {
    return GradCheck.gradGradCheck(function, inputs, options);
  }

  /**
   * Whether any input is a rank-0 tensor.
   *
   * @return whether an input has rank 0
   */
  public boolean hasScalarInput() {
    return inputs.stream().anyMatch(t -> t.rank() == 0);
  }

  /**
   * Whether the inputs have different shapes (so some input is broadcast).
   *
   * @return whether the inputs broadcast
   */
  public boolean broadcasts() {
    return inputs.stream().map(Tensor::shape).distinct().count() > 1;
  }
}
