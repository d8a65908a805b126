package dev.chainrule.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import java.util.Locale;

/**
 * The dimensions of a tensor, outermost first. Rank 0 is a scalar, whose size is 1.
 *
 * <p>A record over an {@code int[]}: the array is copied on the way in and out, and equality is by
 * content, so a shape is a value like any other.
 *
 * @param dims the size of each axis, outermost first; empty for a scalar
 * @serial exclude (a record is serialized as its components, which the tag above describes;
 *     JDK 17's javadoc asks for a comment on each component's field, which cannot have one)
 */
// Serializable: an AnomalyException names shapes, and one from a Spark executor reaches the driver
// serialized.
public record Shape(int[] dims) implements java.io.Serializable {
  private static final Shape SCALAR = new Shape(new int[0]);
  /** Shapes are made for every op's result; small ones are shared (see {@link #of}). */
  private static final int SHARED_LIMIT = 32;
  private static final Shape[] VECTORS = new Shape[SHARED_LIMIT];
  private static final Shape[] MATRICES = new Shape[SHARED_LIMIT * SHARED_LIMIT];
  /**
   * Vectors and matrices past those tables, most often a batch's rows ([150], [150, 16]), in a
   * direct-mapped cache of the shapes made last: a training step asks for the same few again
   * (the Iris step made seven such shapes a step, each an object and two arrays). A slot holds
   * whichever shape came to it last; a race only makes a shape twice. A power of two.
   */
  private static final Shape[] RECENT = new Shape[256];

  static {
    // Every slot starts with the rank-0 shape, which no vector or matrix matches: no null check.
    Arrays.fill(RECENT, SCALAR);
  }

  /**
   * Validates and copies the dimensions; every dimension must be at least 0 (a 0 makes an empty
   * tensor, as in NumPy).
   *
   * @param dims the size of each axis, outermost first; the array is copied
   * @throws IllegalArgumentException naming the dimensions when one is negative
   * @throws NullPointerException when {@code dims} is null
   */
  public Shape {
    checkNotNull(dims, "shape: dimensions are null");
    dims = dims.clone();
    for (int d : dims) {
      if (d < 0) {
        throw new IllegalArgumentException("shape: negative dimension in " + Arrays.toString(dims));
      }
    }
  }

  /**
   * A shape with the given dimensions: {@code Shape.of(3, 4)} is [3, 4], {@code Shape.of()} the
   * scalar shape.
   *
   * @param dims the size of each axis, outermost first, each at least 0; the array is copied
   * @return the shape
   * @throws IllegalArgumentException naming the dimensions when one is negative
   */
  public static Shape of(int... dims) {
    checkNotNull(dims, "shape: dimensions are null");
    // A shape is an immutable value, so vectors and matrices with dimensions under 32 (every
    // shape of a small network) are made once and shared: a new one costs two arrays and an
    // object per op. The tables fill as shapes are asked for; a race only makes one twice.
    if (dims.length == 1 && dims[0] >= 0 && dims[0] < SHARED_LIMIT) {
      return shared(VECTORS, dims[0], dims);
    }
    if (dims.length == 2 && dims[0] >= 0 && dims[0] < SHARED_LIMIT && dims[1] >= 0
        && dims[1] < SHARED_LIMIT) {
      return shared(MATRICES, dims[0] * SHARED_LIMIT + dims[1], dims);
    }
    return dims.length == 0 ? SCALAR : recent(dims);
  }

  /**
   * The shape of one or two dimensions from {@link #RECENT}'s slot for them, or a new one left
   * there; a new one for more. Only a cache: which slot, and whether a shape is taken from it or
   * made again, never changes the value returned. A negative dimension matches no cached shape,
   * and its new one throws before it is stored.
   */
  private static Shape recent(int[] dims) {
    if (dims.length > 2) {
      return new Shape(dims);
    }
    int hash = (dims.length == 1 ? dims[0] : dims[0] * 31 + dims[1]) * 0x9E3779B1;
    int slot = hash >>> 24;  // the multiply's top bits mix both dimensions; 256 slots
    Shape shape = RECENT[slot];
    if (shape.dims.length == dims.length && shape.dims[0] == dims[0]
        && (dims.length == 1 || shape.dims[1] == dims[1])) {
      return shape;
    }
    shape = new Shape(dims);
    RECENT[slot] = shape;
    return shape;
  }

  /**
   * {@link #of(int...)} for dimensions an operation was given as they are ({@code zeros(2, -1)},
   * {@code x.broadcastTo(-1)}): its errors name that operation, where the shape's own named none
   * ("shape: negative dimension in [-1]").
   *
   * @param op the operation the dimensions were given to, as its messages name it
   * @param dims the size of each axis, outermost first, each at least 0; the array is copied
   * @return the shape
   * @throws IllegalArgumentException naming the operation and the dimensions when one is negative
   * @throws NullPointerException naming the operation when {@code dims} is null
   */
  public static Shape of(String op, int... dims) {
    checkNotNull(dims, "%s: dimensions are null", op);
    for (int d : dims) {
      if (d < 0) {
        throw new IllegalArgumentException(op + ": negative dimension in " + Arrays.toString(dims));
      }
    }
    return of(dims);
  }

  private static Shape shared(Shape[] table, int index, int[] dims) {
    Shape shape = table[index];
    if (shape == null) {
      shape = new Shape(dims);
      table[index] = shape;
    }
    return shape;
  }

  /**
   * The rank-0 shape, [], of a scalar.
   *
   * @return the shared rank-0 shape
   */
  public static Shape scalar() {
    return SCALAR;
  }

  /**
   * The dimensions, outermost first.
   *
   * @return a fresh copy, which the caller may change
   */
  @Override
  public int[] dims() {
    return dims.clone();
  }

  /**
   * Number of axes.
   *
   * @return 0 for a scalar, 1 for a vector, 2 for a matrix, ...
   */
  public int rank() {
    return dims.length;
  }

  /**
   * The size of an axis; negative axes count from the end, as in NumPy.
   *
   * @param axis the axis, in [−rank, rank); −1 is the last
   * @return its size
   * @throws IllegalArgumentException naming the axis and the shape when it is out of range
   */
  public int dim(int axis) {
    return dims[normalizeAxis("dim", axis)];
  }

  /**
   * Number of elements: the product of the dimensions.
   *
   * @return the product of the dimensions: 1 for a scalar, 0 when any dimension is 0
   * @throws IllegalArgumentException when the product exceeds {@code Integer.MAX_VALUE}
   */
  public int size() {
    long size = clampedSize();
    checkArgument(size <= Integer.MAX_VALUE, "shape: %s has more than 2^31 - 1 elements", this);
    return (int) size;
  }

  /**
   * Whether {@link #size()} fits an int, for operations that name themselves when it does not.
   */
  boolean hasIntSize() {
    return clampedSize() <= Integer.MAX_VALUE;
  }

  /**
   * Whether a Java array can hold this many elements (HotSpot's longest is 2^31 − 3), in one pass
   * over the dimensions, for operations that name themselves when it cannot.
   */
  boolean fitsArray() {
    return clampedSize() <= Tensors.LONGEST_ARRAY;
  }

  /** The number of elements, or 2^31 when it is larger. */
  private long clampedSize() {
    long size = 1;
    for (int d : dims) {
      // Held at 2^31 once past it, so that no product of dimensions wraps around (a 0 later still
      // makes it 0).
      size = Math.min(size * d, Integer.MAX_VALUE + 1L);
    }
    return size;
  }

  /**
   * Whether this is the rank-0 shape.
   *
   * @return true when there are no axes
   */
  public boolean isScalar() {
    return dims.length == 0;
  }

  /**
   * The index along each axis of the element at a row-major position (NumPy's {@code
   * unravel_index}): how a message names where an offending value lies.
   *
   * @param flatIndex the position, in [0, size)
   * @return a fresh array, one index per axis ([2, 3] and 4 give [1, 1])
   * @throws IllegalArgumentException naming unravel when the position is outside the shape
   */
  public int[] unravel(int flatIndex) {
    checkArgument(flatIndex >= 0 && flatIndex < size(), "unravel: position %s is outside %s",
        flatIndex, this);
    int[] index = new int[dims.length];
    for (int axis = dims.length - 1, rest = flatIndex; axis >= 0; axis--) {
      index[axis] = rest % dims[axis];
      rest /= dims[axis];
    }
    return index;
  }

  /**
   * Row-major strides in elements: the step in storage for one step along each axis.
   *
   * @return a fresh array, one stride per axis; the last is 1 ([3, 4] gives [4, 1])
   * @throws IllegalArgumentException naming strides, the shape and the axis when a stride is more
   *     than 2^31 − 1: the axes after it hold more elements than an array does, as in [2, 65536,
   *     65536], or in the empty [0, 65536, 65536], whose first stride would be 2^32
   */
  public int[] strides() {
    return RowMajor.strides(dims);
  }

  /** {@link #strides()} for this package's walks, which never refuse a shape ({@link RowMajor}). */
  int[] walkStrides() {
    return RowMajor.walkStrides(dims);
  }

  /**
   * Maps a possibly negative axis to {@code [0, rank)}, or throws naming the operation; for code
   * that validates an axis argument the way the built-in operations do.
   *
   * @param op the operation, for the message
   * @param axis the axis, in [−rank, rank); −1 is the last
   * @return the same axis counted from the front, in [0, rank)
   * @throws IllegalArgumentException naming {@code op}, the axis and the shape when it is out of
   *     range
   */
  public int normalizeAxis(String op, int axis) {
    return normalizeAxis(op, axis, dims.length);
  }

  /**
   * The shape that {@code shapes} broadcast to under NumPy's rules (aligned at their last axes,
   * an axis of size 1 stretching to the other's size), PyTorch's {@code broadcast_shapes}; for
   * code that checks its operands up front the way the built-in operations do, such as an op
   * composed of others, whose own name belongs in the message.
   *
   * @param op the operation, for the message
   * @param shapes the operands' shapes
   * @return the broadcast shape
   * @throws IllegalArgumentException naming {@code op}, the shapes and the first axis (from the
   *     end) where two sizes differ and neither is 1
   */
  public static Shape broadcast(String op, Shape... shapes) {
    checkNotNull(shapes, "%s: shapes are null", op);
    for (int i = 0; i < shapes.length; i++) {
      checkNotNull(shapes[i], "%s: shape %s is null", op, i);
    }
    return Broadcast.shapes(op, shapes);
  }

  /**
   * {@link #normalizeAxis(String, int)} as PyTorch wraps dimensions: a rank-0 shape has one axis
   * here, named 0 or −1 (its one element, walked as an axis of size 1). For the
   * operations that take a rank-0 tensor's axis as PyTorch 1.13 does: reductions and softmaxes
   * ({@link ReducedAxes}), transpose, squeeze and the four indexing operations. It is a sibling of
   * normalizeAxis rather than its new rule because slice, concat, {@link #dim} and a user's own
   * checks must still refuse rank 0's axis (PyTorch refuses narrow and cat of a 0-d tensor too),
   * and an index from normalizeAxis is always an index into {@link #dims()}, which this is not.
   *
   * @param op the operation, for the message
   * @param axis the axis, in [−rank, rank), or 0 or −1 for rank 0
   * @return the same axis counted from the front: in [0, rank), or 0 for rank 0
   * @throws IllegalArgumentException naming {@code op}, the axis and the shape when it is out of
   *     range
   */
  public int wrapAxis(String op, int axis) {
    return normalizeAxis(op, axis, Math.max(1, dims.length));
  }

  /**
   * The shape whose axes {@link #wrapAxis} numbers: this one, or [1] for rank 0, for kernels that
   * walk the wrapped axis (its size and stride are then 1, its one index 0).
   */
  Shape axesShape() {
    return dims.length == 0 ? Shape.of(1) : this;
  }

  /**
   * As {@link #normalizeAxis(String, int)} for a rank that differs from this shape's (unsqueeze).
   */
  int normalizeAxis(String op, int axis, int rank) {
    if (axis >= -rank && axis < rank) {
      return axis < 0 ? axis + rank : axis;
    }
    // Checked inline, the message built only on failure: checkArgument takes its arguments as
    // objects, boxing the axis on every call, and dim(-1) is in every op's checks (the XOR step
    // took 0.984 of its time this way).
    throw new IllegalArgumentException(
        String.format(Locale.ROOT, "%s: axis %s out of range for shape %s", op, axis, this));
  }

  /** The row-major storage offset of a full index, or an exception naming the operation. */
  int offsetOf(String op, int[] index) {
    return RowMajor.offsetOf(op, dims, index);
  }

  /** Dimensions as a read-only view, for kernels in this package that must not allocate. */
  int[] dimsView() {
    return dims;
  }

  @Override
  public boolean equals(Object other) {
    // Every kernel compares shapes first; for a handful of dimensions a plain loop is cheaper
    // than Arrays.equals, whose vectorized mismatch pays off only on long arrays.
    if (this == other) {
      return true;
    }
    if (!(other instanceof Shape shape) || shape.dims.length != dims.length) {
      return false;
    }
    for (int axis = 0; axis < dims.length; axis++) {
      if (dims[axis] != shape.dims[axis]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  /** NumPy-like: {@code [3, 4]}, {@code []} for a scalar. */
  @Override
  public String toString() {
    return Arrays.toString(dims);
  }
}
