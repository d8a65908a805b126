package dev.chainrule.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ObjectArrays;
import java.util.Arrays;
import java.util.Locale;

/**
 * Concatenation and stacking: the result's shape checked against the longest Java array first,
 * then each part's blocks copied straight into it, in the widest of the parts' types.
 */
final class Joining {
  /** Elements of the result written per tile: 32 KiB of float64, within a core's L1 cache. */
  private static final int TILE = 4096;

  private Joining() {}

  static Tensor concat(int axis, Tensor[] parts) {
    checkNotNull(parts, "concat: tensors are null");
    checkArgument(parts.length > 0, "concat: needs at least one tensor");
    Shape first = checkNotNull(parts[0], "concat: tensor 0 is null").shape();
    checkArgument(first.rank() > 0, "concat: cannot concatenate scalars (use stack)");
    int a = first.normalizeAxis("concat", axis);
    int[] dims = first.dims();
    long total = 0; // a long: parts of 1.5e9 along the axis each must not wrap around
    for (int p = 0; p < parts.length; p++) {
      checkNotNull(parts[p], "concat: tensor %s is null", p);
      int[] other = parts[p].shape().dimsView();
      boolean same = other.length == dims.length;
      for (int i = 0; same && i < dims.length; i++) {
        same = i == a || other[i] == dims[i];
      }
      checkArgument(same, "concat: shapes %s and %s differ outside axis %s",
          first, parts[p].shape(), axis);
      total += other[a];
    }
    checkArgument(total <= Integer.MAX_VALUE,
        "concat: the lengths along axis %s add up to %s, more than 2^31 - 1", axis, total);
    dims[a] = (int) total;
    Shape shape = Shape.of(dims);
    if (!shape.hasIntSize()) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, 
          "concat: the result %s has more than 2^31 - 1 elements", shape));
    }
    // 2^31 - 2 elements (one part referenced 14322 times) passed the int check and ended in an
    // OutOfMemoryError naming nothing.
    if (!shape.fitsArray()) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "concat: the result %s has"
          + " %d elements, more than a Java array holds (%d)", shape, shape.size(),
          Tensors.LONGEST_ARRAY));
    }
    int inner = innerSize(first.dimsView(), a);
    int[] blocks = new int[parts.length];
    for (int p = 0; p < parts.length; p++) {
      blocks[p] = parts[p].shape().dimsView()[a] * inner;
    }
    return copyBlocks(parts, shape, a, blocks);
  }

  /** The receiver of {@code x.concat(axis, others)} (or stack) followed by the others. */
  static Tensor[] withFirst(String op, Tensor first, Tensor[] others) {
    checkNotNull(others, "%s: the other tensors are null", op);
    return ObjectArrays.concat(first, others);
  }

  /**
   * The parts along a new axis: what concatenating them unsqueezed at {@code axis} gives, the
   * same blocks in the same order, written straight into the result. Unsqueezing copied every
   * part first (tensors share no storage), so a stack held its elements twice at its peak, and
   * one longer than an array ran out of memory copying the parts before concat could refuse it.
   */
  static Tensor stack(int axis, Tensor[] parts) {
    checkNotNull(parts, "stack: tensors are null");
    checkArgument(parts.length > 0, "stack: needs at least one tensor");
    Shape first = checkNotNull(parts[0], "stack: tensor 0 is null").shape();
    int a = first.normalizeAxis("stack", axis, first.rank() + 1);
    for (int p = 0; p < parts.length; p++) {
      checkNotNull(parts[p], "stack: tensor %s is null", p);
      checkArgument(parts[p].shape().equals(first), "stack: shapes %s and %s differ",
          first, parts[p].shape());
    }
    Shape shape = stackedShape(parts.length, first, a);
    int[] blocks = new int[parts.length];
    // Each part's elements past the axes before the new one (a whole part when it is first).
    Arrays.fill(blocks, shape.size() == 0 ? 0 : innerSize(first.dimsView(), a - 1));
    return copyBlocks(parts, shape, a, blocks);
  }

  /**
   * The shape {@link Tensors#stack} gives {@code count} parts of shape {@code part} along a new
   * axis {@code axis}, already in [0, rank], refused before anything is copied when it holds more
   * elements than a Java array.
   */
  static Shape stackedShape(int count, Shape part, int axis) {
    int[] partDims = part.dimsView();
    int[] dims = new int[partDims.length + 1];
    System.arraycopy(partDims, 0, dims, 0, axis);
    dims[axis] = count;
    System.arraycopy(partDims, axis, dims, axis + 1, partDims.length - axis);
    // A part's size is an int, and the product of two ints fits a long.
    long total = (long) count * part.size();
    if (total > Tensors.LONGEST_ARRAY) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "stack: %d parts of %s make"
          + " %s, %d elements, more than a Java array holds (%d)", count, part, Shape.of(dims),
          total, Tensors.LONGEST_ARRAY));
    }
    return Shape.of(dims);
  }

  /**
   * The result of {@code shape}: for each index of the axes before {@code axis}, the joined one,
   * each part's next block of {@code blocks[p]} elements in turn. Written a tile of those indices
   * at a time, part after part: a stack along the last axis writes every P-th element per part,
   * and a tile of about {@link #TILE} elements stays in cache while the parts fill it in.
   */
  private static Tensor copyBlocks(Tensor[] parts, Shape shape, int axis, int[] blocks) {
    DType type = parts[0].dtype();
    for (Tensor part : parts) {
      type = DType.promote(type, part.dtype());
    }
    Storage[] sources = new Storage[parts.length];
    int row = 0;
    for (int p = 0; p < parts.length; p++) {
      sources[p] = parts[p].to(type).storage();
      row += blocks[p];
    }
    // Every element is written, so the result may be a recycled array with any contents.
    Storage out = sources[0].buffer(shape.size());
    // Empty, the axes before the joined one may multiply past an int: nothing to copy.
    int outer = shape.size() == 0 ? 0 : outerSize(shape.dimsView(), axis);
    int tile = Math.max(1, TILE / Math.max(1, row));
    for (int first = 0; first < outer; first += tile) {
      int count = Math.min(tile, outer - first);
      int offset = first * row;
      for (int p = 0; p < parts.length; p++) {
        Storage.copyBlocks(sources[p], first * blocks[p], blocks[p], out, offset, row, blocks[p],
            count);
        offset += blocks[p];
      }
    }
    return new Tensor(shape, out);
  }

  /** Product of the dimensions before {@code axis}. */
  private static int outerSize(int[] dims, int axis) {
    int size = 1;
    for (int i = 0; i < axis; i++) {
      size *= dims[i];
    }
    return size;
  }

  /** Product of the dimensions after {@code axis}. */
  private static int innerSize(int[] dims, int axis) {
    int size = 1;
    for (int i = axis + 1; i < dims.length; i++) {
      size *= dims[i];
    }
    return size;
  }
}
