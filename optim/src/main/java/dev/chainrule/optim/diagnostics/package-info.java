/**
 * How gradients flow through a network while it trains, for people who study training: a
 * {@link dev.chainrule.optim.diagnostics.GradientFlow} listener records, per layer and epoch, the
 * mean absolute gradient and the gradient-to-weight ratio, and the distribution of each hidden
 * layer's activations at the start and the end of training (saturated sigmoid and tanh units,
 * dead ReLUs). These are the numbers behind the classic vanishing-gradient pictures.
 */
package dev.chainrule.optim.diagnostics;
