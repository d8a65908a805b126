package dev.chainrule.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * An n-dimensional array of numbers: a {@link Shape}, a {@link DType} and contiguous row-major
 * storage. Tensors are values: every operation returns a new tensor and binary operations
 * broadcast exactly as NumPy does. The exceptions are the methods named {@code ...InPlace}, which
 * exist for optimizers and gradient buffers that own the tensor they update (each bumps the
 * tensor's {@link #version()}), and {@link #to} into the type a tensor has already, which returns
 * the tensor itself, as PyTorch's does.
 *
 * <p>Every factory makes FLOAT64 unless told otherwise. The arithmetic and comparisons of two
 * tensors ({@link TensorArithmetic}), {@link #where} and {@code dense}'s bias compute in the wider
 * of their types ({@link DType#promote}), unless only one of the two is rank 0, whose type then
 * yields ({@link DType#resultOf}); every other operation taking tensors of two types names its
 * type in its {@code @return} ({@code indexAdd} and {@code scatterAdd} take the wider even beside a
 * rank-0 operand; the in-place updates and {@code gatePositive} keep this tensor's). A Java
 * {@code double} argument never changes a tensor's type, so {@code x.mul(0.5)} of a float32
 * {@code x} is float32.
 *
 * <p>Errors name the operation and the shapes, e.g. {@code add: shapes [3, 4] and [5] do not
 * broadcast (axis -1: 4 vs 5)}. NaN and infinities are values, not errors.
 *
 * <p>This class holds a tensor's values, its factories and its accessors; its operations are
 * declared by concern in the sealed interfaces it implements, each in a file of its own: {@link
 * TensorArithmetic} (elementwise arithmetic and comparisons), {@link TensorFunctions} (elementwise
 * functions, activations, softmax), {@link TensorReductions}, {@link TensorShaping} (reshaping,
 * slicing, joining, indexing), {@link TensorProducts} (matrix products, dense layers,
 * convolutions) and {@link TensorInPlace} (the elementwise mutators; {@code addMatmulInPlace} is
 * with the products). Tensor is their only implementation.
 */
public final class Tensor implements TensorArithmetic, TensorFunctions, TensorReductions,
    TensorShaping, TensorProducts, TensorInPlace {
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
    return new Tensor(FilledTensors.filledShape(values.length, dims), values.clone());
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
    return new Tensor(FilledTensors.filledShape(values.length, dims), values.clone());
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
   * @param value the value; NaN and infinities are allowed
   * @param dtype the element type
   * @return a new tensor of shape []
   * @throws IllegalArgumentException naming scalar and the value when it is finite and float32
   *     would round it to an infinity (beyond ±{@link Float#MAX_VALUE}), as PyTorch refuses it
   */
  public static Tensor scalar(double value, DType dtype) {
    FilledTensors.requireFloat32Range("scalar", "the value", value,
        checkNotNull(dtype, "scalar: dtype is null"));
    return scalar(value).to(dtype);
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
    return FilledTensors.matrix(rows);
  }

  /**
   * Picks {@code a} where {@code mask} is non-zero and {@code b} elsewhere, as NumPy's and
   * PyTorch's {@code where}; all three broadcast.
   *
   * @param mask the condition: a non-zero element (NaN included) picks {@code a}, typically the 1s
   *     and 0s of a comparison such as {@code x.gt(0)}
   * @param a the values where the mask is non-zero
   * @param b the values where the mask is zero
   * @return a new tensor of the broadcast shape of all three, in the type of {@code a} and {@code
   *     b} as an operation on the two computes in ({@link DType#resultOf}): the wider, unless only
   *     one of them is rank 0, whose type then yields (a float64 {@code Tensor.scalar(0.1)} beside
   *     a float32 vector gives float32, as in PyTorch); the mask's type plays no part
   * @throws IllegalArgumentException naming where and the shapes when they do not broadcast
   */
  public static Tensor where(Tensor mask, Tensor a, Tensor b) {
    return Elementwise.where(mask, a, b);
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

  // ---- finding elements: outside a range, beyond float32, not a class; one by flat index ----

  /**
   * Where the first element outside [low, high] lies, in row-major order, or −1 when there is
   * none; a NaN counts as outside. One pass that stops at the first such element and makes
   * nothing: how a check of the data that runs every training step (targets of a loss that must
   * be probabilities) finds the offending value to name.
   *
   * @param low the smallest allowed value
   * @param high the largest allowed value
   * @return the flat index of the first element outside the range, or −1
   * @throws IllegalArgumentException naming indexOutside when low is above high or either is NaN:
   *     an empty range, which every element would be outside of
   */
  public int indexOutside(double low, double high) {
    checkArgument(low <= high, "indexOutside: the range [%s, %s] is empty (low above high, or a"
        + " NaN bound)", low, high);
    return Reductions.indexOutside(this, low, high);
  }

  /**
   * How many elements are not zero (NaN is not zero; −0.0 is), as PyTorch's {@code
   * count_nonzero}: the count of a mask such as {@code x.ne(x)} or {@code p.eq(y)}, exact at any
   * size, where a float32 {@code sum()} of ones rounds past 2^24 (16,777,217 came back as
   * 16,777,216).
   *
   * @return the number of elements other than ±0
   */
  public int countNonZero() {
    return Reductions.countNonZero(this);
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
   * @param count the number of classes, at least 1; {@link Integer#MAX_VALUE} for any whole
   *     number ≥ 0
   * @return the flat index of the first element that is not a class index, or −1
   * @throws IllegalArgumentException naming indexNotClass when count is below 1: no element can
   *     be a class index then
   */
  public int indexNotClass(int count) {
    checkArgument(count >= 1, "indexNotClass: the class count must be at least 1, got %s", count);
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

  // ---- storage identity ----

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

  // ---- a dense layer's product of three tensors ----

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

  // ---- comparison and text ----

  /**
   * Same shape and |a − b| ≤ atol + rtol·|b| everywhere (NumPy's {@code allclose}); an infinity
   * is close only to the same infinity, NaN to nothing. Values are compared in float64, so a
   * float32 tensor can be compared with a float64 one. Unlike NumPy's and PyTorch's {@code
   * allclose}, the operands do not broadcast: the checks of this library and its users' compare
   * results with expected values, where a result of the wrong shape ({@code [2, 1]} kept by a
   * reduction that should drop its axis, against {@code [2]}) must not pass, as PyTorch's
   * {@code torch.testing.assert_close} checks shapes; broadcast an operand first to compare
   * against a row or a scalar.
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
