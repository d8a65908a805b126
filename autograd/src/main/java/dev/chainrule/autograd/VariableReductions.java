package dev.chainrule.autograd;

import static dev.chainrule.autograd.ReductionOps.LOG_SUM_EXP;
import static dev.chainrule.autograd.ReductionOps.MAX;
import static dev.chainrule.autograd.ReductionOps.MEAN;
import static dev.chainrule.autograd.ReductionOps.MIN;
import static dev.chainrule.autograd.ReductionOps.NORM;
import static dev.chainrule.autograd.ReductionOps.SUM;
import static dev.chainrule.autograd.ReductionOps.checkedAxes;

import dev.chainrule.autograd.ReductionOps.Axes;

/**
 * Reductions of a graph variable over all its elements, one axis or a set of axes, part of {@link
 * Variable}'s API in a file of its own. Negative axes count from the end. A rank-0 variable takes
 * axis 0 or −1, as PyTorch does: its one element is a group of its own (keepDims leaves it rank 0,
 * and the gradient of its sum, mean, max, min and log-sum-exp is g, of its variance 0). An empty
 * array of axes reduces none, NumPy's {@code axis=()}: the sum, mean, max, min and log-sum-exp of
 * no axis are the input itself, the variance zeros and the norm |x| (PyTorch 1.13's {@code
 * dim=[]} reduces every axis instead); the methods without axes reduce all. {@link Variable} is
 * the only implementation.
 */
public sealed interface VariableReductions permits Variable {
  // ---- reductions: all elements, one axis or a set of axes (negative ones from the end) ----

  /**
   * y = Σ x over the axes (all when none are given); ∂x = g spread back over them.
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable sum() { return SUM.apply(Axes.ALL, self()); }

  /**
   * Sum along one axis; see {@link Variable#sum()}.
   *
   * @param axis the axis; a negative one counts from the end; 0 or −1 for a rank-0 variable
   * @param keepDims whether the reduced axis stays, with size 1
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable sum(int axis, boolean keepDims) { return sum(new int[] {axis}, keepDims); }

  /**
   * The sum along axes.
   *
   * @param axes the axes; negative ones count from the end; 0 or −1 for a rank-0 variable
   * @param keepDims whether reduced axes stay, with size 1
   * @return a new variable that records this operation
   */
  default Variable sum(int[] axes, boolean keepDims) {
    return SUM.apply(new Axes(checkedAxes("sum", axes), keepDims), self());
  }

  /**
   * y = Σ x / n over the axes, as Tensor.mean (a float32 sum past float32's range divided in
   * float64); ∂x = g / n spread back over them. The value is {@link
   * dev.chainrule.core.Tensor#mean()}'s, bit for bit: five float32 values of 1e38 have the mean
   * 1e38, where their float32 sum is ∞ (PyTorch 1.13's mean is ∞ there). A float64 sum past
   * float64's range gives ±∞ (the mean of 1.5e308 and 1.6e308), as PyTorch's.
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable mean() { return MEAN.apply(Axes.ALL, self()); }

  /**
   * Mean along one axis; see {@link Variable#mean()}.
   *
   * @param axis the axis; a negative one counts from the end; 0 or −1 for a rank-0 variable
   * @param keepDims whether the reduced axis stays, with size 1
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable mean(int axis, boolean keepDims) { return mean(new int[] {axis}, keepDims); }

  /**
   * The mean along axes.
   *
   * @param axes the axes; negative ones count from the end; 0 or −1 for a rank-0 variable
   * @param keepDims whether reduced axes stay, with size 1
   * @return a new variable that records this operation
   */
  default Variable mean(int[] axes, boolean keepDims) {
    int[] checked = checkedAxes("mean", axes);
    ReductionOps.count("mean", self().shape(), checked);
    return MEAN.apply(new Axes(checked, keepDims), self());
  }

  /**
   * y = max x over the axes, NaN if any is; ∂x = g at the maximum, shared equally among ties,
   * and among the NaNs where it is NaN (as PyTorch's max()). Along axes each group follows the
   * same rule, where PyTorch's amax gives a NaN group's elements NaN and its max(dim) gives g to
   * one NaN. Of 0.0 and −0.0 the maximum is 0.0 in any order, as {@link
   * dev.chainrule.core.Tensor#max()}'s, and the two tie: they share g.
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable max() { return MAX.apply(Axes.ALL, self()); }

  /**
   * Max along one axis; see {@link Variable#max()}.
   *
   * @param axis the axis; a negative one counts from the end; 0 or −1 for a rank-0 variable
   * @param keepDims whether the reduced axis stays, with size 1
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable max(int axis, boolean keepDims) { return max(new int[] {axis}, keepDims); }

  /**
   * The largest element along axes.
   *
   * @param axes the axes; negative ones count from the end; 0 or −1 for a rank-0 variable
   * @param keepDims whether reduced axes stay, with size 1
   * @return a new variable that records this operation
   */
  default Variable max(int[] axes, boolean keepDims) {
    return MAX.apply(new Axes(checkedAxes("max", axes), keepDims), self());
  }

  /**
   * y = min x over the axes, NaN if any is; ∂x = g at the minimum, shared
   * equally among ties, and among the NaNs where it is NaN (as PyTorch's min()); along axes as
   * {@link Variable#max()}. Of 0.0 and −0.0 the minimum is −0.0 in any order, as {@link
   * dev.chainrule.core.Tensor#min()}'s, and the two tie: they share g.
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable min() { return MIN.apply(Axes.ALL, self()); }

  /**
   * Min along one axis; see {@link Variable#min()}.
   *
   * @param axis the axis; a negative one counts from the end; 0 or −1 for a rank-0 variable
   * @param keepDims whether the reduced axis stays, with size 1
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable min(int axis, boolean keepDims) { return min(new int[] {axis}, keepDims); }

  /**
   * The smallest element along axes.
   *
   * @param axes the axes; negative ones count from the end; 0 or −1 for a rank-0 variable
   * @param keepDims whether reduced axes stay, with size 1
   * @return a new variable that records this operation
   */
  default Variable min(int[] axes, boolean keepDims) {
    return MIN.apply(new Axes(checkedAxes("min", axes), keepDims), self());
  }

  /**
   * y = log Σ eˣ over the axes, shifted by the maximum so it cannot overflow; ∂x = g·softmax(x)
   * over the axes, formed as e^(x − m) / Σ e^(x − m) with m the maximum.
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable logSumExp() { return LOG_SUM_EXP.apply(Axes.ALL, self()); }

  /**
   * Log-sum-exp along one axis; see {@link Variable#logSumExp()}.
   *
   * @param axis the axis; a negative one counts from the end; 0 or −1 for a rank-0 variable
   * @param keepDims whether the reduced axis stays, with size 1
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable logSumExp(int axis, boolean keepDims) {
    return logSumExp(new int[] {axis}, keepDims);
  }

  /**
   * log Σ eˣ along axes, computed stably.
   *
   * @param axes the axes; negative ones count from the end; 0 or −1 for a rank-0 variable
   * @param keepDims whether reduced axes stay, with size 1
   * @return a new variable that records this operation
   */
  default Variable logSumExp(int[] axes, boolean keepDims) {
    return LOG_SUM_EXP.apply(new Axes(checkedAxes("logSumExp", axes), keepDims), self());
  }

  /**
   * y = √(Σ x²) over the axes, the Euclidean norm (float32 summed in float64); ∂x = g·x / y, 0
   * where y = 0 (as PyTorch's norm), where √ of a sum of squares gives NaN: a gradient penalty
   * (‖∂D/∂x‖ − 1)² at a point where every ReLU of the critic is off. A float32 norm of values past
   * 1.8e19 is finite (its squares are summed in float64; PyTorch 1.13's is ∞); a float64 one
   * overflows past 1.3e154, as PyTorch's.
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable norm() { return NORM.apply(Axes.ALL, self()); }

  /**
   * The norm along one axis; see {@link Variable#norm()}.
   *
   * @param axis the axis; a negative one counts from the end; 0 or −1 for a rank-0 variable
   * @param keepDims whether the reduced axis stays, with size 1
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable norm(int axis, boolean keepDims) { return norm(new int[] {axis}, keepDims); }

  /**
   * The Euclidean norm along axes; see {@link Variable#norm()}.
   *
   * @param axes the axes; negative ones count from the end; 0 or −1 for a rank-0 variable
   * @param keepDims whether reduced axes stay, with size 1
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable norm(int[] axes, boolean keepDims) {
    int[] checked = checkedAxes("norm", axes);
    ReductionOps.keptShape("norm", self().shape(), checked);
    return NORM.apply(new Axes(checked, keepDims), self());
  }

  /**
   * The population variance of all elements (dividing by n, NumPy's default; PyTorch's default
   * is the unbiased one, {@link Variable#variance(int[], boolean, boolean)} with {@code unbiased}).
   * The value is {@link dev.chainrule.core.Tensor#variance()}'s: a float64 group whose sum passes
   * float64's range has the mean ±∞ and the variance ∞ (1e308 twice: ∞, not 0), and the gradient
   * 2g·(x − x̄)/n is ∓∞ there, as PyTorch 1.13's.
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable variance() { return ReductionOps.variance(self(), null, false, false); }

  /**
   * The population variance along an axis (dividing by n); see {@link Variable#variance()}.
   *
   * @param axis the axis; a negative one counts from the end; 0 or −1 for a rank-0 variable
   * @param keepDims whether the reduced axes stay, with size 1
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable variance(int axis, boolean keepDims) {
    return variance(new int[] {axis}, keepDims, false);
  }

  /**
   * The population variance over axes (dividing by n); see {@link Variable#variance()}.
   *
   * @param axes the axes; negative ones count from the end; 0 or −1 for a rank-0 variable
   * @param keepDims whether the reduced axes stay, with size 1
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable variance(int[] axes, boolean keepDims) {
    return variance(axes, keepDims, false);
  }

  /**
   * The variance along an axis; see {@link Variable#variance(int[], boolean, boolean)}.
   *
   * @param axis the axis; a negative one counts from the end; 0 or −1 for a rank-0 variable
   * @param keepDims whether the reduced axes stay, with size 1
   * @param unbiased whether to divide by n − 1 (Bessel's correction) rather than n
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable variance(int axis, boolean keepDims, boolean unbiased) {
    return variance(new int[] {axis}, keepDims, unbiased);
  }

  /**
   * y = Σ (x − x̄)² / d over the axes with d = n − 1 when unbiased, else n, as Tensor.variance
   * (the corrected two-pass formula, in float64 where float32 squares pass float32's range);
   * ∂x = 2g·(x − x̄) / d. The value is {@link dev.chainrule.core.Tensor#variance(int[], boolean,
   * boolean)}'s, bit for bit: (Σ(x − m)² − c) / d with m the rounded mean and c = (Σ(x − m))²/n,
   * which takes out m's rounding; float32 values of ±1.5e19, whose squares' float32 sum is ∞,
   * have their finite variance (as PyTorch 1.13's), and a constant group of 1e38 has 0 (where
   * PyTorch's depends on the layout: ∞ over a whole tensor of five or more, 0 over two or three
   * and along the last axis of a matrix). The gradient's x − x̄ is corrected for m's rounding
   * alike. The unbiased variance of one value per group is undefined and refused, unless there
   * are no groups (another axis empty: an empty result).
   *
   * @param axes the axes; negative ones count from the end; 0 or −1 for a rank-0 variable
   * @param keepDims whether the reduced axes stay, with size 1
   * @param unbiased whether to divide by n − 1 (Bessel's correction) rather than n
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable variance(int[] axes, boolean keepDims, boolean unbiased) {
    return ReductionOps.variance(self(), checkedAxes("variance", axes), keepDims, unbiased);
  }

  /** The variable itself, this interface's only implementation. */
  private Variable self() {
    return (Variable) this;
  }
}
