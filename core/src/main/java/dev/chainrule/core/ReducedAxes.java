package dev.chainrule.core;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import java.util.Locale;

/**
 * The axes that an operation reduces or normalizes along (sum, mean, max, min, logSumExp,
 * variance, argmax, argmin, softmax, logSoftmax), validated once under the operation's name: each
 * axis in [−rank, rank), negative ones counting from the end, each named once. A rank-0 shape
 * takes axis 0 or −1, as PyTorch 1.13 does: its one element is a group of its own, so its kept
 * shape is [] (keepDims leaves it rank 0), its group holds one value and that value's index is 0.
 * Core's reductions and autograd's rules both read their axes here, and the answers below (the
 * kept shape, the group size) already hold the rank-0 rule, so neither treats rank 0 apart.
 */
public final class ReducedAxes {
  private final Shape shape;
  /** One flag per axis of {@link #shape}: none for rank 0, whose one element is its own group. */
  private final boolean[] reduced;

  private ReducedAxes(Shape shape, boolean[] reduced) {
    this.shape = shape;
    this.reduced = reduced;
  }

  /**
   * The axes of {@code shape} that {@code op} reduces or normalizes along, validated.
   *
   * @param op the operation, for the messages
   * @param shape the input's shape
   * @param axes the axes, each in [−rank, rank) (0 or −1 for rank 0) and named once, in any
   *     order; none reduces nothing (NumPy's {@code axis=()})
   * @return the reduced axes
   * @throws IllegalArgumentException naming {@code op}, the axis and the shape when an axis is out
   *     of range or repeated (0 and −1 of a rank-0 shape are the same axis)
   * @throws NullPointerException naming {@code op} when the shape or the axes are null
   */
  public static ReducedAxes of(String op, Shape shape, int... axes) {
    checkNotNull(shape, "%s: shape is null", op);
    checkNotNull(axes, "%s: axes are null", op);
    int rank = shape.rank();
    // A rank-0 shape is flagged as if it had one axis, only to find 0 and −1 named twice.
    boolean[] seen = new boolean[Math.max(1, rank)];
    for (int axis : axes) {
      int a = shape.wrapAxis(op, axis);  // rank 0: 0 or −1, PyTorch's one axis
      if (seen[a]) {
        throw new IllegalArgumentException(String.format(Locale.ROOT, 
            "%s: axis %s repeated in %s for shape %s", op, axis, Arrays.toString(axes), shape));
      }
      seen[a] = true;
    }
    return new ReducedAxes(shape, rank == 0 ? new boolean[0] : seen);
  }

  /**
   * Every axis of {@code shape}: the reduction to one value.
   *
   * @param shape the input's shape
   * @return its axes, all reduced
   * @throws NullPointerException when the shape is null
   */
  public static ReducedAxes all(Shape shape) {
    checkNotNull(shape, "ReducedAxes.all: shape is null");
    return new ReducedAxes(shape, Reductions.allAxes(shape));
  }

  /**
   * The input's shape with each reduced axis of size 1: the result's shape under keepDims, which
   * broadcasts against the input ([] for a rank-0 input).
   *
   * @return the kept shape
   */
  public Shape kept() {
    return reducedShape(shape, reduced, true);
  }

  /**
   * The result's shape: the reduced axes of size 1 when kept, gone otherwise.
   *
   * @param keepDims whether the reduced axes stay, with size 1
   * @return the result's shape
   */
  public Shape result(boolean keepDims) {
    return reducedShape(shape, reduced, keepDims);
  }

  /**
   * How many values each reduced value summarises: the product of the reduced axes' sizes (1 for
   * a rank-0 input or no axes); a long, as an empty tensor's groups may hold more than an int
   * counts.
   *
   * @return the values per group
   */
  public long groupSize() {
    return count(shape, reduced);
  }

  /** The reduced axes as a flag per axis of the shape, for this package's kernels. */
  boolean[] mask() {
    return reduced;
  }

  /**
   * Whether every reduced axis comes after every kept one, so each group is a contiguous run of
   * {@link #groupSize} elements in row-major order (a rank-0 input's one element is such a run).
   */
  boolean isTrailing() {
    for (int axis = 1; axis < reduced.length; axis++) {
      if (reduced[axis - 1] && !reduced[axis]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The elements from one value of a group to the next when a single axis is reduced: its
   * {@link Shape#walkStrides walk stride}, 1 for a rank-0 input.
   */
  int inner() {
    int[] strides = shape.walkStrides();
    for (int axis = 0; axis < reduced.length; axis++) {
      if (reduced[axis]) {
        return strides[axis];
      }
    }
    return 1;
  }

  /** The shape after reduction: reduced axes become 1 when kept, disappear otherwise. */
  static Shape reducedShape(Shape shape, boolean[] reduced, boolean keepDims) {
    int[] dims = shape.dimsView();
    int removed = 0;
    for (boolean flag : reduced) {
      removed += flag ? 1 : 0;
    }
    int[] out = new int[keepDims ? dims.length : dims.length - removed];
    for (int axis = 0, j = 0; axis < dims.length; axis++) {
      if (!reduced[axis]) {
        out[j++] = dims[axis];
      } else if (keepDims) {
        out[j++] = 1;
      }
    }
    return Shape.of(out);
  }

  /**
   * Values per group: a long, as the groups of an empty tensor ([0, 65536, 65536] over its last
   * two axes) may each hold more values than an int counts, and an int's overflow to 0 refused
   * their unbiased variance as too few values.
   */
  static long count(Shape shape, boolean[] reduced) {
    long count = 1;
    for (int axis = 0; axis < reduced.length; axis++) {
      if (reduced[axis]) {
        count *= shape.dimsView()[axis];
      }
    }
    return count;
  }

  /** How many groups a reduction of {@code shape} over {@code reduced} has: its result's size. */
  static long groups(Shape shape, boolean[] reduced) {
    long groups = 1;
    for (int axis = 0; axis < shape.rank(); axis++) {
      if (axis >= reduced.length || !reduced[axis]) {
        groups *= shape.dimsView()[axis];
      }
    }
    return groups;
  }
}
