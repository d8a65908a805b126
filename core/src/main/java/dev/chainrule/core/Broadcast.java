package dev.chainrule.core;

import java.util.Locale;

/**
 * NumPy broadcasting: aligning shapes from the trailing axis, where an axis of size 1 stretches to
 * match the other. Also the one strided-offset primitive that every copying kernel uses.
 */
final class Broadcast {
  private Broadcast() {}

  /** The broadcast shape of all inputs, or an exception naming the op, the shapes and the axis. */
  static Shape shapes(String op, Shape... shapes) {
    int rank = 0;
    for (Shape s : shapes) {
      rank = Math.max(rank, s.rank());
    }
    int[] dims = new int[rank];
    for (int fromEnd = 1; fromEnd <= rank; fromEnd++) {
      int dim = 1;
      for (Shape s : shapes) {
        int d = s.rank() >= fromEnd ? s.dimsView()[s.rank() - fromEnd] : 1;
        if (d != 1) {
          if (dim != 1 && dim != d) {
            throw new IllegalArgumentException(
                String.format(Locale.ROOT, 
                    "%s: shapes %s do not broadcast (axis %d: %d vs %d)",
                    op, describe(shapes), -fromEnd, dim, d));
          }
          dim = d;
        }
      }
      dims[rank - fromEnd] = dim;
    }
    return Shape.of(dims);
  }

  /**
   * {@link #shapes} for an operation that makes a tensor of that shape: refused, naming the op and
   * its operands, when the shape holds more elements than an array ([65536, 1] + [1, 65536]), where
   * Shape's own message named neither, or the VM's out-of-memory error did ([32767, 1] + [1,
   * 65538], operands of 768 KB, is 2^31 − 2 elements). One pass over the dimensions, before any
   * loop: every bias add of a forward pass comes here.
   */
  static Shape ofResult(String op, Shape... shapes) {
    Shape result = shapes(op, shapes);
    if (!result.fitsArray()) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, 
          "%s: shapes %s broadcast to %s, more elements than a Java array holds (%d)",
          op, describe(shapes), result, Tensors.LONGEST_ARRAY));
    }
    return result;
  }

  /** Throws, naming {@code op} and both shapes, unless {@code in} broadcasts to exactly out. */
  static void checkBroadcastsTo(String op, Shape in, Shape out) {
    int[] inDims = in.dimsView();
    int[] outDims = out.dimsView();
    boolean fits = in.rank() <= out.rank();
    for (int fromEnd = 1; fits && fromEnd <= in.rank(); fromEnd++) {
      int d = inDims[in.rank() - fromEnd];
      int target = outDims[out.rank() - fromEnd];
      if (d != 1 && d != target) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, 
                "%s: %s cannot broadcast to %s (axis %d: %d vs %d)",
                op, in, out, -fromEnd, d, target));
      }
    }
    if (!fits) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "%s: %s cannot broadcast to %s (rank %d > %d)",
              op, in, out, in.rank(), out.rank()));
    }
  }

  /**
   * Strides of {@code in} aligned to the axes of {@code out}: 0 on the axes where {@code in} is
   * stretched or missing, so one step along such an axis re-reads the same element.
   */
  static int[] strides(Shape in, Shape out) {
    int[] inStrides = in.walkStrides();
    int[] inDims = in.dimsView();
    int[] strides = new int[out.rank()];
    int shift = out.rank() - in.rank();
    for (int axis = 0; axis < in.rank(); axis++) {
      strides[axis + shift] = inDims[axis] == 1 ? 0 : inStrides[axis];
    }
    return strides;
  }

  /**
   * If {@code in} broadcasts to {@code out} by repeating its whole data block (its non-1 axes are
   * out's trailing axes, as a bias row [k] against [n, k]), the block length; otherwise −1. Then
   * element i of the result reads element i % length of the input.
   */
  static int suffixBlock(Shape in, Shape out) {
    int[] d = in.dimsView();
    int[] o = out.dimsView();
    int lead = 0;
    while (lead < d.length && d[lead] == 1) {
      lead++;
    }
    int shift = o.length - d.length;
    for (int axis = lead; axis < d.length; axis++) {
      if (d[axis] != o[axis + shift]) {
        return -1;
      }
    }
    return in.size();
  }

  /**
   * If {@code in} broadcasts to {@code out} by repeating each of its elements along trailing axes
   * and the whole block along leading ones (its non-1 axes are one run of out's axes, as a
   * per-channel [c, 1, 1] against [n, c, h, w]), the counts {@code {outer, inner}}; otherwise
   * null. Then element (o, j, i) of the result, laid out {@code [outer, in.size(), inner]}, reads
   * element j of the input. A bias row is the case inner = 1 and a keepDims column outer = 1.
   */
  static int[] middleRepeat(Shape in, Shape out) {
    int[] d = in.dimsView();
    int[] o = out.dimsView();
    int shift = o.length - d.length;
    if (shift < 0 || in.size() == 0) {
      return null;
    }
    int first = -1;
    int last = -1;
    for (int axis = 0; axis < d.length; axis++) {
      if (d[axis] != 1) {
        first = first < 0 ? axis : first;
        last = axis;
      }
    }
    if (first < 0) {
      return new int[] {1, out.size()};
    }
    int outer = 1;
    int inner = 1;
    for (int axis = 0; axis < o.length; axis++) {
      int a = axis - shift;
      if (a < first) {
        outer *= o[axis];
      } else if (a > last) {
        inner *= o[axis];
      } else if (d[a] != o[axis]) {
        return null;
      }
    }
    return new int[] {outer, inner};
  }

  /**
   * The storage offset, for every element of a row-major walk over {@code dims}, of a source laid
   * out with {@code strides} starting at {@code base}. Permute, slice, broadcast and reduce are all
   * this walk with different strides.
   */
  static int[] offsets(int[] dims, int[] strides, int base) {
    int size = 1;
    for (int d : dims) {
      size *= d;
    }
    int[] offsets = new int[size];
    if (size == 0) {
      return offsets;
    }
    int rank = dims.length;
    if (rank == 0) {
      offsets[0] = base;
      return offsets;
    }
    int inner = dims[rank - 1];
    int innerStride = strides[rank - 1];
    int[] counter = new int[rank];
    int start = base;
    for (int out = 0; out < size; out += inner) {
      int offset = start;
      for (int j = 0; j < inner; j++) {
        offsets[out + j] = offset;
        offset += innerStride;
      }
      for (int axis = rank - 2; axis >= 0; axis--) {
        start += strides[axis];
        if (++counter[axis] < dims[axis]) {
          break;
        }
        start -= strides[axis] * dims[axis];
        counter[axis] = 0;
      }
    }
    return offsets;
  }

  private static String describe(Shape... shapes) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < shapes.length; i++) {
      if (i > 0) {
        text.append(i == shapes.length - 1 ? " and " : ", ");
      }
      text.append(shapes[i]);
    }
    return text.toString();
  }
}
