/**
 * Derivatives of functions as values, like {@code torch.autograd.functional} and JAX:
 * {@link dev.chainrule.autograd.functional.Functional} gives vector-Jacobian and Jacobian-vector
 * products, Jacobians, Hessians and Hessian-vector products of a function from variables to a
 * variable, at given input values; {@link dev.chainrule.autograd.functional.ParameterDerivatives}
 * gives the Jacobians, Hessians and Hessian-vector products of a function that reads its
 * parameters itself (a model's loss) by those parameters.
 */
package dev.chainrule.autograd.functional;
