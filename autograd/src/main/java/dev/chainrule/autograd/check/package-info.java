/**
 * Gradient checking: {@link dev.chainrule.autograd.check.GradCheck} compares the engine with
 * central differences (first and second order) and reports the worst disagreement;
 * {@link dev.chainrule.autograd.check.OpSpec} describes how to check one op, and
 * {@link dev.chainrule.autograd.check.OpCatalogue} holds a spec for every built-in op.
 */
package dev.chainrule.autograd.check;
