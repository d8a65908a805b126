/**
 * Loss functions: {@link dev.chainrule.nn.loss.Losses} as functions of variables,
 * {@link dev.chainrule.nn.loss.Loss} as a value with its {@link dev.chainrule.nn.loss.Reduction}.
 */
package dev.chainrule.nn.loss;
