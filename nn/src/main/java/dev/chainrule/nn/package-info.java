/**
 * Networks as modules: {@link dev.chainrule.nn.Layer} (anything from a batch to a batch),
 * {@link dev.chainrule.nn.Module} (named parameters, children, forward),
 * {@link dev.chainrule.nn.Dense} (PyTorch's Linear, weight [out, in]),
 * {@link dev.chainrule.nn.Sequential}, weight initialisation ({@link dev.chainrule.nn.Init}), the
 * {@link dev.chainrule.nn.Activation} interface with the built-in activations, and the maxout and
 * radial basis layers. All are built from autograd ops; users' own modules, activations and
 * losses go everywhere the built-ins do.
 */
package dev.chainrule.nn;
