package dev.chainrule.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;

/**
 * Reductions over all elements or over a set of axes. Axes may be negative and come in any order;
 * an empty axis list reduces nothing (NumPy's {@code axis=()}). Every reduction walks the input once
 * in storage order and adds each element into its output cell, whose offset comes from the output's
 * strides with the reduced axes' strides set to 0.
 */
final class Reductions {
  private Reductions() {}

  /** The reduced axes as a flag per axis, validated: in range and each named once. */
  static boolean[] axisMask(String op, Shape shape, int[] axes) {
    checkNotNull(axes, "%s: axes are null", op);
    boolean[] reduced = new boolean[shape.rank()];
    for (int axis : axes) {
      int a = shape.normalizeAxis(op, axis);
      if (reduced[a]) {
        throw new IllegalArgumentException(String.format(
            "%s: axis %s repeated in %s for shape %s", op, axis, Arrays.toString(axes), shape));
      }
      reduced[a] = true;
    }
    return reduced;
  }

  static boolean[] allAxes(Shape shape) {
    boolean[] reduced = new boolean[shape.rank()];
    Arrays.fill(reduced, true);
    return reduced;
  }

  /** The shape after reduction: reduced axes become 1 when kept, disappear otherwise. */
  static Shape reducedShape(Shape shape, boolean[] reduced, boolean keepDims) {
    int[] dims = shape.dimsView();
    int[] out = new int[keepDims ? dims.length : dims.length - count(reduced)];
    for (int axis = 0, j = 0; axis < dims.length; axis++) {
      if (!reduced[axis]) {
        out[j++] = dims[axis];
      } else if (keepDims) {
        out[j++] = 1;
      }
    }
    return Shape.of(out);
  }

  static Tensor fold(Tensor x, boolean[] reduced, boolean keepDims, Fold fold) {
    Shape kept = reducedShape(x.shape(), reduced, true);
    Shape result = keepDims ? kept : reducedShape(x.shape(), reduced, false);
    double[] in = x.data;
    double[] out = new double[kept.size()];
    Arrays.fill(out, fold.identity);
    int[] block = contiguousBlock(x.shape(), reduced);
    if (out.length == 1) {
      out[0] = fold.run(fold.identity, in, 0, in.length);
    } else if (block != null && block[2] == 1) {
      // [outer, reduced]: each output cell is one contiguous run, as for a row sum.
      int length = block[1];
      for (int o = 0; o < out.length; o++) {
        out[o] = fold.run(fold.identity, in, o * length, (o + 1) * length);
      }
    } else if (block != null) {
      // [outer, reduced, inner]: walk the input in storage order, inner cells stay in cache.
      int length = block[1];
      int inner = block[2];
      for (int o = 0, i = 0; o < block[0]; o++) {
        for (int r = 0; r < length; r++, i += inner) {
          fold.intoRow(in, i, out, o * inner, inner);
        }
      }
    } else {
      int[] strides = kept.strides();
      for (int axis = 0; axis < strides.length; axis++) {
        if (reduced[axis]) {
          strides[axis] = 0;
        }
      }
      int[] cell = Broadcast.offsets(x.shape().dimsView(), strides, 0);
      for (int i = 0; i < in.length; i++) {
        out[cell[i]] = fold.combine(out[cell[i]], in[i]);
      }
    }
    return new Tensor(result, out);
  }

  /**
   * {outer, reduced, inner} sizes when the reduced axes (ignoring axes of size 1) are one
   * contiguous run, as for a row or column sum; otherwise null.
   */
  private static int[] contiguousBlock(Shape shape, boolean[] reduced) {
    int[] dims = shape.dimsView();
    int first = -1;
    int last = -1;
    for (int axis = 0; axis < dims.length; axis++) {
      if (reduced[axis] && dims[axis] != 1) {
        first = first < 0 ? axis : first;
        last = axis;
      }
    }
    int[] sizes = {1, 1, 1};
    for (int axis = 0; axis < dims.length; axis++) {
      if (axis >= first && axis <= last && first >= 0) {
        if (!reduced[axis] && dims[axis] != 1) {
          return null;
        }
        sizes[1] *= dims[axis];
      } else {
        sizes[first >= 0 && axis > last ? 2 : 0] *= dims[axis];
      }
    }
    return sizes;
  }

  static Tensor sum(Tensor x, boolean[] reduced, boolean keepDims) {
    return fold(x, reduced, keepDims, Fold.SUM);
  }

  static Tensor mean(Tensor x, boolean[] reduced, boolean keepDims) {
    int count = reducedCount(x.shape(), reduced);
    Tensor sum = fold(x, reduced, keepDims, Fold.SUM);
    Elementwise.scale(sum, 1.0 / count);
    return sum;
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
    int[] block = contiguousBlock(x.shape(), reduced);
    if (block != null && block[2] == 1) {
      // Each result is one contiguous run (rows of logits): one pass per run, no temporaries,
      // the same operations in the same order as below.
      int length = block[1];
      double[] out = new double[block[0]];
      for (int o = 0; o < out.length; o++) {
        out[o] = logSumExpRun(x.data, o * length, (o + 1) * length);
      }
      return new Tensor(reducedShape(x.shape(), reduced, keepDims), out);
    }
    Tensor max = fold(x, reduced, true, Fold.MAX);
    Tensor shift = max.map(m -> Double.isInfinite(m) ? 0.0 : m);
    Tensor sum = sum(x.sub(shift).exp(), reduced, true);
    Tensor result = sum.log().add(shift);
    return keepDims ? result : result.reshape(reducedShape(x.shape(), reduced, false).dims());
  }

  private static double logSumExpRun(double[] in, int from, int to) {
    double max = Fold.MAX.run(Double.NEGATIVE_INFINITY, in, from, to);
    double shift = Double.isInfinite(max) ? 0.0 : max;
    double sum = 0.0;
    for (int i = from; i < to; i++) {
      sum += Math.exp(in[i] - shift);
    }
    return Math.log(sum) + shift;
  }

  /** Population variance (divides by the count): the mean squared deviation from the mean. */
  static Tensor variance(Tensor x, boolean[] reduced, boolean keepDims) {
    Tensor deviation = x.sub(mean(x, reduced, true));
    return mean(deviation.square(), reduced, keepDims);
  }

  /** Index of the largest (or smallest) value along one axis; the first wins ties, a NaN wins all. */
  static Tensor argExtreme(String op, Tensor x, int axis, boolean keepDims, boolean largest) {
    int a = x.shape().normalizeAxis(op, axis);
    int[] dims = x.shape().dimsView();
    checkArgument(dims[a] > 0, "%s: cannot reduce the empty axis %s of %s", op, axis, x.shape());
    int length = dims[a];
    int inner = x.shape().strides()[a];
    int outer = x.size() / Math.max(1, length * inner);
    double[] out = new double[outer * inner];
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int base = o * length * inner + i;
        out[o * inner + i] = bestIndex(x.data, base, inner, length, largest);
      }
    }
    boolean[] reduced = new boolean[dims.length];
    reduced[a] = true;
    return new Tensor(reducedShape(x.shape(), reduced, keepDims), out);
  }

  static int argExtreme(String op, Tensor x, boolean largest) {
    checkArgument(x.size() > 0, "%s: cannot reduce the empty tensor %s", op, x.shape());
    return bestIndex(x.data, 0, 1, x.size(), largest);
  }

  private static int bestIndex(double[] data, int base, int stride, int length, boolean largest) {
    int best = 0;
    double bestValue = data[base];
    for (int k = 0; k < length && !Double.isNaN(bestValue); k++) {
      double v = data[base + k * stride];
      if (Double.isNaN(v) || (largest ? v > bestValue : v < bestValue)) {
        best = k;
        bestValue = v;
      }
    }
    return best;
  }

  private static void checkNotEmpty(String op, Tensor x, boolean[] reduced) {
    int[] dims = x.shape().dimsView();
    for (int axis = 0; axis < dims.length; axis++) {
      checkArgument(
          !(reduced[axis] && dims[axis] == 0),
          "%s: cannot reduce the empty axis %s of %s", op, axis, x.shape());
    }
  }

  private static int reducedCount(Shape shape, boolean[] reduced) {
    int count = 1;
    for (int axis = 0; axis < reduced.length; axis++) {
      if (reduced[axis]) {
        count *= shape.dimsView()[axis];
      }
    }
    return count;
  }

  private static int count(boolean[] flags) {
    int n = 0;
    for (boolean f : flags) {
      n += f ? 1 : 0;
    }
    return n;
  }
}
