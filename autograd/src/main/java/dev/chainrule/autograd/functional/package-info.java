/**
 * Derivatives of functions as values, like {@code torch.autograd.functional} and JAX:
 * {@link dev.chainrule.autograd.functional.Functional} gives vector-Jacobian and Jacobian-vector
 * products, Jacobians, Hessians and Hessian-vector products of a function from variables to a
 * variable, at given input values.
 */
package dev.chainrule.autograd.functional;
