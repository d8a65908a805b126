package dev.chainrule.core;

/**
 * Reductions of a tensor over all its elements, one axis or a set of axes, part of {@link
 * Tensor}'s API in a file of its own. {@code keepDims} leaves each reduced axis in place with size
 * 1. A rank-0 tensor takes axis 0 or −1 as PyTorch does (its one element a group of its own, left
 * rank 0 by keepDims: the sum is the value, the variance and argmax 0). {@link Tensor} is the only
 * implementation.
 */
public sealed interface TensorReductions permits Tensor {
  /**
   * The sum of all elements, accumulated in float64 for either type; runs of 8,192 elements or
   * more first add rows of 1,024 lane by lane in their own type, so a float32 sum is within
   * 7·2⁻²⁴·Σ|x| of the exact one (cancelling terms of 1e8 can lose what they cancel).
   *
   * @return a new rank-0 tensor of this type; 0 for an empty tensor
   */
  default Tensor sum() { return Reductions.sum(self(), Reductions.allAxes(self().shape()), false); }

  /**
   * The sum along one axis (NumPy's {@code sum(axis=...)}), accumulated in float64.
   *
   * @param axis the axis; negative counts from the end; 0 or −1 for a rank-0 tensor
   * @param keepDims whether the reduced axis stays, with size 1, so that the result broadcasts
   *     against this tensor
   * @return a new tensor of this type: the sum for each position of the other axes, the axis
   *     removed or of size 1
   * @throws IllegalArgumentException naming sum, the axis and the shape when the axis is out of
   *     range
   */
  default Tensor sum(int axis, boolean keepDims) { return sum(new int[] {axis}, keepDims); }

  /**
   * The sum over a set of axes, accumulated in float64.
   *
   * @param axes the axes, each named once, in any order, negative ones counting from the end; none
   *     reduces nothing (NumPy's {@code axis=()}); 0 or −1 for a rank-0 tensor
   * @param keepDims whether the reduced axes stay, with size 1, so that the result broadcasts
   *     against this tensor
   * @return a new tensor of this type: the sum for each position of the other axes, the axes
   *     removed or of size 1
   * @throws IllegalArgumentException naming sum, the axis and the shape when an axis is out of
   *     range or repeated
   */
  default Tensor sum(int[] axes, boolean keepDims) {
    return Reductions.sum(self(), Reductions.axisMask("sum", self().shape(), axes), keepDims);
  }

  /**
   * The arithmetic mean of all elements.
   *
   * <p>A float64 mean is the float64 sum divided by n, so where the sum passes float64's range
   * the mean is ±∞ though it may be representable (1.5e308 and 1.6e308 have the mean ∞), as
   * PyTorch 1.13's; the variance and standardization, taken around it, inherit this (see
   * {@link Tensor#variance()}). A float32 sum past float32's range is divided in float64 and
   * meets no such limit.
   *
   * @return a new rank-0 tensor of this type; NaN for an empty tensor (0 / 0, as NumPy)
   */
  default Tensor mean() {
    return Reductions.mean(self(), Reductions.allAxes(self().shape()), false);
  }

  /**
   * The arithmetic mean along one axis.
   *
   * @param axis the axis; negative counts from the end; 0 or −1 for a rank-0 tensor
   * @param keepDims whether the reduced axis stays, with size 1, so that the result broadcasts
   *     against this tensor
   * @return a new tensor of this type: the mean for each position of the other axes, the axis
   *     removed or of size 1
   * @throws IllegalArgumentException naming mean, the axis and the shape when the axis is out of
   *     range
   */
  default Tensor mean(int axis, boolean keepDims) { return mean(new int[] {axis}, keepDims); }

  /**
   * The arithmetic mean over a set of axes: the sum divided by the number of elements summed.
   *
   * @param axes the axes, each named once, in any order, negative ones counting from the end; none
   *     reduces nothing (NumPy's {@code axis=()}); 0 or −1 for a rank-0 tensor
   * @param keepDims whether the reduced axes stay, with size 1, so that the result broadcasts
   *     against this tensor
   * @return a new tensor of this type: the mean for each position of the other axes, the axes
   *     removed or of size 1
   * @throws IllegalArgumentException naming mean, the axis and the shape when an axis is out of
   *     range or repeated
   */
  default Tensor mean(int[] axes, boolean keepDims) {
    return Reductions.mean(self(), Reductions.axisMask("mean", self().shape(), axes), keepDims);
  }

  /**
   * The largest element; a NaN wins, as in NumPy, so a NaN in the data is never hidden. Of 0.0
   * and −0.0, 0.0 is the larger, as for {@link Tensor#maximum}, in any order: the maximum of
   * [−0.0, 0.0] is 0.0, while {@link Tensor#argmax()}, which finds them equal, gives the index of
   * the first, 0. (PyTorch 1.13's zero depends on their order and on the function: its max() of
   * [−0.0, 0.0] is 0.0 and its amax −0.0, and of [0.0, −0.0] the other way round.)
   *
   * @return a new rank-0 tensor of this type
   * @throws IllegalArgumentException naming max and the shape when the tensor is empty
   */
  default Tensor max() { return Reductions.max(self(), Reductions.allAxes(self().shape()), false); }

  /**
   * The largest element along one axis; a NaN wins, and of the zeros 0.0 (see {@link
   * Tensor#max()}).
   *
   * @param axis the axis; negative counts from the end; 0 or −1 for a rank-0 tensor
   * @param keepDims whether the reduced axis stays, with size 1, so that the result broadcasts
   *     against this tensor
   * @return a new tensor of this type: the maximum for each position of the other axes, the axis
   *     removed or of size 1
   * @throws IllegalArgumentException naming max, the axis and the shape when the axis is out of
   *     range, or when the axis is empty
   */
  default Tensor max(int axis, boolean keepDims) { return max(new int[] {axis}, keepDims); }

  /**
   * The largest element over a set of axes; a NaN wins, and of the zeros 0.0 (see {@link
   * Tensor#max()}).
   *
   * @param axes the axes, each named once, in any order, negative ones counting from the end; none
   *     reduces nothing (NumPy's {@code axis=()}); 0 or −1 for a rank-0 tensor
   * @param keepDims whether the reduced axes stay, with size 1, so that the result broadcasts
   *     against this tensor
   * @return a new tensor of this type: the maximum for each position of the other axes, the axes
   *     removed or of size 1
   * @throws IllegalArgumentException naming max, the axis and the shape when an axis is out of
   *     range or repeated, or when a reduced axis is empty
   */
  default Tensor max(int[] axes, boolean keepDims) {
    return Reductions.max(self(), Reductions.axisMask("max", self().shape(), axes), keepDims);
  }

  /**
   * The smallest element; a NaN wins, as in NumPy, so a NaN in the data is never hidden. Of 0.0
   * and −0.0, −0.0 is the smaller, as for {@link Tensor#minimum}, in any order: the minimum of
   * [0.0, −0.0] is −0.0, while {@link Tensor#argmin()}, which finds them equal, gives the index of
   * the first, 0. (PyTorch 1.13's zero depends on their order and on the function: its min() of
   * [−0.0, 0.0] is 0.0 and its amin −0.0, and of [0.0, −0.0] the other way round.)
   *
   * @return a new rank-0 tensor of this type
   * @throws IllegalArgumentException naming min and the shape when the tensor is empty
   */
  default Tensor min() { return Reductions.min(self(), Reductions.allAxes(self().shape()), false); }

  /**
   * The smallest element along one axis; a NaN wins, and of the zeros −0.0 (see {@link
   * Tensor#min()}).
   *
   * @param axis the axis; negative counts from the end; 0 or −1 for a rank-0 tensor
   * @param keepDims whether the reduced axis stays, with size 1, so that the result broadcasts
   *     against this tensor
   * @return a new tensor of this type: the minimum for each position of the other axes, the axis
   *     removed or of size 1
   * @throws IllegalArgumentException naming min, the axis and the shape when the axis is out of
   *     range, or when the axis is empty
   */
  default Tensor min(int axis, boolean keepDims) { return min(new int[] {axis}, keepDims); }

  /**
   * The smallest element over a set of axes; a NaN wins, and of the zeros −0.0 (see {@link
   * Tensor#min()}).
   *
   * @param axes the axes, each named once, in any order, negative ones counting from the end; none
   *     reduces nothing (NumPy's {@code axis=()}); 0 or −1 for a rank-0 tensor
   * @param keepDims whether the reduced axes stay, with size 1, so that the result broadcasts
   *     against this tensor
   * @return a new tensor of this type: the minimum for each position of the other axes, the axes
   *     removed or of size 1
   * @throws IllegalArgumentException naming min, the axis and the shape when an axis is out of
   *     range or repeated, or when a reduced axis is empty
   */
  default Tensor min(int[] axes, boolean keepDims) {
    return Reductions.min(self(), Reductions.axisMask("min", self().shape(), axes), keepDims);
  }

  /**
   * log Σ exp(x) over all elements, stable: shifted by the maximum, finite for inputs of any finite
   * size (−∞ when every element is −∞).
   *
   * @return a new rank-0 tensor of this type
   * @throws IllegalArgumentException naming logSumExp and the shape when the tensor is empty
   */
  default Tensor logSumExp() {
    return Reductions.logSumExp(self(), Reductions.allAxes(self().shape()), false);
  }

  /**
   * log Σ exp(x) along one axis, shifted by the maximum so it never overflows.
   *
   * @param axis the axis; negative counts from the end; 0 or −1 for a rank-0 tensor
   * @param keepDims whether the reduced axis stays, with size 1, so that the result broadcasts
   *     against this tensor
   * @return a new tensor of this type: log Σ exp for each position of the other axes, the axis
   *     removed or of size 1
   * @throws IllegalArgumentException naming logSumExp, the axis and the shape when the axis is out
   *     of range, or when the axis is empty
   */
  default Tensor logSumExp(int axis, boolean keepDims) {
    return logSumExp(new int[] {axis}, keepDims);
  }

  /**
   * log Σ exp(x) over a set of axes, shifted by the maximum so it never overflows.
   *
   * @param axes the axes, each named once, in any order, negative ones counting from the end; none
   *     reduces nothing (NumPy's {@code axis=()}); 0 or −1 for a rank-0 tensor
   * @param keepDims whether the reduced axes stay, with size 1, so that the result broadcasts
   *     against this tensor
   * @return a new tensor of this type: log Σ exp for each position of the other axes, the axes
   *     removed or of size 1
   * @throws IllegalArgumentException naming logSumExp, the axis and the shape when an axis is out
   *     of range or repeated, or when a reduced axis is empty
   */
  default Tensor logSumExp(int[] axes, boolean keepDims) {
    return Reductions.logSumExp(self(), Reductions.axisMask("logSumExp", self().shape(), axes),
        keepDims);
  }

  /**
   * Population variance of all elements: the mean squared deviation, dividing by the count n
   * (NumPy's default {@code ddof=0}; PyTorch's default is the unbiased form, see
   * {@link Tensor#variance(int[], boolean, boolean)}).
   *
   * <p>The deviations are taken from {@link Tensor#mean()}'s mean: in float64, where a group's
   * sum passes the range (values near ±1e308), that mean is ±∞, every deviation ∓∞, and the
   * variance ∞ whatever the spread (1e308 twice: ∞, not 0), as PyTorch 1.13's var of a whole
   * tensor (its var along an axis gives 0 there for some layouts and ∞ or −∞ for others).
   * float32 data is handled in float64 there and meets no such limit.
   *
   * @return a new rank-0 tensor of this type; NaN for an empty tensor
   */
  default Tensor variance() {
    return Reductions.variance(self(), Reductions.allAxes(self().shape()), false, false);
  }

  /**
   * Population variance along one axis (dividing by n); see {@link Tensor#variance()}.
   *
   * @param axis the axis; negative counts from the end; 0 or −1 for a rank-0 tensor
   * @param keepDims whether the reduced axis stays, with size 1, so that the result broadcasts
   *     against this tensor
   * @return a new tensor of this type: the variance for each position of the other axes, the axis
   *     removed or of size 1
   * @throws IllegalArgumentException naming variance, the axis and the shape when the axis is out
   *     of range
   */
  default Tensor variance(int axis, boolean keepDims) {
    return variance(new int[] {axis}, keepDims, false);
  }

  /**
   * Population variance over a set of axes (dividing by n); see {@link Tensor#variance()}.
   *
   * @param axes the axes, each named once, in any order, negative ones counting from the end; none
   *     reduces nothing (NumPy's {@code axis=()}); 0 or −1 for a rank-0 tensor
   * @param keepDims whether the reduced axes stay, with size 1, so that the result broadcasts
   *     against this tensor
   * @return a new tensor of this type: the variance for each position of the other axes, the axes
   *     removed or of size 1
   * @throws IllegalArgumentException naming variance, the axis and the shape when an axis is out of
   *     range or repeated
   */
  default Tensor variance(int[] axes, boolean keepDims) {
    return variance(axes, keepDims, false);
  }

  /**
   * Variance along one axis; see {@link Tensor#variance(int[], boolean, boolean)}.
   *
   * @param axis the axis; negative counts from the end; 0 or −1 for a rank-0 tensor
   * @param keepDims whether the reduced axis stays, with size 1
   * @param unbiased whether to divide by n − 1 (Bessel's correction) rather than n
   * @return a new tensor of this type: the variance for each position of the other axes
   * @throws IllegalArgumentException naming variance and the shape when the axis is out of range,
   *     or when {@code unbiased}, a group exists and the axis has fewer than 2 elements
   */
  default Tensor variance(int axis, boolean keepDims, boolean unbiased) {
    return variance(new int[] {axis}, keepDims, unbiased);
  }

  /**
   * Variance over a set of axes: Σ(x − x̄)² divided by n, or by n − 1 when {@code unbiased}
   * (Bessel's correction, PyTorch's default and NumPy's {@code ddof=1}). The unbiased variance of a
   * single value per group is undefined and refused, unless there are no groups (another axis
   * empty: an empty result, as PyTorch's).
   *
   * @param axes the axes, each named once, negative ones counting from the end; 0 or −1 for rank 0
   * @param keepDims whether the reduced axes stay, with size 1
   * @param unbiased whether to divide by n − 1 rather than n
   * @return a new tensor of this type: the variance for each position of the other axes
   * @throws IllegalArgumentException naming variance and the shape when an axis is out of range or
   *     repeated, or when {@code unbiased} and the groups (if any) hold fewer than 2 values
   */
  default Tensor variance(int[] axes, boolean keepDims, boolean unbiased) {
    return Reductions.variance(self(), Reductions.axisMask("variance", self().shape(), axes),
        keepDims, unbiased);
  }

  /**
   * The mean and spread over a set of axes together, from two reads of the data: what a
   * standardization needs, and a batch normalization's running variance besides, without taking
   * the mean again for each (see {@link Moments}).
   *
   * @param axes the axes to reduce, as for {@link #mean(int[], boolean)}
   * @return the moments, whose tensors keep the reduced axes as size 1
   * @throws IllegalArgumentException naming moments and the shape when an axis is out of range or
   *     repeated, or when an empty tensor's result would hold more elements than a Java array
   */
  default Moments moments(int[] axes) {
    return Moments.of(self(), Reductions.axisMask("moments", self().shape(), axes));
  }

  /**
   * Flat index of the largest element; the first wins ties (−0.0 and 0.0 tie) and a NaN wins
   * over numbers.
   *
   * @return the row-major index, in [0, size())
   * @throws IllegalArgumentException naming argmax and the shape when the tensor is empty
   */
  default int argmax() { return Reductions.argExtreme("argmax", self(), true); }

  /**
   * Flat index of the smallest element; the first wins ties (−0.0 and 0.0 tie) and a NaN wins
   * over numbers.
   *
   * @return the row-major index, in [0, size())
   * @throws IllegalArgumentException naming argmin and the shape when the tensor is empty
   */
  default int argmin() { return Reductions.argExtreme("argmin", self(), false); }

  /**
   * Indices of the largest elements along an axis (NumPy's {@code argmax(axis=...)}): the first
   * wins ties and a NaN wins over numbers.
   *
   * @param axis the axis to search; negative counts from the end; 0 or −1 for a rank-0 tensor
   * @param keepDims whether the searched axis stays, with size 1
   * @return a new tensor of this type holding whole-number indices in [0, dim(axis)), 0 for a
   *     rank-0 tensor (float32 holds them exactly up to 2²⁴)
   * @throws IllegalArgumentException naming argmax, the axis and the shape when the axis is out of
   *     range or empty, or, in float32, longer than 2²⁴ + 1 (its last indices would be rounded)
   */
  default Tensor argmax(int axis, boolean keepDims) {
    return Reductions.argExtreme("argmax", self(), axis, keepDims, true);
  }

  /**
   * Indices of the smallest elements along an axis: the first wins ties and a NaN wins over
   * numbers.
   *
   * @param axis the axis to search; negative counts from the end; 0 or −1 for a rank-0 tensor
   * @param keepDims whether the searched axis stays, with size 1
   * @return a new tensor of this type holding whole-number indices in [0, dim(axis)), 0 for a
   *     rank-0 tensor (float32 holds them exactly up to 2²⁴)
   * @throws IllegalArgumentException naming argmin, the axis and the shape when the axis is out of
   *     range or empty, or, in float32, longer than 2²⁴ + 1 (its last indices would be rounded)
   */
  default Tensor argmin(int axis, boolean keepDims) {
    return Reductions.argExtreme("argmin", self(), axis, keepDims, false);
  }

  /** The tensor itself, this interface's only implementation. */
  private Tensor self() {
    return (Tensor) this;
  }
}
