/**
 * Networks as modules: {@link dev.chainrule.nn.Layer} (anything from a batch to a batch),
 * {@link dev.chainrule.nn.Module} (named parameters, children, forward),
 * {@link dev.chainrule.nn.Dense} (PyTorch's Linear, weight [out, in]),
 * {@link dev.chainrule.nn.Sequential}, weight initialisation ({@link dev.chainrule.nn.Init}), the
 * {@link dev.chainrule.nn.Activation} interface with the built-in activations, the maxout and
 * radial basis layers, and PyTorch's layers for convolutional and normalized networks
 * ({@link dev.chainrule.nn.Conv2d}, pooling, {@link dev.chainrule.nn.Flatten} and
 * {@link dev.chainrule.nn.Unflatten},
 * {@link dev.chainrule.nn.BatchNorm2d} and its kin, {@link dev.chainrule.nn.LayerNorm},
 * {@link dev.chainrule.nn.Dropout}, {@link dev.chainrule.nn.Embedding},
 * {@link dev.chainrule.nn.Residual}) with their training and evaluation modes (an evaluation,
 * {@link dev.chainrule.nn.EvaluationMode}, is the calling thread's; a
 * {@link dev.chainrule.nn.TracelessPass} runs a model and leaves it as it was) and a model
 * {@link dev.chainrule.nn.Summary}; {@link dev.chainrule.nn.ForwardHook}s see (and may replace) a
 * module's output after each call. All are built from autograd ops; users' own modules,
 * activations and losses go everywhere the built-ins do.
 */
package dev.chainrule.nn;
