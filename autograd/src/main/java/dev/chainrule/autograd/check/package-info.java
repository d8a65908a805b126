/**
 * Gradient checking: {@link dev.chainrule.autograd.check.GradCheck} compares the engine with
 * central differences (first and second order) and reports the disagreement that decides its
 * verdict (the worst, or past a kink the worst that is wrong);
 * {@link dev.chainrule.autograd.check.OpSpec} describes how to check one op over random cases
 * ({@link dev.chainrule.autograd.check.Samplers}, {@link dev.chainrule.autograd.check.Inputs}) and
 * runs them ({@link dev.chainrule.autograd.check.OpSpec#check}). Every row of the op table
 * ({@link dev.chainrule.autograd.OpTable}) carries one; users write one for their own ops.
 * {@link dev.chainrule.autograd.check.GradCheck#localize} checks every node of a recorded graph
 * on its own and names the first whose rule is wrong
 * ({@link dev.chainrule.autograd.check.LocalizationReport}).
 */
package dev.chainrule.autograd.check;
