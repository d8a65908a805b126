package dev.chainrule.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;

/**
 * Selection by index tensors and its adjoints. Indices are stored as doubles like every other value
 * and must be whole numbers in {@code [0, size)}; anything else is an error naming the value.
 *
 * <p>{@code gather}/{@code scatterAdd} follow PyTorch (an index per output element);
 * {@code take}/{@code indexAdd} follow NumPy's {@code take} (whole slices picked along an axis).
 * Each pair is adjoint: the gradient of one is the other, which is what autograd builds on.
 */
final class Indexing {
  private Indexing() {}

  static Tensor gather(Tensor x, int axis, Tensor index) {
    int a = checkGatherShapes("gather", x.shape(), axis, index, index.shape());
    int stride = x.shape().strides()[a];
    int[] base = baseOffsets(x.shape(), a, index.shape());
    double[] out = new double[index.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = x.data[base[i] + stride * toIndex("gather", index.data[i], x.shape(), a)];
    }
    return new Tensor(index.shape(), out);
  }

  static Tensor scatterAdd(Tensor x, int axis, Tensor index, Tensor source) {
    checkNotNull(source, "scatterAdd: source is null");
    int a = checkGatherShapes("scatterAdd", x.shape(), axis, index, source.shape());
    int stride = x.shape().strides()[a];
    int[] base = baseOffsets(x.shape(), a, index.shape());
    double[] out = x.data.clone();
    for (int i = 0; i < base.length; i++) {
      out[base[i] + stride * toIndex("scatterAdd", index.data[i], x.shape(), a)] +=
          source.data[i];
    }
    return new Tensor(x.shape(), out);
  }

  static Tensor take(Tensor x, Tensor index, int axis) {
    checkNotNull(index, "take: index is null");
    int a = x.shape().normalizeAxis("take", axis);
    Shape shape = takenShape(x.shape(), a, index.shape());
    int length = x.shape().dimsView()[a];
    int inner = x.shape().strides()[a];
    int outer = outerSize(x.shape(), a);
    int picks = index.size();
    double[] out = new double[shape.size()];
    for (int j = 0; j < picks; j++) {
      int k = toIndex("take", index.data[j], x.shape(), a);
      for (int o = 0; o < outer; o++) {
        System.arraycopy(x.data, (o * length + k) * inner, out, (o * picks + j) * inner, inner);
      }
    }
    return new Tensor(shape, out);
  }

  static Tensor indexAdd(Tensor x, int axis, Tensor index, Tensor source) {
    checkNotNull(index, "indexAdd: index is null");
    checkNotNull(source, "indexAdd: source is null");
    int a = x.shape().normalizeAxis("indexAdd", axis);
    Shape expected = takenShape(x.shape(), a, index.shape());
    checkArgument(source.shape().equals(expected),
        "indexAdd: source %s does not match %s (base %s, index %s, axis %s)",
        source.shape(), expected, x.shape(), index.shape(), axis);
    int length = x.shape().dimsView()[a];
    int inner = x.shape().strides()[a];
    int outer = outerSize(x.shape(), a);
    int picks = index.size();
    double[] out = x.data.clone();
    for (int j = 0; j < picks; j++) {
      int k = toIndex("indexAdd", index.data[j], x.shape(), a);
      for (int o = 0; o < outer; o++) {
        int to = (o * length + k) * inner;
        int from = (o * picks + j) * inner;
        for (int i = 0; i < inner; i++) {
          out[to + i] += source.data[from + i];
        }
      }
    }
    return new Tensor(x.shape(), out);
  }

  static Tensor oneHot(Tensor classes, int count) {
    checkNotNull(classes, "oneHot: classes are null");
    checkArgument(count > 0, "oneHot: class count must be positive, got %s", count);
    int[] dims = Arrays.copyOf(classes.shape().dimsView(), classes.rank() + 1);
    dims[classes.rank()] = count;
    double[] out = new double[classes.size() * count];
    for (int i = 0; i < classes.size(); i++) {
      double c = classes.data[i];
      checkArgument(c >= 0 && c < count && c == Math.rint(c),
          "oneHot: class %s out of range for %s classes (valid: whole numbers 0 to %s)",
          c, count, count - 1);
      out[i * count + (int) c] = 1.0;
    }
    return new Tensor(Shape.of(dims), out);
  }

  private static int checkGatherShapes(
      String op, Shape shape, int axis, Tensor index, Shape indexed) {
    checkNotNull(index, "%s: index is null", op);
    int a = shape.normalizeAxis(op, axis);
    boolean fits = index.rank() == shape.rank() && indexed.equals(index.shape());
    for (int d = 0; fits && d < shape.rank(); d++) {
      fits = d == a || index.shape().dimsView()[d] <= shape.dimsView()[d];
    }
    checkArgument(fits,
        "%s: index %s (values %s) does not fit %s along axis %s: same rank, no larger"
            + " outside the axis, values shaped like the index",
        op, index.shape(), indexed, shape, axis);
    return a;
  }

  /** For each index position, the offset in {@code shape} of the same position with axis at 0. */
  private static int[] baseOffsets(Shape shape, int axis, Shape indexShape) {
    int[] strides = shape.strides();
    strides[axis] = 0;
    return Broadcast.offsets(indexShape.dimsView(), strides, 0);
  }

  private static Shape takenShape(Shape shape, int axis, Shape index) {
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

  private static int toIndex(String op, double value, Shape shape, int axis) {
    int size = shape.dimsView()[axis];
    if (!(value >= 0 && value < size && value == Math.rint(value))) {
      throw new IllegalArgumentException(String.format(
          "%s: index %s out of range for axis %d of %s (valid: whole numbers 0 to %d)",
          op, value, axis, shape, size - 1));
    }
    return (int) value;
  }
}
