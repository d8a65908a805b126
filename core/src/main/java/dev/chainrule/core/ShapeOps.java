package dev.chainrule.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Locale;

/**
 * Operations that move elements without computing on them. Every result is a fresh contiguous
 * tensor; none aliases its input, so the in-place kernels can never reach through a view.
 */
final class ShapeOps {
  private ShapeOps() {}

  static Tensor reshape(Tensor x, int[] request) {
    checkNotNull(request, "reshape: dimensions are null");
    int[] dims = request.clone();
    int unknown = -1;
    long known = 1;
    String why = null;
    for (int axis = 0; axis < dims.length; axis++) {
      if (dims[axis] == -1 && unknown < 0) {
        unknown = axis;
      } else if (dims[axis] == -1) {
        why = "only one size may be -1, the one inferred";
      } else if (dims[axis] < 0) {
        why = "a size is positive, 0, or -1 to infer it, not " + dims[axis];
      } else {
        known = Math.min(known * dims[axis], Integer.MAX_VALUE + 1L); // never wraps around
      }
    }
    if (why == null && unknown >= 0) {
      if (known == 0) {
        why = "beside a size 0, the -1 could be any size";
      } else if (x.size() % known != 0) {
        // The product itself, not the clamp at 2^31 the test uses: [65536, 65536, -1] said
        // "no whole multiple of 2147483648".
        why = String.format(Locale.ROOT, "%d elements are no whole multiple of %s", x.size(),
            knownProduct(dims));
      } else {
        dims[unknown] = (int) (x.size() / known);
      }
    } else if (why == null && known != x.size()) {
      why = String.format(Locale.ROOT, "it has %d elements, not %s", x.size(),
          known > Integer.MAX_VALUE ? "over 2^31 - 1" : Long.toString(known));
    }
    if (why != null) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, 
          "reshape: %s cannot become %s: %s", x.shape(), Arrays.toString(request), why));
    }
    return new Tensor(Shape.of(dims), x.storage().copy());
  }

  /** The exact product of the sizes other than −1, which may pass 2^63. */
  private static BigInteger knownProduct(int[] dims) {
    BigInteger product = BigInteger.ONE;
    for (int d : dims) {
      product = d == -1 ? product : product.multiply(BigInteger.valueOf(d));
    }
    return product;
  }

  static Tensor permute(Tensor x, int[] order) {
    checkNotNull(order, "permute: axes are null");
    int rank = x.rank();
    boolean[] seen = new boolean[rank];
    boolean valid = order.length == rank;
    int[] axes = new int[order.length];
    for (int i = 0; valid && i < order.length; i++) {
      int a = order[i] < 0 ? order[i] + rank : order[i];
      valid = a >= 0 && a < rank && !seen[a];
      if (valid) {
        seen[a] = true;
        axes[i] = a;
      }
    }
    if (!valid) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, 
          "permute: %s is not a permutation of the axes of %s", Arrays.toString(order),
          x.shape()));
    }
    int[] inDims = x.shape().dimsView();
    int[] inStrides = x.shape().walkStrides();
    int[] dims = new int[rank];
    int[] strides = new int[rank];
    for (int i = 0; i < rank; i++) {
      dims[i] = inDims[axes[i]];
      strides[i] = inStrides[axes[i]];
    }
    Shape shape = Shape.of(dims);
    SwapPlan plan = x.size() == 0 ? SwapPlan.COPY : SwapPlan.of(inDims, axes);
    if (plan == SwapPlan.COPY) {
      return new Tensor(shape, x.storage().copy());
    }
    if (plan != null) {  // a (batched) transpose: tile by tile, see SwapAxesF64
      return x.dtype() == DType.FLOAT64
          ? SwapAxesF64.swap(x, shape, plan.batch(), plan.rows(), plan.cols(), plan.inner())
          : SwapAxesF32.swap(x, shape, plan.batch(), plan.rows(), plan.cols(), plan.inner());
    }
    return gatherOffsets(x, shape, Broadcast.offsets(dims, strides, 0));
  }

  static Tensor transpose(Tensor x, int axis1, int axis2) {
    int a = x.shape().wrapAxis("transpose", axis1);
    int b = x.shape().wrapAxis("transpose", axis2);
    int[] order = new int[x.rank()];
    if (order.length == 0) {
      return permute(x, order);  // rank 0: its one axis swapped with itself, as in PyTorch
    }
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    order[a] = b;
    order[b] = a;
    return permute(x, order);
  }

  static Tensor broadcastTo(Tensor x, Shape shape) {
    checkNotNull(shape, "broadcastTo: shape is null");
    Broadcast.checkBroadcastsTo("broadcastTo", x.shape(), shape);
    ArrayLimit.requireAllocatable("broadcastTo", shape);
    int[] middle = Broadcast.middleRepeat(x.shape(), shape);
    if (middle != null) {
      return x.dtype() == DType.FLOAT64 ? IndexingF64.repeat(x, shape, middle[0], middle[1])
          : IndexingF32.repeat(x, shape, middle[0], middle[1]);
    }
    int[] strides = Broadcast.strides(x.shape(), shape);
    return gatherOffsets(x, shape, Broadcast.offsets(shape.dimsView(), strides, 0));
  }

  /**
   * The adjoint of {@link #broadcastTo}: sums over the axes that broadcasting to this tensor's
   * shape would have added or stretched, leaving {@code shape}.
   */
  static Tensor sumTo(Tensor x, Shape shape) {
    checkNotNull(shape, "sumTo: shape is null");
    if (x.shape().equals(shape)) {
      return x.copy();
    }
    int extra = x.rank() - shape.rank();
    boolean fits = extra >= 0;
    boolean[] reduced = new boolean[x.rank()];
    for (int axis = 0; fits && axis < x.rank(); axis++) {
      int target = axis < extra ? 1 : shape.dimsView()[axis - extra];
      int d = x.shape().dimsView()[axis];
      reduced[axis] = axis < extra || (target == 1 && d != 1);
      fits = reduced[axis] || target == d;
    }
    checkArgument(fits, "sumTo: %s cannot be summed to %s (it does not broadcast to %s)",
        x.shape(), shape, x.shape());
    Reductions.checkResultFits("sumTo", x, reduced);
    Tensor summed = Reductions.sum(x, reduced, true);
    return new Tensor(shape, summed.storage());
  }

  static Tensor squeeze(Tensor x) {
    return new Tensor(
        Shape.of(Arrays.stream(x.shape().dimsView()).filter(d -> d != 1).toArray()),
        x.storage().copy());
  }

  static Tensor squeeze(Tensor x, int axis) {
    int a = x.shape().wrapAxis("squeeze", axis);
    int[] dims = x.shape().axesShape().dimsView();  // rank 0: its axis of size 1 goes, leaving []
    checkArgument(dims[a] == 1, "squeeze: axis %s of %s has size %s, not 1", axis, x.shape(),
        dims[a]);
    int[] out = new int[dims.length - 1];
    System.arraycopy(dims, 0, out, 0, a);
    System.arraycopy(dims, a + 1, out, a, dims.length - a - 1);
    return new Tensor(Shape.of(out), x.storage().copy());
  }

  static Tensor unsqueeze(Tensor x, int axis) {
    int a = x.shape().normalizeAxis("unsqueeze", axis, x.rank() + 1);
    int[] dims = x.shape().dimsView();
    int[] out = new int[dims.length + 1];
    System.arraycopy(dims, 0, out, 0, a);
    out[a] = 1;
    System.arraycopy(dims, a, out, a + 1, dims.length - a);
    return new Tensor(Shape.of(out), x.storage().copy());
  }

  /**
   * Elements {@code start, start + step, ...} before {@code end} along one axis. Bounds follow
   * Python: negative values count from the end and out-of-range values are clamped.
   */
  static Tensor slice(Tensor x, int axis, int start, int end, int step) {
    int a = x.shape().normalizeAxis("slice", axis);
    checkArgument(step > 0, "slice: step must be positive, got %s", step);
    int[] dims = x.shape().dims();
    int length = dims[a];
    int from = clampIndex(start, length);
    int to = Math.max(from, clampIndex(end, length));
    dims[a] = (int) ((to - from + (long) step - 1) / step); // long: a step near 2^31 must not wrap
    int[] strides = x.shape().walkStrides();
    int base = from * strides[a];
    if (step == 1) {
      return sliceBlocks(x, Shape.of(dims), base, length * strides[a]);
    }
    strides[a] *= step;
    return gatherOffsets(x, Shape.of(dims), Broadcast.offsets(dims, strides, base));
  }

  /**
   * A slice with step 1 is one contiguous block per index of the axes before the sliced one
   * (a batch of rows is a single block), copied by {@link Storage#copyBlocks} without the list of
   * every element's offset that a general slice gathers through.
   */
  private static Tensor sliceBlocks(Tensor x, Shape shape, int base, int pitch) {
    int outer = x.size() == 0 ? 0 : x.size() / pitch;
    int block = outer == 0 ? 0 : shape.size() / outer;
    Storage out = x.storage().buffer(shape.size());
    Storage.copyBlocks(x.storage(), base, pitch, out, 0, block, block, outer);
    return new Tensor(shape, out);
  }

  static Tensor gatherOffsets(Tensor x, Shape shape, int[] offsets) {
    return x.dtype() == DType.FLOAT64 ? IndexingF64.gatherOffsets(x, shape, offsets)
        : IndexingF32.gatherOffsets(x, shape, offsets);
  }

  private static int clampIndex(int index, int length) {
    int i = index < 0 ? index + length : index;
    return Math.min(Math.max(i, 0), length);
  }
}
