package dev.chainrule.autograd.functional;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@link Functional}'s Jacobians, Hessians and Hessian-vector products of a function that reads
 * its parameters itself, such as a model's loss {@code () -> loss.compute(model.forward(x), y)},
 * by those parameters at their current values: what PyTorch's {@code
 * torch.autograd.functional.hessian} of a {@code functional_call} of the model, or JAX's {@code
 * jax.hessian(loss)(params)}, give. A model holds its parameters, so they cannot be passed in as
 * a function's inputs; the function and the parameters are given as {@link
 * dev.chainrule.autograd.check.GradCheck#checkParameters} takes them.
 *
 * <pre>{@code
 * Supplier<Variable> loss = () -> Loss.meanSquaredError().compute(mlp.forward(input), target);
 * List<List<Tensor>> blocks = ParameterDerivatives.hessian(loss, mlp.parameters());
 * Tensor firstLayer = blocks.get(0).get(0);  // ∂²L/∂W₁∂W₁, of shape (W₁'s shape, W₁'s shape)
 * }</pre>
 *
 * <p>The function is run once, recorded, and the derivatives are taken of that graph (gradients
 * returned as {@link dev.chainrule.autograd.Gradients#of} returns them): no parameter's value
 * or {@code grad()} changes. Their hooks run, as in any pass that computes their gradients. A
 * function that changes state as it runs (batch normalization's running statistics in training
 * mode) changes it once. Results have the parameters' element type.
 */
public final class ParameterDerivatives {
  private ParameterDerivatives() {}

  /**
   * The Jacobian of the function's output by each parameter, one backward pass per output
   * element: for parameter i, a tensor of shape (output's shape, parameter i's shape).
   *
   * @param f computes the output from the parameters it reads
   * @param parameters the variables to differentiate by, each requiring a gradient
   * @return one Jacobian per parameter; zeros for a parameter the output does not use
   * @throws IllegalArgumentException if no parameters are given or one requires no gradient
   * @throws NullPointerException if an argument or a parameter is null, or f returns null
   */
  public static List<Tensor> jacobian(Supplier<Variable> f, List<Variable> parameters) {
    Recorded r = Recorded.ofParameters("ParameterDerivatives.jacobian", f, parameters);
    return Functional.jacobian(r, values(parameters));
  }

  /**
   * The Hessian of a scalar function by the parameters, in blocks: block [i][j] has shape
   * (parameter i's shape, parameter j's shape) and element [k..., l...] is
   * ∂²f/∂pᵢ[k...]∂pⱼ[l...]. One double backward pass per parameter element: for a large model,
   * {@link #hvp} gives products with the Hessian at the cost of two passes.
   *
   * @param f computes a one-element output (a loss) from the parameters it reads
   * @param parameters the variables to differentiate by, each requiring a gradient
   * @return the blocks, by parameter; zeros for a parameter the output does not use
   * @throws IllegalArgumentException if no parameters are given, one requires no gradient, or
   *     the output has more than one element
   * @throws NullPointerException if an argument or a parameter is null, or f returns null
   */
  public static List<List<Tensor>> hessian(Supplier<Variable> f, List<Variable> parameters) {
    Recorded r = Recorded.ofParameters("ParameterDerivatives.hessian", f, parameters).scalar();
    return Functional.hessian(r, values(parameters));
  }

  /**
   * The Hessian-vector product of a scalar function by the parameters, without forming the
   * Hessian: the gradient of ⟨∇f, v⟩, two backward passes whatever the model's size. That is
   * vᵀ·H, which is H·v unless a gradient hook or a user's rule makes the Hessian asymmetric
   * ({@link Functional#hvp(dev.chainrule.autograd.check.DifferentiableFunction, List, List)}
   * says when).
   *
   * @param f computes a one-element output (a loss) from the parameters it reads
   * @param parameters the variables to differentiate by, each requiring a gradient
   * @param vectors v, one per parameter, of its shape
   * @return f's value and Σⱼ ∂²f/∂pᵢ∂pⱼ·vⱼ per parameter i, of its shape
   * @throws IllegalArgumentException if no parameters are given, one requires no gradient, the
   *     output has more than one element, or the vectors do not match the parameters
   * @throws NullPointerException if an argument, a parameter or a vector is null, or f returns
   *     null
   */
  public static Functional.Hvp hvp(Supplier<Variable> f, List<Variable> parameters,
      List<Tensor> vectors) {
    Recorded r = Recorded.ofParameters("ParameterDerivatives.hvp", f, parameters).scalar();
    return Functional.hvp(r, values(parameters), vectors);
  }

  private static List<Tensor> values(List<Variable> parameters) {
    return parameters.stream().map(Variable::value).toList();
  }
}
