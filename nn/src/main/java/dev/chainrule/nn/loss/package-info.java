/**
 * Loss functions: {@link dev.chainrule.nn.loss.Losses} as functions of variables, and
 * {@link dev.chainrule.nn.loss.Loss}, the interface the training loop takes, with the built-ins
 * as {@link dev.chainrule.nn.loss.Loss.BuiltIn} values and their
 * {@link dev.chainrule.autograd.Reduction}; the cross-entropies with class weights and label
 * smoothing ({@link dev.chainrule.nn.loss.CrossEntropyOptions}, PyTorch's {@code
 * CrossEntropyLoss(weight=, label_smoothing=)}) are {@link dev.chainrule.nn.loss.CrossEntropies}
 * and {@link dev.chainrule.nn.loss.CrossEntropyLoss}.
 */
package dev.chainrule.nn.loss;
