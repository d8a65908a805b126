/**
 * Hand-derived references that use no autograd: backpropagation by the delta rule
 * ({@link dev.chainrule.nn.reference.DeltaRule}), against which the engine's gradients are checked,
 * and the perceptron learning rule ({@link dev.chainrule.nn.reference.Perceptron}).
 */
package dev.chainrule.nn.reference;
