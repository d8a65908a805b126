package dev.chainrule.core;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import java.util.Locale;

/**
 * Row-major index arithmetic over a shape's dimensions: its strides, checked or for a walk, and
 * the storage offset of a full index. It takes the dimensions themselves rather than a {@link
 * Shape}, so that Shape's methods hand their work here without the two depending on each other;
 * its messages print the dimensions as {@link Shape#toString} does.
 */
final class RowMajor {
  private RowMajor() {}

  /** {@link Shape#strides()}: refuses a stride past an int, naming the shape and the axis. */
  static int[] strides(int[] dims) {
    int[] strides = new int[dims.length];
    long stride = 1;
    for (int axis = dims.length - 1; axis >= 0; axis--) {
      if (stride > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(String.format(Locale.ROOT, 
            "strides: the stride of axis %d of %s would be %d, more than 2^31 - 1", axis,
            Arrays.toString(dims), stride));
      }
      strides[axis] = (int) stride;
      stride *= dims[axis]; // at most (2^31 − 1)², no long overflow
    }
    return strides;
  }

  /**
   * {@link #strides} for the walks of this package's kernels, which never refuse a tensor's
   * shape. A tensor has at most 2^31 − 1 elements, so its strides fit an int unless it is empty
   * (the trailing block of [0, 65536, 65536] has 2^32): such a stride is given as 0 rather than
   * refused. No walk steps along it: a stride that large needs an empty axis at or before its
   * own, so there are no elements to step to (reductions over the empty axis read nothing).
   */
  static int[] walkStrides(int[] dims) {
    int[] strides = new int[dims.length];
    long stride = 1;
    for (int axis = dims.length - 1; axis >= 0; axis--) {
      strides[axis] = stride > Integer.MAX_VALUE ? 0 : (int) stride;
      stride = Math.min(stride * dims[axis], Integer.MAX_VALUE + 1L);
    }
    return strides;
  }

  /**
   * The row-major storage offset of a full index, or an exception naming the operation. A negative
   * coordinate counts from the end of its axis, as in NumPy.
   */
  static int offsetOf(String op, int[] dims, int[] index) {
    checkNotNull(index, "%s: index is null", op);
    if (index.length != dims.length) {
      // Said apart from a coordinate out of range: get(1) of a [2, 2] tensor is a missing
      // coordinate (PyTorch's t[1] would be a row), not a 1 too large for some axis.
      throw new IllegalArgumentException(String.format(Locale.ROOT, 
          "%s: %s %s for a tensor of rank %s %s; give one index per dimension%s", op,
          index.length, index.length == 1 ? "index" : "indices", dims.length,
          Arrays.toString(dims), dims.length == 0 ? " (none for a scalar)" : ""));
    }
    boolean valid = true;
    int offset = 0;
    for (int axis = 0; valid && axis < dims.length; axis++) {
      int i = index[axis] < 0 ? index[axis] + dims[axis] : index[axis];
      valid = i >= 0 && i < dims[axis];
      offset = offset * dims[axis] + i;
    }
    if (!valid) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, 
          "%s: index %s out of bounds for shape %s", op, Arrays.toString(index),
          Arrays.toString(dims)));
    }
    return offset;
  }
}
