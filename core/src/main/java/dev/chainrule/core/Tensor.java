package dev.chainrule.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.function.DoubleUnaryOperator;

/**
 * An n-dimensional array of numbers: a {@link Shape}, a {@link DType} and contiguous row-major
 * storage. Tensors are values: every operation returns a new tensor and binary operations
 * broadcast exactly as NumPy does. The exceptions are the methods named {@code ...InPlace}, which
 * exist for optimizers and gradient buffers that own the tensor they update (each bumps the
 * tensor's {@link #version()}), and {@link #to} into the type a tensor has already, which returns
 * the tensor itself, as PyTorch's does.
 *
 * <p>Every factory makes FLOAT64 unless told otherwise. An operation on two tensors of different
 * types computes in the wider one ({@link DType#promote}); a Java {@code double} argument never
 * changes a tensor's type, so {@code x.mul(0.5)} of a float32 {@code x} is float32.
 *
 * <p>Errors name the operation and the shapes, e.g. {@code add: shapes [3, 4] and [5] do not
 * broadcast (axis -1: 4 vs 5)}. NaN and infinities are values, not errors.
 */
public final class Tensor {
  private final Shape shape;
  private final Storage storage;
  /** Bumped by every in-place change, so a graph can tell that a value it saved was modified. */
  private int version;
  /** The recycling scope this tensor was born in, until its array is recycled (see Recycling). */
  private Recycling.Scope birth;
  /** This tensor's values as class offsets, once a loss has asked (see Indexing.classOffsets). */
  private Indexing.ClassOffsets classOffsets;

  /** Takes ownership of {@code storage}; for kernels in this package, which never share arrays. */
  Tensor(Shape shape, Storage storage) {
    this.shape = shape;
    this.storage = storage;
    this.birth = Recycling.birthScope(storage.length());
  }

  /** Whether this tensor was born in {@code scope} and not recycled yet. */
  boolean bornIn(Recycling.Scope scope) {
    return birth == scope;
  }

  /** Whether this tensor was born in {@code scope} and not recycled yet; if so, it is now. */
  boolean claimBirth(Recycling.Scope scope) {
    if (!bornIn(scope)) {
      return false;
    }
    birth = null;
    return true;
  }

  /** Whether this tensor was born in a scope now closed and not recycled yet; if so, it is now. */
  boolean claimBirthOfClosedScope() {
    return birth != null && !birth.isOpen() && claimBirth(birth);
  }

  /** A float64 tensor owning {@code data}. */
  Tensor(Shape shape, double[] data) {
    this(shape, new Storage.F64(data));
  }

  /** A float32 tensor owning {@code data}. */
  Tensor(Shape shape, float[] data) {
    this(shape, new Storage.F32(data));
  }

  /**
   * A float64 tensor with a copy of {@code values} laid out row-major in the given shape:
   * {@code Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3)} is [[1, 2, 3], [4, 5, 6]].
   *
   * @param values the elements, row-major; copied
   * @param dims the size of each axis, outermost first (none for a scalar); their product must be
   *     {@code values.length}
   * @return a new float64 tensor
   * @throws IllegalArgumentException naming the count of values and the shape when they do not fill
   *     the shape, or the dimensions when one is negative
   */
  public static Tensor of(double[] values, int... dims) {
    checkNotNull(values, "of: values are null");
    return new Tensor(filledShape(values.length, dims), values.clone());
  }

  /**
   * A float32 tensor with a copy of {@code values} laid out row-major in the given shape.
   *
   * @param values the elements, row-major; copied
   * @param dims the size of each axis, outermost first (none for a scalar); their product must be
   *     {@code values.length}
   * @return a new float32 tensor
   * @throws IllegalArgumentException naming the count of values and the shape when they do not fill
   *     the shape, or the dimensions when one is negative
   */
  public static Tensor of(float[] values, int... dims) {
    checkNotNull(values, "of: values are null");
    return new Tensor(filledShape(values.length, dims), values.clone());
  }

  private static Shape filledShape(int length, int[] dims) {
    Shape shape = Shape.of("of", dims);
    // A shape past an int's elements holds more than any array of values; its size() said
    // "shape: ..." before this message could name Tensor.of.
    String elements = !shape.hasIntSize() ? "more than 2^31 - 1 elements"
        : shape.size() + " element" + (shape.size() == 1 ? "" : "s");
    checkArgument(shape.hasIntSize() && length == shape.size(),
        "of: %s values do not fill shape %s (%s)%s", length, shape, elements, dims.length == 0
            ? "; without dimensions Tensor.of makes a scalar: give the dimensions, or make a"
                + " vector with Tensor.vector" : "");
    return shape;
  }

  /**
   * A float64 rank-0 tensor.
   *
   * @param value the value
   * @return a new tensor of shape []
   */
  public static Tensor scalar(double value) {
    return new Tensor(Shape.scalar(), new double[] {value});
  }

  /**
   * A rank-0 tensor of the given type (the value rounded to float for FLOAT32).
   *
   * @param value the value
   * @param dtype the element type
   * @return a new tensor of shape []
   */
  public static Tensor scalar(double value, DType dtype) {
    return scalar(value).to(checkNotNull(dtype, "scalar: dtype is null"));
  }

  /**
   * A float64 rank-1 tensor of the given values.
   *
   * @param values the elements; copied
   * @return a new tensor of shape [values.length]
   */
  public static Tensor vector(double... values) {
    checkNotNull(values, "vector: values are null");
    return new Tensor(Shape.of(values.length), values.clone());
  }

  /**
   * A float64 rank-2 tensor whose rows are the given arrays, which must have one length.
   *
   * @param rows the rows, each copied; no rows gives shape [0, 0]
   * @return a new tensor of shape [rows.length, rows[0].length]
   * @throws IllegalArgumentException naming matrix and the row when a row's length differs from row
   *     0's
   * @throws NullPointerException naming matrix and the row when a row is null
   */
  public static Tensor matrix(double[][] rows) {
    checkNotNull(rows, "matrix: rows are null");
    int cols = rows.length == 0 ? 0 : checkNotNull(rows[0], "matrix: row 0 is null").length;
    checkArgument((long) rows.length * cols <= Tensors.LONGEST_ARRAY, "matrix: %s rows of %s"
        + " values are more than a Java array holds", rows.length, cols);
    double[] data = new double[rows.length * cols];
    for (int r = 0; r < rows.length; r++) {
      checkNotNull(rows[r], "matrix: row %s is null", r);
      checkArgument(rows[r].length == cols, "matrix: row %s has %s values, row 0 has %s", r,
          rows[r].length, cols);
      System.arraycopy(rows[r], 0, data, r * cols, cols);
    }
    return new Tensor(Shape.of(rows.length, cols), data);
  }

  /**
   * Picks {@code a} where {@code mask} is non-zero and {@code b} elsewhere, as NumPy's and
   * PyTorch's {@code where}; all three broadcast.
   *
   * @param mask the condition: a non-zero element (NaN included) picks {@code a}, typically the 1s
   *     and 0s of a comparison such as {@code x.gt(0)}
   * @param a the values where the mask is non-zero
   * @param b the values where the mask is zero
   * @return a new tensor of the broadcast shape of all three, in the wider type of {@code a} and
   *     {@code b}
   * @throws IllegalArgumentException naming where and the shapes when they do not broadcast
   */
  public static Tensor where(Tensor mask, Tensor a, Tensor b) {
    return Elementwise.where(mask, a, b);
  }

  /**
   * Joins tensors of equal shape outside {@code axis} along that axis (NumPy's {@code concatenate},
   * PyTorch's {@code cat}).
   *
   * @param axis the axis to join along; negative counts from the end
   * @param parts the tensors, at least one, of one rank (at least 1) and equal dimensions outside
   *     {@code axis}
   * @return a new tensor whose size along {@code axis} is the sum of the parts', in the widest of
   *     their types
   * @throws IllegalArgumentException naming concat and the shapes when they differ outside the
   *     axis, when there are no tensors, when they are scalars (use {@link #stack}), or naming
   *     concat when the lengths along the axis add up to more than 2^31 − 1
   */
  public static Tensor concat(int axis, Tensor... parts) {
    return ShapeOps.concat(axis, parts);
  }

  /**
   * Stacks tensors of equal shape along a new axis at position {@code axis} (NumPy's and PyTorch's
   * {@code stack}).
   *
   * @param axis the position of the new axis in the result, in [−(rank + 1), rank + 1)
   * @param parts the tensors, at least one, all of one shape
   * @return a new tensor of rank + 1 with {@code parts.length} along {@code axis}, in the widest of
   *     their types
   * @throws IllegalArgumentException naming stack and the shapes when they differ, or when there
   *     are no tensors
   */
  public static Tensor stack(int axis, Tensor... parts) {
    return ShapeOps.stack(axis, parts);
  }

  // ---- accessors ----

  /**
   * The shape.
   *
   * @return the dimensions, outermost first
   */
  public Shape shape() {
    return shape;
  }

  /**
   * The element type.
   *
   * @return FLOAT64 or FLOAT32
   */
  public DType dtype() {
    return storage.dtype();
  }

  /**
   * The number of axes.
   *
   * @return 0 for a scalar, 1 for a vector, 2 for a matrix, ...
   */
  public int rank() {
    return shape.rank();
  }

  /**
   * Number of elements.
   *
   * @return the product of the dimensions: 1 for a scalar, 0 when an axis is empty
   */
  public int size() {
    return storage.length();
  }

  /**
   * Size of one axis (negative axes count from the end).
   *
   * @param axis the axis, in [−rank, rank); −1 is the last
   * @return its size
   * @throws IllegalArgumentException naming dim, the axis and the shape when it is out of range
   */
  public int dim(int axis) {
    return shape.dim(axis);
  }

  /**
   * The element at a full index, one coordinate per axis (negative ones count from the end).
   *
   * @param index one coordinate per axis, each in [−size, size) of its axis; none for a scalar
   * @return the element, as a double (exact for float32)
   * @throws IllegalArgumentException naming get, the number of coordinates and the rank when
   *     they differ, or the index and the shape when a coordinate is out of range
   */
  public double get(int... index) {
    return storage.get(shape.offsetOf("get", index));
  }

  /**
   * The only element of a one-element tensor (a scalar, or any shape of size 1), as PyTorch's
   * {@code item}.
   *
   * @return the element, as a double (exact for float32)
   * @throws IllegalArgumentException naming item and the shape when there is not exactly one
   *     element
   */
  public double item() {
    checkArgument(size() == 1, "item: tensor of shape %s has %s elements, not 1", shape, size());
    return storage.get(0);
  }

  /**
   * A row-major copy of the elements as doubles (exact for either type).
   *
   * @return a fresh array of {@link #size()} elements, which the caller may change
   */
  public double[] toArray() {
    return storage instanceof Storage.F64 f ? f.values().clone()
        : ((Storage.F64) storage.to(DType.FLOAT64)).values();
  }

  /**
   * A row-major copy of the elements as floats (float64 values rounded to nearest).
   *
   * @return a fresh array of {@link #size()} elements, which the caller may change
   */
  public float[] toFloatArray() {
    return storage instanceof Storage.F32 f ? f.values().clone()
        : ((Storage.F32) storage.to(DType.FLOAT32)).values();
  }

  /**
   * This tensor's values in another type: float64 to float32 rounds each value to nearest, float32
   * to float64 is exact. A tensor that has the type already is returned itself, as PyTorch's
   * {@code to} does; {@link #copy()} it before updating it in place.
   *
   * @param dtype the element type wanted
   * @return this tensor when it has that type already, else a new tensor of this shape
   */
  public Tensor to(DType dtype) {
    checkNotNull(dtype, "to: dtype is null");
    return dtype == dtype() ? this : new Tensor(shape, storage.to(dtype));
  }

  /**
   * How many times this tensor has been changed in place: 0 for a tensor no {@code ...InPlace}
   * method has touched. The autograd engine records it when it saves a tensor for backward and
   * refuses to use the tensor if it has moved on, as PyTorch's version counters do.
   *
   * @return the number of in-place changes so far
   */
  public int version() {
    return version;
  }

  Indexing.ClassOffsets classOffsets() {
    return classOffsets;
  }

  void classOffsets(Indexing.ClassOffsets offsets) {
    classOffsets = offsets;
  }

  /** Records an in-place change; for this package's kernels that write into a tensor. */
  void markChanged() {
    version++;
  }

  /**
   * An independent copy, for callers that will update it in place.
   *
   * @return a new tensor with this shape, type and values, at version 0
   */
  public Tensor copy() {
    return new Tensor(shape, storage.copy());
  }

  // ---- storage, for the kernels of this package ----

  Storage storage() {
    return storage;
  }

  /** The float64 array; only for a FLOAT64 tensor. */
  double[] dataF64() {
    return ((Storage.F64) storage).values();
  }

  /** The float32 array; only for a FLOAT32 tensor. */
  float[] dataF32() {
    return ((Storage.F32) storage).values();
  }

  // ---- elementwise, binary (broadcasting; mixed types compute in the wider one) ----

  /**
   * Elementwise sum, this + other.
   *
   * @param other the right operand; the two broadcast
   * @return a new tensor of the broadcast shape, in the wider of the two types
   * @throws IllegalArgumentException naming add and the shapes when they do not broadcast
   */
  public Tensor add(Tensor other) { return Elementwise.zip(BinaryOp.ADD, this, other); }

  /**
   * Elementwise difference, this − other.
   *
   * @param other the right operand; the two broadcast
   * @return a new tensor of the broadcast shape, in the wider of the two types
   * @throws IllegalArgumentException naming sub and the shapes when they do not broadcast
   */
  public Tensor sub(Tensor other) { return Elementwise.zip(BinaryOp.SUB, this, other); }

  /**
   * Elementwise (Hadamard) product, this ⊙ other; see {@link #matmul} for the matrix product.
   *
   * @param other the right operand; the two broadcast
   * @return a new tensor of the broadcast shape, in the wider of the two types
   * @throws IllegalArgumentException naming mul and the shapes when they do not broadcast
   */
  public Tensor mul(Tensor other) { return Elementwise.zip(BinaryOp.MUL, this, other); }

  /**
   * Elementwise quotient, this / other (IEEE 754: x / 0 is ±∞, 0 / 0 is NaN).
   *
   * @param other the right operand; the two broadcast
   * @return a new tensor of the broadcast shape, in the wider of the two types
   * @throws IllegalArgumentException naming div and the shapes when they do not broadcast
   */
  public Tensor div(Tensor other) { return Elementwise.zip(BinaryOp.DIV, this, other); }

  /**
   * Elementwise power, this^exponent, as C99's {@code pow} and NumPy's: x⁰ = 1 and 1ˣ = 1 for
   * every x, NaN included, (−1)^±∞ = 1, and a negative base to a non-integer power is NaN.
   * Elsewhere the same as {@link Math#pow}.
   *
   * @param exponent the exponents; the two broadcast
   * @return a new tensor of the broadcast shape, in the wider of the two types
   * @throws IllegalArgumentException naming pow and the shapes when they do not broadcast
   */
  public Tensor pow(Tensor exponent) { return Elementwise.zip(BinaryOp.POW, this, exponent); }

  /**
   * Elementwise maximum (NumPy's {@code maximum}); NaN propagates.
   *
   * @param other the right operand; the two broadcast
   * @return a new tensor of the broadcast shape, in the wider of the two types
   * @throws IllegalArgumentException naming maximum and the shapes when they do not broadcast
   */
  public Tensor maximum(Tensor other) { return Elementwise.zip(BinaryOp.MAX, this, other); }

  /**
   * Elementwise minimum (NumPy's {@code minimum}); NaN propagates.
   *
   * @param other the right operand; the two broadcast
   * @return a new tensor of the broadcast shape, in the wider of the two types
   * @throws IllegalArgumentException naming minimum and the shapes when they do not broadcast
   */
  public Tensor minimum(Tensor other) { return Elementwise.zip(BinaryOp.MIN, this, other); }

  /**
   * this + s, elementwise.
   *
   * @param s the scalar, taken in this tensor's type (it does not promote float32)
   * @return a new tensor of this shape and type
   */
  public Tensor add(double s) { return Elementwise.zip(BinaryOp.ADD, this, s); }

  /**
   * this − s, elementwise.
   *
   * @param s the scalar, taken in this tensor's type (it does not promote float32)
   * @return a new tensor of this shape and type
   */
  public Tensor sub(double s) { return Elementwise.zip(BinaryOp.SUB, this, s); }

  /**
   * this · s, elementwise.
   *
   * @param s the scalar, taken in this tensor's type (it does not promote float32)
   * @return a new tensor of this shape and type
   */
  public Tensor mul(double s) { return Elementwise.zip(BinaryOp.MUL, this, s); }

  /**
   * this / s, elementwise.
   *
   * @param s the scalar, taken in this tensor's type (it does not promote float32)
   * @return a new tensor of this shape and type
   */
  public Tensor div(double s) { return Elementwise.zip(BinaryOp.DIV, this, s); }

  /**
   * this^exponent, elementwise, as {@link #pow(Tensor)}: C99's {@code pow}, where 1ˣ = 1 and
   * (−1)^±∞ = 1 (Math.pow gives NaN).
   *
   * @param exponent the exponent, taken in this tensor's type (it does not promote float32)
   * @return a new tensor of this shape and type
   */
  public Tensor pow(double exponent) { return Elementwise.zip(BinaryOp.POW, this, exponent); }

  // ---- comparisons: 1 where true, 0 where false (NaN compares false except in ne) ----

  /**
   * 1 where this = o, 0 elsewhere; NaN equals nothing.
   *
   * @param o the other operand; the two broadcast
   * @return a new tensor of 1s and 0s of the broadcast shape, in the wider of the two types
   * @throws IllegalArgumentException naming eq and the shapes when they do not broadcast
   */
  public Tensor eq(Tensor o) { return Elementwise.zip(BinaryOp.EQ, this, o); }

  /**
   * 1 where this ≠ o, 0 elsewhere; NaN differs from everything, itself included.
   *
   * @param o the other operand; the two broadcast
   * @return a new tensor of 1s and 0s of the broadcast shape, in the wider of the two types
   * @throws IllegalArgumentException naming ne and the shapes when they do not broadcast
   */
  public Tensor ne(Tensor o) { return Elementwise.zip(BinaryOp.NE, this, o); }

  /**
   * 1 where this &lt; o, 0 elsewhere (0 where either is NaN).
   *
   * @param o the other operand; the two broadcast
   * @return a new tensor of 1s and 0s of the broadcast shape, in the wider of the two types
   * @throws IllegalArgumentException naming lt and the shapes when they do not broadcast
   */
  public Tensor lt(Tensor o) { return Elementwise.zip(BinaryOp.LT, this, o); }

  /**
   * 1 where this ≤ o, 0 elsewhere (0 where either is NaN).
   *
   * @param o the other operand; the two broadcast
   * @return a new tensor of 1s and 0s of the broadcast shape, in the wider of the two types
   * @throws IllegalArgumentException naming le and the shapes when they do not broadcast
   */
  public Tensor le(Tensor o) { return Elementwise.zip(BinaryOp.LE, this, o); }

  /**
   * 1 where this &gt; o, 0 elsewhere (0 where either is NaN).
   *
   * @param o the other operand; the two broadcast
   * @return a new tensor of 1s and 0s of the broadcast shape, in the wider of the two types
   * @throws IllegalArgumentException naming gt and the shapes when they do not broadcast
   */
  public Tensor gt(Tensor o) { return Elementwise.zip(BinaryOp.GT, this, o); }

  /**
   * 1 where this ≥ o, 0 elsewhere (0 where either is NaN).
   *
   * @param o the other operand; the two broadcast
   * @return a new tensor of 1s and 0s of the broadcast shape, in the wider of the two types
   * @throws IllegalArgumentException naming ge and the shapes when they do not broadcast
   */
  public Tensor ge(Tensor o) { return Elementwise.zip(BinaryOp.GE, this, o); }

  /**
   * 1 where this = s, 0 elsewhere; NaN equals nothing.
   *
   * @param s the value compared with, taken in this tensor's type
   * @return a new tensor of 1s and 0s, of this shape and type
   */
  public Tensor eq(double s) { return Elementwise.zip(BinaryOp.EQ, this, s); }

  /**
   * 1 where this ≠ s, 0 elsewhere; NaN differs from everything.
   *
   * @param s the value compared with, taken in this tensor's type
   * @return a new tensor of 1s and 0s, of this shape and type
   */
  public Tensor ne(double s) { return Elementwise.zip(BinaryOp.NE, this, s); }

  /**
   * 1 where this &lt; s, 0 elsewhere (0 for NaN).
   *
   * @param s the value compared with, taken in this tensor's type
   * @return a new tensor of 1s and 0s, of this shape and type
   */
  public Tensor lt(double s) { return Elementwise.zip(BinaryOp.LT, this, s); }

  /**
   * 1 where this ≤ s, 0 elsewhere (0 for NaN).
   *
   * @param s the value compared with, taken in this tensor's type
   * @return a new tensor of 1s and 0s, of this shape and type
   */
  public Tensor le(double s) { return Elementwise.zip(BinaryOp.LE, this, s); }

  /**
   * 1 where this &gt; s, 0 elsewhere (0 for NaN).
   *
   * @param s the value compared with, taken in this tensor's type
   * @return a new tensor of 1s and 0s, of this shape and type
   */
  public Tensor gt(double s) { return Elementwise.zip(BinaryOp.GT, this, s); }

  /**
   * 1 where this ≥ s, 0 elsewhere (0 for NaN).
   *
   * @param s the value compared with, taken in this tensor's type
   * @return a new tensor of 1s and 0s, of this shape and type
   */
  public Tensor ge(double s) { return Elementwise.zip(BinaryOp.GE, this, s); }

  // ---- elementwise, unary ----

  /**
   * Applies {@code f} to every element: the escape hatch for functions the library lacks. A float32
   * tensor's elements are widened for {@code f} and its results rounded back.
   *
   * @param f the function, called once per element in row-major order
   * @return a new tensor of this shape and type
   */
  public Tensor map(DoubleUnaryOperator f) {
    return Elementwise.map(this, checkNotNull(f, "map: function is null"));
  }

  /**
   * −x, elementwise.
   *
   * @return a new tensor of this shape and type
   */
  public Tensor neg() { return Elementwise.map(this, UnaryOp.NEG); }

  /**
   * eˣ, elementwise, within about two ulps; overflows to +∞ above about 709 (88 in float32).
   *
   * @return a new tensor of this shape and type
   */
  public Tensor exp() { return Elementwise.map(this, UnaryOp.EXP); }

  /**
   * The natural logarithm ln x, elementwise: −∞ at 0, NaN below 0.
   *
   * @return a new tensor of this shape and type
   */
  public Tensor log() { return Elementwise.map(this, UnaryOp.LOG); }

  /**
   * eˣ − 1, elementwise, accurate for small x where eˣ rounds to 1 and the difference cancels
   * (x = −1e-10 gives −1e-10, where exp(x) − 1 gives 0 in float32).
   *
   * @return a new tensor of this shape and type
   */
  public Tensor expm1() { return Elementwise.map(this, UnaryOp.EXPM1); }

  /**
   * ln(1 + x), elementwise, accurate for small x where 1 + x would round.
   *
   * @return a new tensor of this shape and type
   */
  public Tensor log1p() { return Elementwise.map(this, UnaryOp.LOG1P); }

  /**
   * √x, elementwise; NaN below 0.
   *
   * @return a new tensor of this shape and type
   */
  public Tensor sqrt() { return Elementwise.map(this, UnaryOp.SQRT); }

  /**
   * |x|, elementwise.
   *
   * @return a new tensor of this shape and type
   */
  public Tensor abs() { return Elementwise.map(this, UnaryOp.ABS); }

  /**
   * The sign, elementwise: −1, 0 or 1 (signed zeros and NaN are kept), as {@link Math#signum}.
   *
   * @return a new tensor of this shape and type
   */
  public Tensor sign() { return Elementwise.map(this, UnaryOp.SIGN); }

  /**
   * x², elementwise.
   *
   * @return a new tensor of this shape and type
   */
  public Tensor square() { return Elementwise.map(this, UnaryOp.SQUARE); }

  /**
   * 1 / x, elementwise; ±∞ at ±0.
   *
   * @return a new tensor of this shape and type
   */
  public Tensor reciprocal() { return Elementwise.map(this, UnaryOp.RECIPROCAL); }

  /**
   * The hyperbolic tangent, elementwise, within about two ulps.
   *
   * @return a new tensor of this shape and type
   */
  public Tensor tanh() { return Elementwise.map(this, UnaryOp.TANH); }

  /**
   * The logistic function 1 / (1 + e^−x), elementwise, computed without overflow for any x.
   *
   * @return a new tensor of this shape and type
   */
  public Tensor sigmoid() { return Elementwise.map(this, UnaryOp.SIGMOID); }

  /**
   * The error function erf(x) = (2/√π)∫₀ˣ e^(−t²) dt, elementwise, to about 1e-15 relative.
   *
   * @return a new tensor of this shape and type
   */
  public Tensor erf() { return Elementwise.map(this, SpecialFunctions::erf); }

  /**
   * 1 − erf(x), elementwise, accurate in the tail where 1 − erf(x) would cancel.
   *
   * @return a new tensor of this shape and type
   */
  public Tensor erfc() { return Elementwise.map(this, SpecialFunctions::erfc); }

  /**
   * log(1 + eˣ), elementwise, computed as max(x, 0) + log1p(e^−|x|) so it never overflows.
   *
   * @return a new tensor of this shape and type
   */
  public Tensor softplus() { return Elementwise.map(this, UnaryOp.SOFTPLUS); }

  /**
   * max(x, 0), elementwise; NaN stays NaN and −0 becomes +0.
   *
   * @return a new tensor of this shape and type
   */
  public Tensor relu() { return Elementwise.map(this, UnaryOp.RELU); }

  /**
   * Leaky ReLU: x where x &gt; 0, αx elsewhere (PyTorch's {@code leaky_relu}, whose α is its
   * {@code negative_slope}).
   *
   * @param alpha the slope α below zero, finite (negative too, as PyTorch allows)
   * @return a new tensor of this shape and type
   * @throws IllegalArgumentException naming leakyRelu and α when α is infinite or NaN
   */
  public Tensor leakyRelu(double alpha) { return CompositeActivations.leakyRelu(this, alpha); }

  /**
   * ELU: x where x &gt; 0, α(eˣ − 1) elsewhere, with expm1 (eˣ − 1 cancels near 0); the
   * exponential sees min(x, 0) only, so a large x cannot overflow it.
   *
   * @param alpha the scale α of the negative part, finite and at least 0
   * @return a new tensor of this shape and type
   * @throws IllegalArgumentException naming elu and α when α is negative, infinite or NaN
   */
  public Tensor elu(double alpha) { return CompositeActivations.elu(this, alpha); }

  /**
   * GELU, exact: x·Φ(x) with Φ(x) = ½·erfc(−x/√2) the standard normal CDF (erfc keeps Φ accurate
   * in the left tail), PyTorch's {@code gelu}.
   *
   * @return a new tensor of this shape and type
   */
  public Tensor gelu() { return CompositeActivations.gelu(this); }

  /**
   * GELU, tanh approximation: ½x(1 + tanh(u)) with u = √(2/π)(x + 0.044715x³), within about 1e-3
   * of {@link #gelu()} (PyTorch's {@code gelu(approximate='tanh')}), computed as x·σ(2u), the same
   * function without 1 + tanh(u)'s cancellation in the left tail.
   *
   * @return a new tensor of this shape and type
   */
  public Tensor geluTanh() { return CompositeActivations.geluTanh(this); }

  /**
   * This tensor where {@code gate} is positive and 0 elsewhere, even where this tensor holds NaN
   * (as PyTorch's ReLU gradient): g·[x &gt; 0] for this tensor g and the gate x, in one pass and
   * without a mask tensor.
   *
   * @param gate a tensor of this shape (it does not broadcast), of either type; its positive
   *     elements (however small) keep this tensor's values, its others (NaN included) give 0
   * @return a new tensor of this tensor's shape and type
   * @throws IllegalArgumentException naming gatePositive and both shapes when they differ
   */
  public Tensor gatePositive(Tensor gate) { return Elementwise.gatePositive(this, gate); }

  /**
   * tanh's gradient from its output: g·(1 − y²) for this tensor g and {@code output} y = tanh x,
   * in one pass (PyTorch's {@code tanh_backward}). Rounds exactly as
   * {@code g.mul(y.square().neg().add(1))}.
   *
   * @param output y, of this tensor's shape and type (it neither broadcasts nor converts)
   * @return a new tensor of this shape and type
   * @throws IllegalArgumentException naming tanhBackward and both shapes and types when they differ
   */
  public Tensor tanhBackward(Tensor output) { return Elementwise.tanhBackward(this, output); }

  /**
   * sigmoid's gradient from its output: g·y·(1 − y) for this tensor g and {@code output}
   * y = σ(x), in one pass (PyTorch's {@code sigmoid_backward}). Rounds exactly as
   * {@code g.mul(y).mul(y.neg().add(1))}.
   *
   * @param output y, of this tensor's shape and type (it neither broadcasts nor converts)
   * @return a new tensor of this shape and type
   * @throws IllegalArgumentException naming sigmoidBackward and both shapes and types when they
   *     differ
   */
  public Tensor sigmoidBackward(Tensor output) {
    return Elementwise.sigmoidBackward(this, output);
  }

  /**
   * Limits every element to {@code [min, max]} (PyTorch's {@code clamp}, NumPy's {@code clip}); NaN
   * stays NaN.
   *
   * @param min the lower limit; {@code Double.NEGATIVE_INFINITY} for none
   * @param max the upper limit, at least {@code min}; {@code Double.POSITIVE_INFINITY} for none
   * @return a new tensor of this shape and type
   * @throws IllegalArgumentException naming clamp and the limits when min &gt; max
   */
  public Tensor clamp(double min, double max) { return Elementwise.clamp(this, min, max); }

  // ---- reductions: all elements, one axis, or a set of axes; keepDims leaves size-1 axes ----

  /**
   * The sum of all elements, accumulated in float64 for either type; runs of 8,192 elements or
   * more first add rows of 1,024 lane by lane in their own type, so a float32 sum is within
   * 7·2⁻²⁴·Σ|x| of the exact one (cancelling terms of 1e8 can lose what they cancel).
   *
   * @return a new rank-0 tensor of this type; 0 for an empty tensor
   */
  public Tensor sum() { return Reductions.sum(this, Reductions.allAxes(shape), false); }

  /**
   * The sum along one axis (NumPy's {@code sum(axis=...)}), accumulated in float64.
   *
   * @param axis the axis; negative counts from the end
   * @param keepDims whether the reduced axis stays, with size 1, so that the result broadcasts
   *     against this tensor
   * @return a new tensor of this type: the sum for each position of the other axes, the axis
   *     removed or of size 1
   * @throws IllegalArgumentException naming sum, the axis and the shape when the axis is out of
   *     range
   */
  public Tensor sum(int axis, boolean keepDims) { return sum(new int[] {axis}, keepDims); }

  /**
   * The sum over a set of axes, accumulated in float64.
   *
   * @param axes the axes, each named once, in any order, negative ones counting from the end; none
   *     reduces nothing (NumPy's {@code axis=()})
   * @param keepDims whether the reduced axes stay, with size 1, so that the result broadcasts
   *     against this tensor
   * @return a new tensor of this type: the sum for each position of the other axes, the axes
   *     removed or of size 1
   * @throws IllegalArgumentException naming sum, the axis and the shape when an axis is out of
   *     range or repeated
   */
  public Tensor sum(int[] axes, boolean keepDims) {
    return Reductions.sum(this, Reductions.axisMask("sum", shape, axes), keepDims);
  }

  /**
   * The arithmetic mean of all elements.
   *
   * @return a new rank-0 tensor of this type; NaN for an empty tensor (0 / 0, as NumPy)
   */
  public Tensor mean() { return Reductions.mean(this, Reductions.allAxes(shape), false); }

  /**
   * The arithmetic mean along one axis.
   *
   * @param axis the axis; negative counts from the end
   * @param keepDims whether the reduced axis stays, with size 1, so that the result broadcasts
   *     against this tensor
   * @return a new tensor of this type: the mean for each position of the other axes, the axis
   *     removed or of size 1
   * @throws IllegalArgumentException naming mean, the axis and the shape when the axis is out of
   *     range
   */
  public Tensor mean(int axis, boolean keepDims) { return mean(new int[] {axis}, keepDims); }

  /**
   * The arithmetic mean over a set of axes: the sum divided by the number of elements summed.
   *
   * @param axes the axes, each named once, in any order, negative ones counting from the end; none
   *     reduces nothing (NumPy's {@code axis=()})
   * @param keepDims whether the reduced axes stay, with size 1, so that the result broadcasts
   *     against this tensor
   * @return a new tensor of this type: the mean for each position of the other axes, the axes
   *     removed or of size 1
   * @throws IllegalArgumentException naming mean, the axis and the shape when an axis is out of
   *     range or repeated
   */
  public Tensor mean(int[] axes, boolean keepDims) {
    return Reductions.mean(this, Reductions.axisMask("mean", shape, axes), keepDims);
  }

  /**
   * Where the first element outside [low, high] lies, in row-major order, or −1 when there is
   * none; a NaN counts as outside. One pass that stops at the first such element and makes
   * nothing: how a check of the data that runs every training step (targets of a loss that must
   * be probabilities) finds the offending value to name.
   *
   * @param low the smallest allowed value
   * @param high the largest allowed value
   * @return the flat index of the first element outside the range, or −1
   */
  public int indexOutside(double low, double high) {
    return Reductions.indexOutside(this, low, high);
  }

  /**
   * Where the first finite element that float32 cannot hold lies (converted, it would be an
   * infinity rather than a rounded value: beyond about 3.4e38), in row-major order, or −1 when
   * there is none or the tensor is float32 already: what a load into a float32 model checks
   * before it converts.
   *
   * @return the flat index of the first such element, or −1
   */
  public int indexBeyondFloat32() {
    return Reductions.indexBeyondFloat32(this);
  }

  /**
   * Where the first element that is not a class index lies (a whole number in [0, {@code
   * count}); NaN and infinities are not), in row-major order, or −1 when every element is one. One
   * pass that stops at the first such element and makes nothing: how losses and metrics check
   * their targets on every batch and name the offending label. Targets a classification loss has
   * already placed in rows of {@code count} (and that have not changed in place since) answer at
   * once.
   *
   * @param count the number of classes; {@link Integer#MAX_VALUE} for any whole number ≥ 0
   * @return the flat index of the first element that is not a class index, or −1
   */
  public int indexNotClass(int count) {
    return Indexing.keptClassOffsets(this, count) != null ? -1
        : Reductions.indexNotClass(this, count);
  }

  /**
   * The element at a flat index, in row-major order: with {@link #indexOutside}, the value a
   * message names.
   *
   * @param flatIndex the index, in [0, size)
   * @return the element, as a double (exact for float32)
   * @throws IllegalArgumentException naming flatGet, the index and the size when out of range
   */
  public double flatGet(int flatIndex) {
    checkArgument(flatIndex >= 0 && flatIndex < size(), "flatGet: index %s is outside [0, %s)",
        flatIndex, size());
    return storage.get(flatIndex);
  }

  /**
   * The largest element; a NaN wins, as in NumPy, so a NaN in the data is never hidden.
   *
   * @return a new rank-0 tensor of this type
   * @throws IllegalArgumentException naming max and the shape when the tensor is empty
   */
  public Tensor max() { return Reductions.max(this, Reductions.allAxes(shape), false); }

  /**
   * The largest element along one axis; a NaN wins.
   *
   * @param axis the axis; negative counts from the end
   * @param keepDims whether the reduced axis stays, with size 1, so that the result broadcasts
   *     against this tensor
   * @return a new tensor of this type: the maximum for each position of the other axes, the axis
   *     removed or of size 1
   * @throws IllegalArgumentException naming max, the axis and the shape when the axis is out of
   *     range, or when the axis is empty
   */
  public Tensor max(int axis, boolean keepDims) { return max(new int[] {axis}, keepDims); }

  /**
   * The largest element over a set of axes; a NaN wins.
   *
   * @param axes the axes, each named once, in any order, negative ones counting from the end; none
   *     reduces nothing (NumPy's {@code axis=()})
   * @param keepDims whether the reduced axes stay, with size 1, so that the result broadcasts
   *     against this tensor
   * @return a new tensor of this type: the maximum for each position of the other axes, the axes
   *     removed or of size 1
   * @throws IllegalArgumentException naming max, the axis and the shape when an axis is out of
   *     range or repeated, or when a reduced axis is empty
   */
  public Tensor max(int[] axes, boolean keepDims) {
    return Reductions.max(this, Reductions.axisMask("max", shape, axes), keepDims);
  }

  /**
   * The smallest element; a NaN wins, as in NumPy, so a NaN in the data is never hidden.
   *
   * @return a new rank-0 tensor of this type
   * @throws IllegalArgumentException naming min and the shape when the tensor is empty
   */
  public Tensor min() { return Reductions.min(this, Reductions.allAxes(shape), false); }

  /**
   * The smallest element along one axis; a NaN wins.
   *
   * @param axis the axis; negative counts from the end
   * @param keepDims whether the reduced axis stays, with size 1, so that the result broadcasts
   *     against this tensor
   * @return a new tensor of this type: the minimum for each position of the other axes, the axis
   *     removed or of size 1
   * @throws IllegalArgumentException naming min, the axis and the shape when the axis is out of
   *     range, or when the axis is empty
   */
  public Tensor min(int axis, boolean keepDims) { return min(new int[] {axis}, keepDims); }

  /**
   * The smallest element over a set of axes; a NaN wins.
   *
   * @param axes the axes, each named once, in any order, negative ones counting from the end; none
   *     reduces nothing (NumPy's {@code axis=()})
   * @param keepDims whether the reduced axes stay, with size 1, so that the result broadcasts
   *     against this tensor
   * @return a new tensor of this type: the minimum for each position of the other axes, the axes
   *     removed or of size 1
   * @throws IllegalArgumentException naming min, the axis and the shape when an axis is out of
   *     range or repeated, or when a reduced axis is empty
   */
  public Tensor min(int[] axes, boolean keepDims) {
    return Reductions.min(this, Reductions.axisMask("min", shape, axes), keepDims);
  }

  /**
   * e^x / Σ e^x along an axis, computed stably (the maximum is subtracted first).
   *
   * @param axis the axis along which the result sums to 1; negative counts from the end (−1 for the
   *     classes of a batch of rows)
   * @return a new tensor of this shape and type, each entry in [0, 1] where the row is finite (a
   *     row holding +∞ gives NaN there and 0 at its finite entries, where PyTorch makes the whole
   *     row NaN: either way its loss is not finite); empty for an empty tensor, an empty axis
   *     included (PyTorch's answer: nothing to normalise)
   * @throws IllegalArgumentException naming softmax, the axis and the shape when it is out of range
   */
  public Tensor softmax(int axis) { return Reductions.softmax(this, axis); }

  /**
   * x − log Σ e^x along an axis: the logarithm of {@link #softmax}, without its rounding, and
   * finite where softmax underflows to 0.
   *
   * @param axis the axis along which to normalize; negative counts from the end
   * @return a new tensor of this shape and type, each entry ≤ 0 where the row is finite (a row
   *     holding +∞ gives NaN there and −∞ at its finite entries; PyTorch: NaN throughout); empty
   *     for an empty tensor, an empty axis included
   * @throws IllegalArgumentException naming logSoftmax, the axis and the shape when it is out of
   *     range
   */
  public Tensor logSoftmax(int axis) { return Reductions.logSoftmax(this, axis); }

  /**
   * log Σ exp(x) over all elements, stable: shifted by the maximum, finite for inputs of any finite
   * size (−∞ when every element is −∞).
   *
   * @return a new rank-0 tensor of this type
   * @throws IllegalArgumentException naming logSumExp and the shape when the tensor is empty
   */
  public Tensor logSumExp() { return Reductions.logSumExp(this, Reductions.allAxes(shape), false); }

  /**
   * log Σ exp(x) along one axis, shifted by the maximum so it never overflows.
   *
   * @param axis the axis; negative counts from the end
   * @param keepDims whether the reduced axis stays, with size 1, so that the result broadcasts
   *     against this tensor
   * @return a new tensor of this type: log Σ exp for each position of the other axes, the axis
   *     removed or of size 1
   * @throws IllegalArgumentException naming logSumExp, the axis and the shape when the axis is out
   *     of range, or when the axis is empty
   */
  public Tensor logSumExp(int axis, boolean keepDims) {
    return logSumExp(new int[] {axis}, keepDims);
  }

  /**
   * log Σ exp(x) over a set of axes, shifted by the maximum so it never overflows.
   *
   * @param axes the axes, each named once, in any order, negative ones counting from the end; none
   *     reduces nothing (NumPy's {@code axis=()})
   * @param keepDims whether the reduced axes stay, with size 1, so that the result broadcasts
   *     against this tensor
   * @return a new tensor of this type: log Σ exp for each position of the other axes, the axes
   *     removed or of size 1
   * @throws IllegalArgumentException naming logSumExp, the axis and the shape when an axis is out
   *     of range or repeated, or when a reduced axis is empty
   */
  public Tensor logSumExp(int[] axes, boolean keepDims) {
    return Reductions.logSumExp(this, Reductions.axisMask("logSumExp", shape, axes), keepDims);
  }

  /**
   * Population variance of all elements: the mean squared deviation, dividing by the count n
   * (NumPy's default {@code ddof=0}; PyTorch's default is the unbiased form, see
   * {@link #variance(int[], boolean, boolean)}).
   *
   * @return a new rank-0 tensor of this type; NaN for an empty tensor
   */
  public Tensor variance() {
    return Reductions.variance(this, Reductions.allAxes(shape), false, false);
  }

  /**
   * Population variance along one axis (dividing by n); see {@link #variance()}.
   *
   * @param axis the axis; negative counts from the end
   * @param keepDims whether the reduced axis stays, with size 1, so that the result broadcasts
   *     against this tensor
   * @return a new tensor of this type: the variance for each position of the other axes, the axis
   *     removed or of size 1
   * @throws IllegalArgumentException naming variance, the axis and the shape when the axis is out
   *     of range
   */
  public Tensor variance(int axis, boolean keepDims) {
    return variance(new int[] {axis}, keepDims, false);
  }

  /**
   * Population variance over a set of axes (dividing by n); see {@link #variance()}.
   *
   * @param axes the axes, each named once, in any order, negative ones counting from the end; none
   *     reduces nothing (NumPy's {@code axis=()})
   * @param keepDims whether the reduced axes stay, with size 1, so that the result broadcasts
   *     against this tensor
   * @return a new tensor of this type: the variance for each position of the other axes, the axes
   *     removed or of size 1
   * @throws IllegalArgumentException naming variance, the axis and the shape when an axis is out of
   *     range or repeated
   */
  public Tensor variance(int[] axes, boolean keepDims) {
    return variance(axes, keepDims, false);
  }

  /**
   * Variance along one axis; see {@link #variance(int[], boolean, boolean)}.
   *
   * @param axis the axis; negative counts from the end
   * @param keepDims whether the reduced axis stays, with size 1
   * @param unbiased whether to divide by n − 1 (Bessel's correction) rather than n
   * @return a new tensor of this type: the variance for each position of the other axes
   * @throws IllegalArgumentException naming variance and the shape when the axis is out of range,
   *     or when {@code unbiased} and the axis has fewer than 2 elements
   */
  public Tensor variance(int axis, boolean keepDims, boolean unbiased) {
    return variance(new int[] {axis}, keepDims, unbiased);
  }

  /**
   * Variance over a set of axes: Σ(x − x̄)² divided by n, or by n − 1 when {@code unbiased}
   * (Bessel's correction, PyTorch's default and NumPy's {@code ddof=1}). The unbiased variance of a
   * single value per group is undefined and refused.
   *
   * @param axes the axes, each named once, negative ones counting from the end
   * @param keepDims whether the reduced axes stay, with size 1
   * @param unbiased whether to divide by n − 1 rather than n
   * @return a new tensor of this type: the variance for each position of the other axes
   * @throws IllegalArgumentException naming variance and the shape when an axis is out of range or
   *     repeated, or when {@code unbiased} and the groups hold fewer than 2 values
   */
  public Tensor variance(int[] axes, boolean keepDims, boolean unbiased) {
    return Reductions.variance(this, Reductions.axisMask("variance", shape, axes), keepDims,
        unbiased);
  }

  /**
   * Flat index of the largest element; the first wins ties and a NaN wins over numbers.
   *
   * @return the row-major index, in [0, size())
   * @throws IllegalArgumentException naming argmax and the shape when the tensor is empty
   */
  public int argmax() { return Reductions.argExtreme("argmax", this, true); }

  /**
   * Flat index of the smallest element; the first wins ties and a NaN wins over numbers.
   *
   * @return the row-major index, in [0, size())
   * @throws IllegalArgumentException naming argmin and the shape when the tensor is empty
   */
  public int argmin() { return Reductions.argExtreme("argmin", this, false); }

  /**
   * Indices of the largest elements along an axis (NumPy's {@code argmax(axis=...)}): the first
   * wins ties and a NaN wins over numbers.
   *
   * @param axis the axis to search; negative counts from the end
   * @param keepDims whether the searched axis stays, with size 1
   * @return a new tensor of this type holding whole-number indices in [0, dim(axis)) (float32 holds
   *     them exactly up to 2²⁴)
   * @throws IllegalArgumentException naming argmax, the axis and the shape when the axis is out of
   *     range or empty, or, in float32, longer than 2²⁴ + 1 (its last indices would be rounded)
   */
  public Tensor argmax(int axis, boolean keepDims) {
    return Reductions.argExtreme("argmax", this, axis, keepDims, true);
  }

  /**
   * Indices of the smallest elements along an axis: the first wins ties and a NaN wins over
   * numbers.
   *
   * @param axis the axis to search; negative counts from the end
   * @param keepDims whether the searched axis stays, with size 1
   * @return a new tensor of this type holding whole-number indices in [0, dim(axis)) (float32 holds
   *     them exactly up to 2²⁴)
   * @throws IllegalArgumentException naming argmin, the axis and the shape when the axis is out of
   *     range or empty, or, in float32, longer than 2²⁴ + 1 (its last indices would be rounded)
   */
  public Tensor argmin(int axis, boolean keepDims) {
    return Reductions.argExtreme("argmin", this, axis, keepDims, false);
  }

  // ---- shape ----

  /**
   * The same elements in a new shape, row-major order kept (NumPy's {@code reshape}, but always a
   * copy); one dimension may be −1 and is then inferred.
   *
   * @param dims the new dimensions; their product must equal {@link #size()}
   * @return a new tensor of that shape and this type
   * @throws IllegalArgumentException naming reshape and both shapes when the sizes differ, more
   *     than one dimension is −1, or a dimension is otherwise negative
   */
  public Tensor reshape(int... dims) { return ShapeOps.reshape(this, dims); }

  /**
   * The same elements in a new shape, row-major order kept.
   *
   * @param target the new shape, of the same size
   * @return a new tensor of that shape and this type
   * @throws IllegalArgumentException naming reshape and both shapes when the sizes differ
   */
  public Tensor reshape(Shape target) {
    return reshape(checkNotNull(target, "reshape: shape is null").dimsView());
  }

  /**
   * Swaps two axes ({@code transpose(-2, -1)} transposes a batch of matrices); a copy, never a
   * view.
   *
   * @param axis1 one axis; negative counts from the end
   * @param axis2 the other axis; may equal {@code axis1}
   * @return a new tensor of this type with the two dimensions exchanged
   * @throws IllegalArgumentException naming transpose, the axis and the shape when either is out of
   *     range
   */
  public Tensor transpose(int axis1, int axis2) { return ShapeOps.transpose(this, axis1, axis2); }

  /**
   * Reorders the axes: axis {@code i} of the result is axis {@code order[i]} of this tensor
   * (PyTorch's {@code permute}, NumPy's {@code transpose(axes)}).
   *
   * @param order a permutation of the axes, negative ones counting from the end
   * @return a new tensor of this type
   * @throws IllegalArgumentException naming permute, the order and the shape when it is not a
   *     permutation of the axes
   */
  public Tensor permute(int... order) { return ShapeOps.permute(this, order); }

  /**
   * Repeats this tensor's elements to fill {@code target}, by NumPy's broadcasting rules
   * ({@code broadcast_to}, but a copy).
   *
   * @param target the shape to fill; this shape must broadcast to it unchanged
   * @return a new tensor of that shape and this type
   * @throws IllegalArgumentException naming broadcastTo and both shapes when this shape does not
   *     broadcast to the target
   */
  public Tensor broadcastTo(Shape target) { return ShapeOps.broadcastTo(this, target); }

  /**
   * {@link #broadcastTo(Shape)} with the shape's dimensions.
   *
   * @param dims the dimensions of the shape to fill
   * @return a new tensor of that shape and this type
   * @throws IllegalArgumentException naming broadcastTo and both shapes when this shape does not
   *     broadcast to the target
   */
  public Tensor broadcastTo(int... dims) {
    return broadcastTo(Shape.of("broadcastTo", dims));
  }

  /**
   * The adjoint of broadcastTo: sums the broadcast axes away, leaving {@code target}. This is how a
   * gradient reaches an input that was broadcast: leading axes that broadcasting added are summed
   * away and axes stretched from 1 are summed with size 1 kept.
   *
   * @param target a shape that broadcasts to this tensor's shape
   * @return a new tensor of that shape and this type (a copy when the shapes are equal)
   * @throws IllegalArgumentException naming sumTo and both shapes when the target does not
   *     broadcast to this shape
   */
  public Tensor sumTo(Shape target) { return ShapeOps.sumTo(this, target); }

  /**
   * {@link #sumTo(Shape)} with the shape's dimensions.
   *
   * @param dims the dimensions of a shape that broadcasts to this tensor's
   * @return a new tensor of that shape and this type
   * @throws IllegalArgumentException naming sumTo and both shapes when the target does not
   *     broadcast to this shape
   */
  public Tensor sumTo(int... dims) {
    return sumTo(Shape.of("sumTo", dims));
  }

  /**
   * Removes every axis of size 1.
   *
   * @return a new tensor of this type ([1, 3, 1] becomes [3]; [1, 1] becomes a scalar)
   */
  public Tensor squeeze() { return ShapeOps.squeeze(this); }

  /**
   * Removes one axis, which must have size 1.
   *
   * @param axis the axis; negative counts from the end
   * @return a new tensor of this type, one rank lower
   * @throws IllegalArgumentException naming squeeze, the axis and the shape when it is out of range
   *     or its size is not 1
   */
  public Tensor squeeze(int axis) { return ShapeOps.squeeze(this, axis); }

  /**
   * Inserts an axis of size 1 at position {@code axis} of the result.
   *
   * @param axis the new axis's position in the result, in [−(rank + 1), rank + 1): 0 puts it first,
   *     −1 last
   * @return a new tensor of this type, one rank higher
   * @throws IllegalArgumentException naming unsqueeze, the axis and the shape when it is out of
   *     range
   */
  public Tensor unsqueeze(int axis) { return ShapeOps.unsqueeze(this, axis); }

  /**
   * Python's {@code [start:end:step]} along one axis (negative bounds count from the end; bounds
   * beyond the axis are clamped to it, as Python does, so a slice can be empty but never fails).
   *
   * @param axis the axis to slice; negative counts from the end
   * @param start the first index taken
   * @param end the index to stop before
   * @param step the distance between taken indices, positive
   * @return a new tensor of this type with ⌈(end − start) / step⌉ elements along the axis (after
   *     clamping), the other axes unchanged
   * @throws IllegalArgumentException naming slice when the axis is out of range or the step is not
   *     positive
   */
  public Tensor slice(int axis, int start, int end, int step) {
    return ShapeOps.slice(this, axis, start, end, step);
  }

  /**
   * Python's {@code [start:end]} along one axis; see {@link #slice(int, int, int, int)}.
   *
   * @param axis the axis to slice; negative counts from the end
   * @param start the first index taken
   * @param end the index to stop before
   * @return a new tensor of this type with {@code end − start} elements along the axis (after
   *     clamping)
   * @throws IllegalArgumentException naming slice, the axis and the shape when the axis is out of
   *     range
   */
  public Tensor slice(int axis, int start, int end) { return slice(axis, start, end, 1); }

  // ---- indexing ----

  /**
   * PyTorch's gather: {@code out[..i..] = this[..index[..i..]..]} along {@code axis}. Indices are
   * whole numbers in {@code [-size, size)}; a negative one counts from the end, as in NumPy.
   *
   * @param axis the axis the indices select along; negative counts from the end
   * @param index the indices, of this tensor's rank and no larger than it outside {@code axis}; of
   *     either type
   * @return a new tensor of the index's shape and this type
   * @throws IllegalArgumentException naming gather, the index's shape and this shape when the
   *     shapes do not fit, or the value when an index is not a whole number in range
   */
  public Tensor gather(int axis, Tensor index) { return Indexing.gather(this, axis, index); }

  /**
   * The adjoint of gather: a copy of this tensor with {@code source} added at the indices
   * ({@code out[..index[..i..]..] += source[..i..]}); an index that repeats adds each time, as
   * PyTorch's {@code scatter_add}.
   *
   * @param axis the axis the indices select along; negative counts from the end
   * @param index the indices, as for {@link #gather}
   * @param source the values to add, of the index's shape
   * @return a new tensor of this shape, in the wider type of this tensor and {@code source}
   * @throws IllegalArgumentException naming scatterAdd and the shapes when they do not fit, or the
   *     value when an index is not a whole number in range
   */
  public Tensor scatterAdd(int axis, Tensor index, Tensor source) {
    return Indexing.scatterAdd(this, axis, index, source);
  }

  /**
   * NumPy's take: the slices at {@code index} along {@code axis}, the index's shape in its place.
   * Like every indexing method here the axis comes first, and indices may be negative. Picking rows
   * of an embedding table is {@code table.take(0, ids)}.
   *
   * @param axis the axis to pick along; negative counts from the end
   * @param index the indices, of any shape and either type, whole numbers in [−dim(axis),
   *     dim(axis))
   * @return a new tensor of this type, of shape {@code shape[:axis] + index.shape + shape[axis+1:]}
   * @throws IllegalArgumentException naming take and the value when an index is not a whole number
   *     in range, or the axis when it is out of range
   */
  public Tensor take(int axis, Tensor index) { return Indexing.take(this, axis, index); }

  /**
   * The adjoint of take: a copy of this tensor with the slices of {@code source} added at
   * {@code index} along {@code axis}; an index that repeats adds each time (NumPy's
   * {@code add.at}).
   *
   * @param axis the axis to add along; negative counts from the end
   * @param index the indices, as for {@link #take}
   * @param source the slices to add, of the shape {@code take(axis, index)} would have
   * @return a new tensor of this shape, in the wider type of this tensor and {@code source}
   * @throws IllegalArgumentException naming indexAdd and the shapes when the source does not match,
   *     or the value when an index is not a whole number in range
   */
  public Tensor indexAdd(int axis, Tensor index, Tensor source) {
    return Indexing.indexAdd(this, axis, index, source);
  }

  // ---- linear algebra ----

  /**
   * NumPy's matmul: matrix, batched (batch axes broadcast), vector·matrix and matrix·vector.
   * {@code [m, k]·[k, n]} is {@code [m, n]}; {@code [..., m, k]·[..., k, n]} multiplies matrix by
   * matrix with the leading axes broadcast; a 1-D operand is a row (left) or a column (right) whose
   * axis the result drops.
   *
   * @param other the right operand, at least 1-D; its rows (second-to-last axis) must match this
   *     tensor's columns (last axis)
   * @return a new tensor, in the wider of the two types
   * @throws IllegalArgumentException naming matmul and both shapes when an operand is a scalar, the
   *     inner dimensions differ, the batch axes do not broadcast, or the result would have more
   *     elements than a Java array holds (2^31 − 3)
   */
  public Tensor matmul(Tensor other) { return MatMul.matmul(this, other, Transpose.NONE); }

  /**
   * Matmul with either operand transposed on its last two axes, without materializing it:
   * {@code a.matmul(b, Transpose.RIGHT)} is a·bᵀ, what a backward pass needs.
   *
   * @param other the right operand, at least 1-D
   * @param mode which operands are transposed; a 1-D operand cannot be
   * @return a new tensor, in the wider of the two types
   * @throws IllegalArgumentException naming matmul and both shapes (transposes marked) when an
   *     operand is a scalar or a transposed vector, the inner dimensions differ, the batch axes
   *     do not broadcast, or the result would have more elements than a Java array holds
   *     (2^31 − 3)
   */
  public Tensor matmul(Tensor other, Transpose mode) { return MatMul.matmul(this, other, mode); }

  /**
   * this ← β·this + α·op(a)·op(b) for matrices, in place (BLAS's GEMM, PyTorch's {@code addmm_});
   * bumps {@link #version()}. Fused into the product that computes a weight's gradient, plain
   * SGD's update θ ← θ − η·Gᵀ·x is {@code theta.addMatmulInPlace(-lr, g, x, Transpose.LEFT, 1)}:
   * no gradient tensor and no pass of its own.
   *
   * @param alpha α, the factor of the product, taken in this tensor's type
   * @param a the left operand, a matrix of this tensor's type
   * @param b the right operand, a matrix of this tensor's type
   * @param mode which operands are transposed
   * @param beta β, the factor of this tensor's values (0 ignores them, NaN included, as BLAS does)
   * @return this tensor, changed
   * @throws IllegalArgumentException naming addMatmulInPlace when an operand is not a matrix, the
   *     shapes do not match, the types differ, or this tensor is an operand
   */
  public Tensor addMatmulInPlace(double alpha, Tensor a, Tensor b, Transpose mode, double beta) {
    MatMul.addInPlace(this, alpha, a, b, mode, beta);
    return this;
  }

  /**
   * Whether this tensor and {@code other} are backed by one array, so that a change in place to
   * one shows in the other (PyTorch compares {@code untyped_storage().data_ptr()} for it). Views
   * do not exist here (reshape and transpose copy), so it is the same tensor, or one that {@link
   * #to} returned as it was; the test holds whatever later shares an array.
   *
   * @param other another tensor
   * @return whether the two share their storage
   */
  public boolean sharesStorageWith(Tensor other) {
    return storage.array() == checkNotNull(other, "sharesStorageWith: other is null").storage
        .array();
  }

  /**
   * A hash of this tensor's storage: equal for tensors that {@link #sharesStorageWith share} it
   * (and, rarely, for others), for tables that find which tensors read one array in time linear
   * in their number.
   *
   * @return the storage's identity hash
   */
  public int storageHash() {
    return System.identityHashCode(storage.array());
  }

  /**
   * Σ over every axis but the last of this[..., i]·other[..., j]: the two read as matrices of
   * their rows, [r, p] and [r, q], the product Aᵀ·B [p, q] (NumPy's {@code tensordot} over the
   * leading axes). The gradient of a weight shared by a batch, [b, t, k]ᵀ·[b, t, n] summed over
   * b, as one product instead of a product per batch element and a sum of their results.
   *
   * @param other rows like this tensor's: the same leading axes, any last axis
   * @return a new [p, q] tensor, in the wider of the two types
   * @throws IllegalArgumentException naming tensordotRows and both shapes when either has no axis,
   *     their leading axes differ, or p·q is more than a Java array holds (2^31 − 3)
   */
  public Tensor tensordotRows(Tensor other) { return MatMul.tensordotRows(this, other); }

  /**
   * PyTorch's linear, as {@code Variable.linear} and the {@code Dense} layer compute it: x·Wᵀ + b
   * for rows x [n, in], a weight W [out, in] (PyTorch's layout, a {@code Dense} layer's) and a
   * bias b [out], without materializing Wᵀ: a trained layer's forward pass without a graph. (For
   * a weight stored [in, out], or other shapes that broadcast, {@link #dense(Tensor, Transpose,
   * Tensor)}.)
   *
   * @param x the input rows [n, in]
   * @param weight the weight [out, in]
   * @param bias the bias [out], or {@code null} for none
   * @return a new tensor [n, out], in the widest of the operands' types
   * @throws IllegalArgumentException naming linear and the shapes when they are not [n, in],
   *     [out, in] and [out]
   */
  public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
    checkNotNull(x, "linear: input is null");
    checkNotNull(weight, "linear: weight is null");
    checkArgument(x.rank() == 2 && weight.rank() == 2 && x.dim(1) == weight.dim(1),
        "linear: input %s and weight %s should be [n, in] and [out, in]", x.shape(),
        weight.shape());
    checkArgument(bias == null || bias.shape().equals(Shape.of(weight.dim(0))),
        "linear: bias %s does not match weight %s (expected [%s])",
        bias == null ? null : bias.shape(), weight.shape(), weight.dim(0));
    return MatMul.dense(x, weight, Transpose.RIGHT, bias, null);
  }

  /**
   * {@code matmul(weight, mode).add(bias)} in one result: with {@link Transpose#RIGHT} and a weight
   * of shape [out, in] this is PyTorch's {@code linear}, x·Wᵀ + b, without materializing Wᵀ.
   *
   * @param weight the weight W, e.g. [out, in] with {@link Transpose#RIGHT}
   * @param mode which operands are transposed, as for {@link #matmul(Tensor, Transpose)}
   * @param bias the bias b, e.g. [out]; it must broadcast to the product's shape without changing
   *     it; not null
   * @return a new tensor of the product's shape, in the widest of the three types
   * @throws IllegalArgumentException naming matmul or dense and the shapes when the product is
   *     undefined or the bias does not broadcast to it
   */
  public Tensor dense(Tensor weight, Transpose mode, Tensor bias) {
    return MatMul.dense(this, weight, mode, bias);
  }

  /**
   * {@code activation.apply(matmul(weight, mode).add(bias))} in one result: a dense layer and its
   * activation without the array of the product between them (relu writes over the product; tanh
   * and sigmoid hand its array back for the next result to use). Without a bias or an activation,
   * that part is left out: the one call serves every form of a dense layer.
   *
   * @param weight the weight W, e.g. [out, in] with {@link Transpose#RIGHT}
   * @param mode which operands are transposed, as for {@link #matmul(Tensor, Transpose)}
   * @param bias the bias b, broadcasting to the product's shape without changing it, or
   *     {@code null} for none
   * @param activation the activation, or {@code null} for none
   * @return a new tensor of the product's shape, in the widest of the operands' types
   * @throws IllegalArgumentException naming matmul or dense and the shapes when the product is
   *     undefined or the bias does not broadcast to it
   */
  public Tensor dense(Tensor weight, Transpose mode, Tensor bias, DenseActivation activation) {
    return MatMul.dense(this, weight, mode, bias, activation);
  }

  // ---- convolution and pooling (NCHW) ----

  /**
   * PyTorch's {@code conv2d}: a batch x [N, C, H, W] convolved (cross-correlated, as in every deep
   * learning library) with a weight [O, C / groups, kh, kw], plus a bias [O] per output channel
   * ({@code null} for none), giving [N, O, Ho, Wo]. Lowered to one matrix product per image and
   * group through the GEMM seam; only one image's columns are built at a time.
   *
   * @param weight [out channels, in channels / groups, kernel height, kernel width]
   * @param bias [out channels], or null
   * @param options stride, padding, dilation and groups
   * @return [N, O, Ho, Wo]
   */
  public Tensor conv2d(Tensor weight, Tensor bias, Conv2dOptions options) {
    return Convolution.conv2d(this, weight, bias, options);
  }

  /**
   * The adjoint of {@link #conv2d} in its input, PyTorch's {@code conv_transpose2d} without bias:
   * this [N, O, Ho, Wo] spread back through the weight [O, C / groups, kh, kw] onto an
   * {@code height} × {@code width} image, [N, C, height, width], adding where windows overlap.
   * The size is given because with a stride above 1 several input sizes convolve to the same
   * output (PyTorch's {@code output_padding} chooses among them).
   *
   * @param weight [O, C / groups, kh, kw], as conv2d takes it
   * @param options the convolution's stride, padding, dilation and groups
   * @param height the rows of the result, an input size that convolves to this tensor's
   * @param width the columns of the result
   * @return [N, C, height, width]
   */
  public Tensor convTranspose2d(Tensor weight, Conv2dOptions options, int height, int width) {
    return Convolution.convTranspose2d(this, weight, options, height, width);
  }

  /**
   * The adjoint of {@link #conv2d} in its weight: for this input [N, C, H, W] and an output
   * gradient [N, O, Ho, Wo], Σ over images and positions of the gradient times the input under
   * each tap, [O, C / groups, kernelHeight, kernelWidth] (PyTorch's
   * {@code torch.nn.grad.conv2d_weight}).
   *
   * @param gradOutput [N, O, Ho, Wo]
   * @param options the convolution's stride, padding, dilation and groups
   * @param kernelHeight the kernel's rows
   * @param kernelWidth the kernel's columns
   * @return [O, C / groups, kernelHeight, kernelWidth]
   */
  public Tensor conv2dWeightGrad(Tensor gradOutput, Conv2dOptions options, int kernelHeight,
      int kernelWidth) {
    return Convolution.conv2dWeightGrad(this, gradOutput, options, kernelHeight, kernelWidth);
  }

  /**
   * The maximum of each window of each channel of [N, C, H, W]; see
   * {@link #maxPool2dWithIndices}.
   *
   * @param options kernel, stride, padding and dilation
   * @return [N, C, Ho, Wo]
   */
  public Tensor maxPool2d(Pool2dOptions options) {
    return maxPool2dWithIndices(options).values();
  }

  /**
   * The maximum of each window of each channel of [N, C, H, W] and where it was: the flat index
   * within its channel's plane (PyTorch's {@code return_indices}). Padding never wins; the first
   * maximum wins ties, a NaN wins over numbers, and the last NaN over the others (as PyTorch).
   *
   * @param options kernel, stride, padding and dilation
   * @return the maxima [N, C, Ho, Wo] and their indices (float64)
   */
  public PooledWithIndices maxPool2dWithIndices(Pool2dOptions options) {
    return Convolution.maxPool2d(this, options);
  }

  // ---- in place: the only mutators ----

  /**
   * this += other, elementwise; bumps {@link #version()}.
   *
   * @param other the addend, of this tensor's shape (in-place updates do not broadcast), converted
   *     to this tensor's type
   * @return this tensor, changed
   * @throws IllegalArgumentException naming addInPlace and both shapes when they differ
   */
  public Tensor addInPlace(Tensor other) {
    Elementwise.axpy("addInPlace", this, 1.0, other);
    markChanged();
    return this;
  }

  /**
   * this += α·x, elementwise (BLAS's axpy); bumps {@link #version()}. An optimizer's step θ ← θ −
   * η·g is {@code theta.axpyInPlace(-lr, grad)}.
   *
   * @param alpha α, the factor of {@code x}, taken in this tensor's type
   * @param x the tensor to add, of this tensor's shape (no broadcasting), converted to this
   *     tensor's type
   * @return this tensor, changed
   * @throws IllegalArgumentException naming axpyInPlace and both shapes when they differ
   */
  public Tensor axpyInPlace(double alpha, Tensor x) {
    Elementwise.axpy("axpyInPlace", this, alpha, x);
    markChanged();
    return this;
  }

  /**
   * this *= factor, elementwise; bumps {@link #version()}.
   *
   * @param factor the factor, taken in this tensor's type
   * @return this tensor, changed
   */
  public Tensor scaleInPlace(double factor) {
    Elementwise.scale(this, factor);
    markChanged();
    return this;
  }

  /**
   * Overwrites every element with the corresponding element of {@code source} (same shape); bumps
   * {@link #version()}.
   *
   * @param source the values to copy, of this tensor's shape, converted to this tensor's type
   * @return this tensor, changed
   * @throws IllegalArgumentException naming assignInPlace and both shapes when they differ
   */
  public Tensor assignInPlace(Tensor source) {
    Elementwise.assign(this, source);
    markChanged();
    return this;
  }

  // ---- comparison and text ----

  /**
   * Same shape and |a − b| ≤ atol + rtol·|b| everywhere (NumPy's {@code allclose}); an infinity
   * is close only to the same infinity, NaN to nothing. Values are compared in float64, so a
   * float32 tensor can be compared with a float64 one.
   *
   * @param other the tensor compared with, b in the formula
   * @param rtol the relative tolerance, finite and at least 0
   * @param atol the absolute tolerance, finite and at least 0
   * @return whether the shapes are equal and every pair of elements is close; false, not an
   *     exception, for different shapes
   * @throws IllegalArgumentException naming allClose when a tolerance is negative, infinite or NaN
   */
  public boolean allClose(Tensor other, double rtol, double atol) {
    return Elementwise.allClose(this, checkNotNull(other, "allClose: the other tensor is null"),
        rtol, atol);
  }

  /**
   * Equal shapes, equal types and, element by element, values with the same bits once every NaN
   * is taken as one canonical NaN ({@link Double#doubleToLongBits}, {@link Float#floatToIntBits},
   * as {@link java.util.Arrays#equals(double[], double[])} compares): NaN equals NaN whatever its
   * payload and sign, and 0.0 differs from −0.0. A float32 tensor never equals a float64 one.
   * {@link #hashCode} agrees with it. Both read every element, and an in-place update changes
   * them: for a set or map of tensors by identity, use an identity set (as the engine does).
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof Tensor t && shape.equals(t.shape) && storage.equals(t.storage);
  }

  @Override
  public int hashCode() {
    return 31 * shape.hashCode() + storage.hashCode();
  }

  /** NumPy-like text, summarized with ellipses above 1,000 elements. */
  @Override
  public String toString() {
    return TensorFormat.format(this);
  }
}
