/**
 * Networks as modules: {@link dev.chainrule.nn.Module} (named parameters, children, forward),
 * {@link dev.chainrule.nn.Dense}, {@link dev.chainrule.nn.Sequential}, weight initialisation
 * ({@link dev.chainrule.nn.Init}), the activation functions ({@link dev.chainrule.nn.Activations}
 * and the {@link dev.chainrule.nn.Activation} layer), and the maxout and radial basis layers. All
 * are built from autograd ops.
 */
package dev.chainrule.nn;
