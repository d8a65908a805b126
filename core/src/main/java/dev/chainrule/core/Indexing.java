package dev.chainrule.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import java.util.Locale;

/**
 * Selection by index tensors and its adjoints. Indices are stored as numbers like every other value
 * (in either type) and must be whole numbers in {@code [-size, size)}, a negative index counting
 * from the end as in NumPy ({@code -1} is the last); anything else is an error naming the value.
 * The checks and index arithmetic are here; the copying loops are the type's ({@code IndexingF64}
 * and its generated float32 twin).
 *
 * <p>A rank-0 tensor takes axis 0 or −1 ({@link Shape#wrapAxis}), as PyTorch 1.13 does: the
 * kernels walk it as the shape [1] ({@link Shape#axesShape}) and its one valid index is 0 (−1 too
 * is refused, as PyTorch refuses it). gather's and scatterAdd's index is then of rank 0 or 1 (the
 * result of gather has its shape); take's and indexAdd's holds one element, of shape [] or [1],
 * and the slice it picks is the whole rank-0 tensor, as PyTorch's {@code index_select} has it.
 *
 * <p>{@code gather}/{@code scatterAdd} follow PyTorch (an index per output element);
 * {@code take}/{@code indexAdd} follow NumPy's {@code take} (whole slices picked along an axis).
 * Each pair is adjoint: the gradient of one is the other, which is what autograd builds on.
 */
final class Indexing {
  private Indexing() {}

  static Tensor gather(Tensor x, int axis, Tensor index) {
    checkNotNull(index, "gather: index is null");
    int a = checkGatherShapes("gather", x.shape(), axis, index, index.shape());
    int[] picks = indices("gather", index, x.shape(), a);
    if (rowsAlongLast(x.shape(), a, index.shape())) {
      int length = x.shape().dimsView()[a];
      int k = index.shape().dimsView()[a];
      return x.dtype() == DType.FLOAT64
          ? IndexingF64.gatherLast(x, length, k, picks, index.shape())
          : IndexingF32.gatherLast(x, length, k, picks, index.shape());
    }
    Shape walked = x.shape().axesShape();
    int stride = walked.walkStrides()[a];
    int[] base = baseOffsets(walked, a, gatherIndexShape(x.shape(), index.shape()));
    return x.dtype() == DType.FLOAT64
        ? IndexingF64.gather(x, base, stride, picks, index.shape())
        : IndexingF32.gather(x, base, stride, picks, index.shape());
  }

  static Tensor scatterAdd(Tensor x, int axis, Tensor index, Tensor source) {
    checkNotNull(source, "scatterAdd: source is null");
    int a = checkGatherShapes("scatterAdd", x.shape(), axis, index, source.shape());
    int[] picks = indices("scatterAdd", index, x.shape(), a);
    DType type = DType.promote(x.dtype(), source.dtype());
    if (rowsAlongLast(x.shape(), a, index.shape())) {
      int length = x.shape().dimsView()[a];
      int k = index.shape().dimsView()[a];
      return type == DType.FLOAT64
          ? IndexingF64.scatterAddLast(x.to(type), length, k, picks, source.to(type))
          : IndexingF32.scatterAddLast(x, length, k, picks, source);
    }
    Shape walked = x.shape().axesShape();
    int stride = walked.walkStrides()[a];
    int[] base = baseOffsets(walked, a, gatherIndexShape(x.shape(), index.shape()));
    return type == DType.FLOAT64
        ? IndexingF64.scatterAdd(x.to(type), base, stride, picks, source.to(type))
        : IndexingF32.scatterAdd(x, base, stride, picks, source);
  }

  static Tensor take(Tensor x, int axis, Tensor index) {
    checkNotNull(index, "take: index is null");
    int a = x.shape().wrapAxis("take", axis);
    Shape shape = takenShape("take", x.shape(), a, index.shape());
    if (!shape.fitsArray()) {
      // 65,536 picks of rows of 65,536: Shape's own message named no take.
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "take: %s picked by an index %s along axis"
          + " %s makes %s, more elements than a Java array holds (%d)", x.shape(), index.shape(),
          axis, shape, Tensors.LONGEST_ARRAY));
    }
    Shape walked = x.shape().axesShape();
    int length = walked.dimsView()[a];
    int inner = walked.walkStrides()[a];
    int outer = outerSize(walked, a);
    int[] picks = indices("take", index, x.shape(), a);
    // Every element is copied in below: a recycled array will do (a batch's rows, every step).
    Storage out = x.storage().buffer(shape.size());
    Object in = x.storage().array();
    if (outer == 1) {
      int[] starts = new int[picks.length];
      for (int j = 0; j < picks.length; j++) {
        starts[j] = picks[j] * inner;
      }
      RowGather.rows(in, starts, inner, out.array());
      return new Tensor(shape, out);
    }
    if (x.dtype() == DType.FLOAT64) {
      IndexingF64.take(x, outer, length, inner, picks, out);
    } else {
      IndexingF32.take(x, outer, length, inner, picks, out);
    }
    return new Tensor(shape, out);
  }

  static Tensor indexAdd(Tensor x, int axis, Tensor index, Tensor source) {
    checkNotNull(index, "indexAdd: index is null");
    checkNotNull(source, "indexAdd: source is null");
    int a = x.shape().wrapAxis("indexAdd", axis);
    Shape expected = takenShape("indexAdd", x.shape(), a, index.shape());
    checkArgument(source.shape().equals(expected),
        "indexAdd: source %s does not match %s (base %s, index %s, axis %s)",
        source.shape(), expected, x.shape(), index.shape(), axis);
    Shape walked = x.shape().axesShape();
    int length = walked.dimsView()[a];
    int inner = walked.walkStrides()[a];
    int outer = outerSize(walked, a);
    int[] picks = indices("indexAdd", index, x.shape(), a);
    DType type = DType.promote(x.dtype(), source.dtype());
    return type == DType.FLOAT64
        ? IndexingF64.indexAdd(x.to(type), outer, length, inner, picks, source.to(type))
        : IndexingF32.indexAdd(x, outer, length, inner, picks, source);
  }

  static Tensor oneHot(Tensor classes, int count) {
    return oneHot(classes, count, DType.FLOAT64);
  }

  static Tensor oneHot(Tensor classes, int count, DType dtype) {
    checkNotNull(classes, "oneHot: classes are null");
    checkArgument(count > 0, "oneHot: class count must be positive, got %s", count);
    int[] dims = Arrays.copyOf(classes.shape().dimsView(), classes.rank() + 1);
    dims[classes.rank()] = count;
    int rows = classes.size();
    // The VM's longest array, not 2^31 - 1: one label of 2^31 - 1 classes passed and ended in
    // an OutOfMemoryError that named nothing.
    checkArgument((long) rows * count <= Tensors.LONGEST_ARRAY, "oneHot: %s labels of %s classes"
        + " make more elements than a Java array holds (%s)", rows, count, Tensors.LONGEST_ARRAY);
    int[] ones = classOffsets("oneHot", classes, count);
    if (dtype == DType.FLOAT64) {
      double[] out = new double[rows * count];
      for (int at : ones) {
        out[at] = 1.0;
      }
      return new Tensor(Shape.of(dims), out);
    }
    float[] out = new float[rows * count];
    for (int at : ones) {
      out[at] = 1.0f;
    }
    return new Tensor(Shape.of(dims), out);
  }

  /**
   * Where each row's class falls in rows of {@code count}: {@code i·count + classes[i]}, each
   * class checked to be a whole number in [0, count), in one pass. The tensor remembers the
   * result until it is changed in place (its {@link Tensor#version()}), so that a loss's forward
   * and backward, and every step of a loop over the same targets, check and place them once. The
   * array is shared: callers read it and never write it.
   */
  static int[] classOffsets(String op, Tensor classes, int count) {
    int[] kept = keptClassOffsets(classes, count);
    if (kept != null) {
      return kept;
    }
    int[] offsets = new int[classes.size()];
    int bad = classes.dtype() == DType.FLOAT64
        ? ReduceF64.classOffsets(classes.dataF64(), count, offsets)
        : ReduceF32.classOffsets(classes.dataF32(), count, offsets);
    if (bad >= 0) {
      // Built only on failure: checkArgument would find the value and its position every batch.
      throw new IllegalArgumentException(String.format(Locale.ROOT, 
          "%s: class %s at %s out of range for %s classes (valid: whole numbers 0 to %s)",
          op, classes.flatGet(bad), Arrays.toString(classes.shape().unravel(bad)), count,
          count - 1));
    }
    classes.classOffsets(new ClassOffsets(classes.version(), count, offsets));
    return offsets;
  }

  /** The offsets {@code classes} keeps for {@code count}, or null if none or it changed since. */
  static int[] keptClassOffsets(Tensor classes, int count) {
    ClassOffsets kept = classes.classOffsets();
    return kept != null && kept.count() == count && kept.version() == classes.version()
        ? kept.offsets() : null;
  }

  /** Offsets {@link #classOffsets} computed from a tensor at a version, for a class count. */
  record ClassOffsets(int version, int count, int[] offsets) {}

  private static int checkGatherShapes(
      String op, Shape shape, int axis, Tensor index, Shape indexed) {
    checkNotNull(index, "%s: index is null", op);
    int a = shape.wrapAxis(op, axis);
    Shape walked = shape.axesShape();
    Shape indexShape = gatherIndexShape(shape, index.shape());
    boolean fits = indexShape.rank() == walked.rank() && indexed.equals(index.shape());
    for (int d = 0; fits && d < walked.rank(); d++) {
      fits = d == a || indexShape.dimsView()[d] <= walked.dimsView()[d];
    }
    checkArgument(fits,
        "%s: index %s (values %s) does not fit %s along axis %s: %s, no larger outside the axis,"
            + " values shaped like the index", op, index.shape(), indexed, shape, axis,
        shape.rank() == 0 ? "rank 0 or 1 for a rank-0 tensor" : "same rank");
    return a;
  }

  /**
   * Whether gather or scatterAdd works along the last axis of a tensor of rank ≥ 1 with an index
   * of its sizes on every other axis: row r of the index picks from row r of x, no base offsets.
   */
  private static boolean rowsAlongLast(Shape shape, int axis, Shape index) {
    if (shape.rank() == 0 || axis != shape.rank() - 1) {
      return false;
    }
    for (int d = 0; d < axis; d++) {
      if (index.dimsView()[d] != shape.dimsView()[d]) {
        return false;
      }
    }
    return true;
  }

  /** gather's index as the kernels walk it: a rank-0 tensor's rank-0 index as [1], as its axis. */
  private static Shape gatherIndexShape(Shape shape, Shape index) {
    return shape.rank() == 0 && index.rank() == 0 ? Shape.of(1) : index;
  }

  /** For each index position, the offset in {@code shape} of the same position with axis at 0. */
  private static int[] baseOffsets(Shape shape, int axis, Shape indexShape) {
    int[] strides = shape.walkStrides();
    strides[axis] = 0;
    return Broadcast.offsets(indexShape.dimsView(), strides, 0);
  }

  private static Shape takenShape(String op, Shape shape, int axis, Shape index) {
    if (shape.rank() == 0) {
      // PyTorch's index_select of a 0-d tensor: one pick, the tensor itself (an index of two
      // zeros gave the value once, and an empty one uninitialised memory, so neither is taken).
      checkArgument(index.rank() <= 1 && index.size() == 1, "%s: index %s does not fit a rank-0"
          + " tensor, which takes an index of one element (shape [] or [1])", op, index);
      return shape;
    }
    int[] dims = shape.dimsView();
    int[] out = new int[dims.length - 1 + index.rank()];
    System.arraycopy(dims, 0, out, 0, axis);
    System.arraycopy(index.dimsView(), 0, out, axis, index.rank());
    System.arraycopy(dims, axis + 1, out, axis + index.rank(), dims.length - axis - 1);
    return Shape.of(out);
  }

  private static int outerSize(Shape shape, int axis) {
    int outer = 1;
    for (int i = 0; i < axis; i++) {
      outer *= shape.dimsView()[i];
    }
    return outer;
  }

  /** The index tensor's values as checked {@code int}s for axis {@code axis} of {@code shape}. */
  private static int[] indices(String op, Tensor index, Shape shape, int axis) {
    Storage values = index.storage();
    int[] picks = new int[values.length()];
    if (shape.rank() > 0) {
      int size = shape.dimsView()[axis];
      int bad = index.dtype() == DType.FLOAT64
          ? IndexingF64.indices(index.dataF64(), size, picks)
          : IndexingF32.indices(index.dataF32(), size, picks);
      if (bad >= 0) {
        throw outOfRange(op, values.get(bad), shape, axis);
      }
      return picks;
    }
    for (int i = 0; i < picks.length; i++) {
      // A rank-0 tensor's axis has no end to count back from: PyTorch refuses −1 as it does 1.
      if (values.get(i) != 0) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "%s: index %s out of range for shape []"
            + " (a rank-0 tensor's one element is at index 0 only)", op, values.get(i)));
      }
    }
    return picks;
  }

  /** The error for an index value the kernels' {@code indices} refused for an axis of shape. */
  private static IllegalArgumentException outOfRange(String op, double value, Shape shape,
      int axis) {
    int size = shape.dimsView()[axis];
    if (size == 0) {
      // The range below would read "-0 to -1"; an empty axis has no valid index to name.
      return new IllegalArgumentException(String.format(Locale.ROOT,
          "%s: index %s out of range for axis %d of %s (the axis is empty: no index is valid)",
          op, value, axis, shape));
    }
    return new IllegalArgumentException(String.format(Locale.ROOT,
        "%s: index %s out of range for axis %d of %s (valid: whole numbers -%d to %d)",
        op, value, axis, shape, size, size - 1));
  }
}
