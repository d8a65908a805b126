package dev.chainrule.core;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import java.util.Locale;

/**
 * Reductions over all elements or over a set of axes. Axes may be negative and come in any order;
 * an empty axis list reduces nothing (NumPy's {@code axis=()}); {@link ReducedAxes} validates
 * them (a rank-0 tensor's axis 0 or −1 included). The walk is planned once
 * ({@link ReductionPlan}) and run by the kernels of the tensor's type ({@code ReduceF64} and its
 * generated float32 twin); softmax, log-softmax and log-sum-exp live here too, as they reduce
 * along an axis (their row kernels are {@code SoftmaxRowsF64}'s).
 */
final class Reductions {
  private Reductions() {}

  /** The reduced axes as a flag per axis, validated as {@link ReducedAxes#of} says. */
  static boolean[] axisMask(String op, Shape shape, int[] axes) {
    return ReducedAxes.of(op, shape, axes).mask();
  }

  static boolean[] allAxes(Shape shape) {
    boolean[] reduced = new boolean[shape.rank()];
    Arrays.fill(reduced, true);
    return reduced;
  }

  static Tensor fold(Tensor x, boolean[] reduced, boolean keepDims, Fold fold) {
    return fold(x, reduced, keepDims, fold, 1);
  }

  /** The fold, each result divided by {@code divisor} in float64 before it is rounded. */
  private static Tensor fold(Tensor x, boolean[] reduced, boolean keepDims, Fold fold,
      double divisor) {
    ReductionPlan plan = ReductionPlan.of(x.shape(), reduced, keepDims);
    if (x.size() == 0) {
      // No element to fold: every cell (if any) is the fold over nothing, the identity (a sum's
      // 0; a mean's 0 / 0, NaN), as the kernels gave. Answered here because the kernels walk
      // the rows of the reduced axes, elements or not: [2^31 − 1, 0].sum(0) spun for ever in
      // float32 and took seconds in float64, where PyTorch answers at once.
      return FilledTensors.filled("fold", plan.result(), fold.identity / divisor, x.dtype());
    }
    return x.dtype() == DType.FLOAT64 ? ReduceF64.fold(fold, x, plan, divisor)
        : ReduceF32.fold(fold, x, plan, divisor);
  }

  static Tensor sum(Tensor x, boolean[] reduced, boolean keepDims) {
    checkResultFits("sum", x, reduced);
    return fold(x, reduced, keepDims, Fold.SUM);
  }

  /**
   * Refuses, naming {@code op}, a reduction whose result holds more elements than an array. Only
   * an empty input's can be larger than the input: summing away the empty axis of [0, 65536,
   * 65536] leaves 2^32 zeros, where Shape's own message named no operation.
   */
  static void checkResultFits(String op, Tensor x, boolean[] reduced) {
    if (x.size() == 0) {
      Shape result = ReducedAxes.reducedShape(x.shape(), reduced, false);
      if (!result.fitsArray()) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "%s: reducing %s leaves %s, more"
            + " elements than a Java array holds (%d)", op, x.shape(), result,
            Tensors.LONGEST_ARRAY));
      }
    }
  }

  static Tensor mean(Tensor x, boolean[] reduced, boolean keepDims) {
    checkResultFits("mean", x, reduced);
    long count = ReducedAxes.count(x.shape(), reduced);
    // The sum's float64 accumulator divided before the one rounding to the element type (see
    // ReduceF64.fold): the float32 sum, rounded, then divided and rounded again, put means along
    // an axis up to 1.2 ulps from the exact mean where the sum is float64 throughout. A float64
    // mean is the float64 sum divided, as before, to the bit. An empty group divides 0 by 0:
    // NaN, as NumPy's and PyTorch's.
    Tensor mean = fold(x, reduced, keepDims, Fold.SUM, count);
    if (passedFloat32(x, mean)) {
      // A float32 kernel's lanes add a few elements in float32 before widening, so two values of
      // 3e38 overflow there though their mean need not: divided in float64 and rounded once.
      // Rare, so the data's float64 copy costs nothing on the common path (a NaN or an infinity
      // in the data also comes here, to the same end).
      return mean(x.to(DType.FLOAT64), reduced, keepDims).to(DType.FLOAT32);
    }
    return mean;
  }

  /**
   * Whether a float32 {@code x}'s partial result left float32's range (or holds NaN): then the
   * mean or variance is taken in float64 and rounded once.
   */
  static boolean passedFloat32(Tensor x, Tensor partial) {
    return x.dtype() == DType.FLOAT32
        && partial.indexOutside(-Float.MAX_VALUE, Float.MAX_VALUE) >= 0;
  }

  /** Maximum; NaN wins, as in NumPy, so a NaN in the data is never hidden by a reduction. */
  static Tensor max(Tensor x, boolean[] reduced, boolean keepDims) {
    checkNotEmpty("max", x, reduced);
    return fold(x, reduced, keepDims, Fold.MAX);
  }

  static Tensor min(Tensor x, boolean[] reduced, boolean keepDims) {
    checkNotEmpty("min", x, reduced);
    return fold(x, reduced, keepDims, Fold.MIN);
  }

  /**
   * log Σ exp(x), shifted by the maximum so that exp never overflows: log Σ exp(x − m) + m. A
   * non-finite maximum is not subtracted (all −∞ gives −∞, any +∞ gives +∞, NaN stays NaN).
   */
  static Tensor logSumExp(Tensor x, boolean[] reduced, boolean keepDims) {
    checkNotEmpty("logSumExp", x, reduced);
    ReductionPlan plan = ReductionPlan.of(x.shape(), reduced, keepDims);
    if (plan.isRows()) {
      return x.dtype() == DType.FLOAT64
          ? SoftmaxRowsF64.logSumExpRows(x, plan.length(), plan.result())
          : SoftmaxRowsF32.logSumExpRows(x, plan.length(), plan.result());
    }
    Tensor max = fold(x, reduced, true, Fold.MAX);
    Tensor shift = max.map(m -> Double.isInfinite(m) ? 0.0 : m);
    Tensor result = sum(x.sub(shift).exp(), reduced, true).log().add(shift);
    return keepDims ? result : result.reshape(plan.result().dimsView());
  }

  /** e^(x − m) / Σ e^(x − m) with m the maximum along the axis (not subtracted if infinite). */
  static Tensor softmax(Tensor x, int axis) {
    ReducedAxes along = ReducedAxes.of("softmax", x.shape(), axis);
    if (x.size() == 0) {
      // Nothing to normalise, as in PyTorch; logSumExp, which an empty axis has no value of,
      // is not asked (a [2, 0] tensor's rows have no sum to divide by, and no element needs one).
      return Tensors.zerosLike(x);
    }
    if (!along.isTrailing()) {
      Tensor e = shiftedByMax(x, along).exp();
      return e.div(sum(e, along.mask(), true));
    }
    // The last axis (a rank-0 tensor's one element is a row of one): row by row.
    int length = (int) along.groupSize();
    return x.dtype() == DType.FLOAT64 ? SoftmaxRowsF64.softmaxRows(x, length)
        : SoftmaxRowsF32.softmaxRows(x, length);
  }

  /** x − log Σ eˣ along the axis; along the last one row by row, without broadcast temporaries. */
  static Tensor logSoftmax(Tensor x, int axis) {
    ReducedAxes along = ReducedAxes.of("logSoftmax", x.shape(), axis);
    if (x.size() == 0) {
      return Tensors.zerosLike(x); // as softmax: nothing to normalise
    }
    if (!along.isTrailing()) {
      Tensor shifted = shiftedByMax(x, along);
      return shifted.sub(sum(shifted.exp(), along.mask(), true).log());
    }
    int length = (int) along.groupSize();
    return x.dtype() == DType.FLOAT64 ? SoftmaxRowsF64.logSoftmaxRows(x, length)
        : SoftmaxRowsF32.logSoftmaxRows(x, length);
  }

  /**
   * x − m, m the maximum along the axis (not subtracted where it is −∞; NaN where it is +∞, whose
   * group has no softmax, as the row kernels have it), for the softmaxes
   * along an axis that is not the last, in the row kernels' order: (x − m) − log s, not
   * x − (m + log s), whose rounding to m's precision costs float32 logits near 1,000 a relative
   * error of 3e-5, and loses log 2 entirely from two float64 logits of 1e308 (probabilities that
   * summed to 2).
   */
  private static Tensor shiftedByMax(Tensor x, ReducedAxes along) {
    return x.sub(max(x, along.mask(), true).map(
        m -> m == Double.POSITIVE_INFINITY ? Double.NaN : Double.isInfinite(m) ? 0.0 : m));
  }

  /**
   * The mean squared deviation from the mean, dividing by n (population) or by n − 1 (unbiased,
   * refused when n = 1: the deviation of one value from itself says nothing about the spread).
   * With no groups at all (another axis empty) there is nothing to refuse: the result is empty,
   * as PyTorch's.
   */
  static Tensor variance(Tensor x, boolean[] reduced, boolean keepDims, boolean unbiased) {
    checkResultFits("variance", x, reduced);
    // Moments checks the count; its walk gives the bits of the composition below in two reads
    // of x instead of five, and no temporaries of x's size.
    Tensor variance = Moments.of(x, reduced).variance(unbiased);
    return keepDims ? variance : variance.reshape(ReducedAxes.reducedShape(x.shape(), reduced,
        false));
  }

  /** Every whole number up to this one is exact in float32 (2^24). */
  private static final int FLOAT32_WHOLE_NUMBERS = 1 << 24;

  /**
   * Index of the largest (or smallest) value along one axis, as a tensor of the input's type
   * (float32 holds every index exactly up to 2^24); the first wins ties, a NaN wins all.
   */
  static Tensor argExtreme(String op, Tensor x, int axis, boolean keepDims, boolean largest) {
    ReducedAxes along = ReducedAxes.of(op, x.shape(), axis);
    int length = (int) along.groupSize();  // a rank-0 tensor's one element: index 0, as PyTorch
    checkArgument(length > 0, "%s: cannot reduce the empty axis %s of %s", op, axis, x.shape());
    if (x.dtype() == DType.FLOAT32 && length - 1 > FLOAT32_WHOLE_NUMBERS) {
      // An index past 2^24 would round to an even neighbour in float32 (16777217 came back as
      // 16777216): refused by the shape, not answered wrong for some elements.
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s: axis %s of the float32 %s is longer"
          + " than 2^24 + 1, and float32 indices past 2^24 are not exact; convert it with"
          + " to(DType.FLOAT64) first", op, axis, x.shape()));
    }
    int inner = along.inner();
    int outer = x.size() / Math.max(1, length * inner);
    double[] out = new double[outer * inner];
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        out[o * inner + i] = bestIndex(x, o * length * inner + i, inner, length, largest);
      }
    }
    return new Tensor(along.result(keepDims), out).to(x.dtype());
  }

  static int argExtreme(String op, Tensor x, boolean largest) {
    checkArgument(x.size() > 0, "%s: cannot reduce the empty tensor %s", op, x.shape());
    return bestIndex(x, 0, 1, x.size(), largest);
  }

  private static int bestIndex(Tensor x, int base, int stride, int length, boolean largest) {
    return x.dtype() == DType.FLOAT64
        ? ReduceF64.bestIndex(x.dataF64(), base, stride, length, largest)
        : ReduceF32.bestIndex(x.dataF32(), base, stride, length, largest);
  }

  private static void checkNotEmpty(String op, Tensor x, boolean[] reduced) {
    int[] dims = x.shape().dimsView();
    for (int axis = 0; axis < dims.length; axis++) {
      checkArgument(
          !(reduced[axis] && dims[axis] == 0),
          "%s: cannot reduce the empty axis %s of %s", op, axis, x.shape());
    }
  }

  /** How many elements of {@code x} are not 0. */
  static int countNonZero(Tensor x) {
    return x.dtype() == DType.FLOAT64 ? ReduceF64.countNonZero(x.dataF64(), x.size())
        : ReduceF32.countNonZero(x.dataF32(), x.size());
  }

  /** The first flat index of {@code x} whose value is not in [low, high], or −1. */
  static int indexOutside(Tensor x, double low, double high) {
    return x.dtype() == DType.FLOAT64 ? ReduceF64.indexOutside(x.dataF64(), x.size(), low, high)
        : ReduceF32.indexOutside(x.dataF32(), x.size(), low, high);
  }

  /** The first flat index of a finite float64 element that float32 rounds to an infinity, or −1. */
  static int indexBeyondFloat32(Tensor x) {
    if (x.dtype() != DType.FLOAT64) {
      return -1;
    }
    double[] data = x.dataF64();
    for (int i = 0, n = x.size(); i < n; i++) {
      // NaN stays NaN and an infinity stays itself: only a finite value can overflow.
      if (Float.isInfinite((float) data[i]) && !Double.isInfinite(data[i])) {
        return i;
      }
    }
    return -1;
  }

  /** The first flat index of {@code x} whose value is not a whole number in [0, count), or −1. */
  static int indexNotClass(Tensor x, int count) {
    return x.dtype() == DType.FLOAT64 ? ReduceF64.indexNotClass(x.dataF64(), x.size(), count)
        : ReduceF32.indexNotClass(x.dataF32(), x.size(), count);
  }
}
