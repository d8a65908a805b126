/**
 * Reverse-mode automatic differentiation over core tensors. {@link dev.chainrule.autograd.Variable}
 * is a graph node; every operation on variables is an {@link dev.chainrule.autograd.Op} (a forward
 * on tensors and a backward rule written with variable operations, so it can be differentiated
 * again). The built-in ones are the rows of the {@link dev.chainrule.autograd.OpTable}, declared
 * in family classes with their formula and catalogue spec; the engine walks the graph back from an
 * output; {@link dev.chainrule.autograd.Gradients}
 * is the functional form with higher-order gradients; {@link dev.chainrule.autograd.Autograd}
 * holds the per-thread switches: recording, anomaly detection (which throws
 * {@link dev.chainrule.autograd.AnomalyException} at the first NaN or infinity) and creation sites;
 * {@link dev.chainrule.autograd.FaultInjection} records chosen ops with a deliberately wrong rule,
 * to demonstrate and test gradient checks.
 * Values a backward rule reads are checked against in-place changes made after the forward pass.
 * {@link dev.chainrule.autograd.GradientHook}s registered on a variable see, and may replace, the
 * gradient that reaches it in each backward pass.
 */
package dev.chainrule.autograd;
