/**
 * Loss functions: {@link dev.chainrule.nn.loss.Losses} as functions of variables, and
 * {@link dev.chainrule.nn.loss.Loss}, the interface the training loop takes, with the built-ins
 * as {@link dev.chainrule.nn.loss.Loss.BuiltIn} values and their
 * {@link dev.chainrule.autograd.Reduction}.
 */
package dev.chainrule.nn.loss;
