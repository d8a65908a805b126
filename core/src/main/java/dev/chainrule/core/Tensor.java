package dev.chainrule.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.function.DoubleUnaryOperator;

/**
 * An n-dimensional array of numbers: a {@link Shape}, a {@link DType} and contiguous row-major
 * storage. Tensors are values: every operation returns a new tensor and binary operations
 * broadcast exactly as NumPy does. The only exceptions are the methods named {@code ...InPlace},
 * which exist for optimizers and gradient buffers that own the tensor they update; each bumps the
 * tensor's {@link #version()}.
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

  /** Takes ownership of {@code storage}; for kernels in this package, which never share arrays. */
  Tensor(Shape shape, Storage storage) {
    this.shape = shape;
    this.storage = storage;
  }

  /** A float64 tensor owning {@code data}. */
  Tensor(Shape shape, double[] data) {
    this(shape, new Storage.F64(data));
  }

  /** A float32 tensor owning {@code data}. */
  Tensor(Shape shape, float[] data) {
    this(shape, new Storage.F32(data));
  }

  /** A float64 tensor with a copy of {@code values} laid out row-major in the given shape. */
  public static Tensor of(double[] values, int... dims) {
    checkNotNull(values, "of: values are null");
    return new Tensor(filledShape(values.length, dims), values.clone());
  }

  /** A float32 tensor with a copy of {@code values} laid out row-major in the given shape. */
  public static Tensor of(float[] values, int... dims) {
    checkNotNull(values, "of: values are null");
    return new Tensor(filledShape(values.length, dims), values.clone());
  }

  private static Shape filledShape(int length, int[] dims) {
    Shape shape = Shape.of(checkNotNull(dims, "of: dimensions are null"));
    checkArgument(length == shape.size(), "of: %s values do not fill shape %s (%s elements)",
        length, shape, shape.size());
    return shape;
  }

  /** A float64 rank-0 tensor. */
  public static Tensor scalar(double value) {
    return new Tensor(Shape.scalar(), new double[] {value});
  }

  /** A rank-0 tensor of the given type (the value rounded to float for FLOAT32). */
  public static Tensor scalar(double value, DType dtype) {
    return scalar(value).to(dtype);
  }

  /** A float64 rank-1 tensor of the given values. */
  public static Tensor vector(double... values) {
    checkNotNull(values, "vector: values are null");
    return new Tensor(Shape.of(values.length), values.clone());
  }

  /** A float64 rank-2 tensor whose rows are the given arrays, which must have one length. */
  public static Tensor matrix(double[][] rows) {
    checkNotNull(rows, "matrix: rows are null");
    int cols = rows.length == 0 ? 0 : checkNotNull(rows[0], "matrix: row 0 is null").length;
    double[] data = new double[rows.length * cols];
    for (int r = 0; r < rows.length; r++) {
      checkNotNull(rows[r], "matrix: row %s is null", r);
      checkArgument(rows[r].length == cols, "matrix: row %s has %s values, row 0 has %s", r,
          rows[r].length, cols);
      System.arraycopy(rows[r], 0, data, r * cols, cols);
    }
    return new Tensor(Shape.of(rows.length, cols), data);
  }

  /** Picks {@code a} where {@code mask} is non-zero and {@code b} elsewhere; all three broadcast. */
  public static Tensor where(Tensor mask, Tensor a, Tensor b) {
    return Elementwise.where(mask, a, b);
  }

  /** Joins tensors of equal shape outside {@code axis} along that axis. */
  public static Tensor concat(int axis, Tensor... parts) {
    return ShapeOps.concat(axis, parts);
  }

  /** Stacks tensors of equal shape along a new axis at position {@code axis}. */
  public static Tensor stack(int axis, Tensor... parts) {
    return ShapeOps.stack(axis, parts);
  }

  // ---- accessors ----

  public Shape shape() {
    return shape;
  }

  public DType dtype() {
    return storage.dtype();
  }

  public int rank() {
    return shape.rank();
  }

  /** Number of elements. */
  public int size() {
    return storage.length();
  }

  /** Size of one axis (negative axes count from the end). */
  public int dim(int axis) {
    return shape.dim(axis);
  }

  /** The element at a full index, one coordinate per axis (negative ones count from the end). */
  public double get(int... index) {
    return storage.get(shape.offsetOf("get", index));
  }

  /** The only element of a one-element tensor (a scalar, or any shape of size 1). */
  public double item() {
    checkArgument(size() == 1, "item: tensor of shape %s has %s elements, not 1", shape, size());
    return storage.get(0);
  }

  /** A row-major copy of the elements as doubles (exact for either type). */
  public double[] toArray() {
    return storage instanceof Storage.F64 f ? f.values().clone()
        : ((Storage.F64) storage.to(DType.FLOAT64)).values();
  }

  /** A row-major copy of the elements as floats (float64 values rounded to nearest). */
  public float[] toFloatArray() {
    return storage instanceof Storage.F32 f ? f.values().clone()
        : ((Storage.F32) storage.to(DType.FLOAT32)).values();
  }

  /**
   * This tensor's values in another type: float64 to float32 rounds each value to nearest,
   * float32 to float64 is exact. A tensor that has the type already is returned itself, as
   * PyTorch's {@code to} does; {@link #copy()} it before updating it in place.
   */
  public Tensor to(DType dtype) {
    checkNotNull(dtype, "to: dtype is null");
    return dtype == dtype() ? this : new Tensor(shape, storage.to(dtype));
  }

  /**
   * How many times this tensor has been changed in place: 0 for a tensor no {@code ...InPlace}
   * method has touched. The autograd engine records it when it saves a tensor for backward and
   * refuses to use the tensor if it has moved on, as PyTorch's version counters do.
   */
  public int version() {
    return version;
  }

  /** Records an in-place change; for this package's kernels that write into a tensor. */
  void markChanged() {
    version++;
  }

  /** An independent copy, for callers that will update it in place. */
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

  public Tensor add(Tensor other) { return Elementwise.zip(BinaryOp.ADD, this, other); }
  public Tensor sub(Tensor other) { return Elementwise.zip(BinaryOp.SUB, this, other); }
  public Tensor mul(Tensor other) { return Elementwise.zip(BinaryOp.MUL, this, other); }
  public Tensor div(Tensor other) { return Elementwise.zip(BinaryOp.DIV, this, other); }
  /** Elementwise power with broadcasting, {@code Math.pow} semantics. */
  public Tensor pow(Tensor exponent) { return Elementwise.zip(BinaryOp.POW, this, exponent); }
  /** Elementwise maximum; NaN propagates. */
  public Tensor maximum(Tensor other) { return Elementwise.zip(BinaryOp.MAX, this, other); }
  /** Elementwise minimum; NaN propagates. */
  public Tensor minimum(Tensor other) { return Elementwise.zip(BinaryOp.MIN, this, other); }

  public Tensor add(double s) { return Elementwise.zip(BinaryOp.ADD, this, s); }
  public Tensor sub(double s) { return Elementwise.zip(BinaryOp.SUB, this, s); }
  public Tensor mul(double s) { return Elementwise.zip(BinaryOp.MUL, this, s); }
  public Tensor div(double s) { return Elementwise.zip(BinaryOp.DIV, this, s); }
  public Tensor pow(double exponent) { return Elementwise.zip(BinaryOp.POW, this, exponent); }

  // ---- comparisons: 1 where true, 0 where false (NaN compares false except in ne) ----

  public Tensor eq(Tensor o) { return Elementwise.zip(BinaryOp.EQ, this, o); }
  public Tensor ne(Tensor o) { return Elementwise.zip(BinaryOp.NE, this, o); }
  public Tensor lt(Tensor o) { return Elementwise.zip(BinaryOp.LT, this, o); }
  public Tensor le(Tensor o) { return Elementwise.zip(BinaryOp.LE, this, o); }
  public Tensor gt(Tensor o) { return Elementwise.zip(BinaryOp.GT, this, o); }
  public Tensor ge(Tensor o) { return Elementwise.zip(BinaryOp.GE, this, o); }
  public Tensor eq(double s) { return Elementwise.zip(BinaryOp.EQ, this, s); }
  public Tensor ne(double s) { return Elementwise.zip(BinaryOp.NE, this, s); }
  public Tensor lt(double s) { return Elementwise.zip(BinaryOp.LT, this, s); }
  public Tensor le(double s) { return Elementwise.zip(BinaryOp.LE, this, s); }
  public Tensor gt(double s) { return Elementwise.zip(BinaryOp.GT, this, s); }
  public Tensor ge(double s) { return Elementwise.zip(BinaryOp.GE, this, s); }

  // ---- elementwise, unary ----

  /**
   * Applies {@code f} to every element: the escape hatch for functions the library lacks. A
   * float32 tensor's elements are widened for {@code f} and its results rounded back.
   */
  public Tensor map(DoubleUnaryOperator f) {
    return Elementwise.map(this, checkNotNull(f, "map: function is null"));
  }

  public Tensor neg() { return Elementwise.map(this, UnaryOp.NEG); }
  public Tensor exp() { return Elementwise.map(this, UnaryOp.EXP); }
  public Tensor log() { return Elementwise.map(this, UnaryOp.LOG); }
  /** log(1 + x), accurate for small x. */
  public Tensor log1p() { return Elementwise.map(this, UnaryOp.LOG1P); }
  public Tensor sqrt() { return Elementwise.map(this, UnaryOp.SQRT); }
  public Tensor abs() { return Elementwise.map(this, UnaryOp.ABS); }
  /** −1, 0 or 1 (signed zeros and NaN are kept). */
  public Tensor sign() { return Elementwise.map(this, UnaryOp.SIGN); }
  public Tensor square() { return Elementwise.map(this, UnaryOp.SQUARE); }
  public Tensor reciprocal() { return Elementwise.map(this, UnaryOp.RECIPROCAL); }
  public Tensor tanh() { return Elementwise.map(this, UnaryOp.TANH); }
  /** 1 / (1 + e^−x), computed without overflow for any x. */
  public Tensor sigmoid() { return Elementwise.map(this, UnaryOp.SIGMOID); }
  /** The error function erf(x) = (2/√π)∫₀ˣ e^(−t²) dt, to about 1e-15 relative. */
  public Tensor erf() { return Elementwise.map(this, SpecialFunctions::erf); }
  /** 1 − erf(x), accurate in the tail where 1 − erf(x) would cancel. */
  public Tensor erfc() { return Elementwise.map(this, SpecialFunctions::erfc); }
  /** log(1 + eˣ), computed as max(x, 0) + log1p(e^−|x|) so it never overflows. */
  public Tensor softplus() { return Elementwise.map(this, UnaryOp.SOFTPLUS); }
  /** max(x, 0); NaN stays NaN. */
  public Tensor relu() { return Elementwise.map(this, UnaryOp.RELU); }
  /** Limits every element to {@code [min, max]}; NaN stays NaN. */
  public Tensor clamp(double min, double max) { return Elementwise.clamp(this, min, max); }

  // ---- reductions: all elements, one axis, or a set of axes; keepDims leaves size-1 axes ----

  public Tensor sum() { return Reductions.sum(this, Reductions.allAxes(shape), false); }
  public Tensor sum(int axis, boolean keepDims) { return sum(new int[] {axis}, keepDims); }
  public Tensor sum(int[] axes, boolean keepDims) {
    return Reductions.sum(this, Reductions.axisMask("sum", shape, axes), keepDims);
  }

  public Tensor mean() { return Reductions.mean(this, Reductions.allAxes(shape), false); }
  public Tensor mean(int axis, boolean keepDims) { return mean(new int[] {axis}, keepDims); }
  public Tensor mean(int[] axes, boolean keepDims) {
    return Reductions.mean(this, Reductions.axisMask("mean", shape, axes), keepDims);
  }

  public Tensor max() { return Reductions.max(this, Reductions.allAxes(shape), false); }
  public Tensor max(int axis, boolean keepDims) { return max(new int[] {axis}, keepDims); }
  public Tensor max(int[] axes, boolean keepDims) {
    return Reductions.max(this, Reductions.axisMask("max", shape, axes), keepDims);
  }

  public Tensor min() { return Reductions.min(this, Reductions.allAxes(shape), false); }
  public Tensor min(int axis, boolean keepDims) { return min(new int[] {axis}, keepDims); }
  public Tensor min(int[] axes, boolean keepDims) {
    return Reductions.min(this, Reductions.axisMask("min", shape, axes), keepDims);
  }

  /** e^x / Σ e^x along an axis, computed stably (the maximum is subtracted first). */
  public Tensor softmax(int axis) { return Reductions.softmax(this, axis); }
  /** x − log Σ e^x along an axis: the logarithm of {@link #softmax}, without its rounding. */
  public Tensor logSoftmax(int axis) { return Reductions.logSoftmax(this, axis); }

  /** log Σ exp(x), stable: shifted by the maximum, finite for inputs of any finite size. */
  public Tensor logSumExp() { return Reductions.logSumExp(this, Reductions.allAxes(shape), false); }
  public Tensor logSumExp(int axis, boolean keepDims) {
    return logSumExp(new int[] {axis}, keepDims);
  }
  public Tensor logSumExp(int[] axes, boolean keepDims) {
    return Reductions.logSumExp(this, Reductions.axisMask("logSumExp", shape, axes), keepDims);
  }

  /**
   * Population variance of all elements: the mean squared deviation, dividing by the count n
   * (NumPy's default {@code ddof=0}; PyTorch's default is the unbiased form, see
   * {@link #variance(int[], boolean, boolean)}).
   */
  public Tensor variance() {
    return Reductions.variance(this, Reductions.allAxes(shape), false, false);
  }
  /** Population variance along one axis (dividing by n); see {@link #variance()}. */
  public Tensor variance(int axis, boolean keepDims) {
    return variance(new int[] {axis}, keepDims, false);
  }
  /** Population variance over a set of axes (dividing by n); see {@link #variance()}. */
  public Tensor variance(int[] axes, boolean keepDims) {
    return variance(axes, keepDims, false);
  }
  /** Variance along one axis; see {@link #variance(int[], boolean, boolean)}. */
  public Tensor variance(int axis, boolean keepDims, boolean unbiased) {
    return variance(new int[] {axis}, keepDims, unbiased);
  }
  /**
   * Variance over a set of axes: Σ(x − x̄)² divided by n, or by n − 1 when {@code unbiased}
   * (Bessel's correction, PyTorch's default and NumPy's {@code ddof=1}). The unbiased variance of
   * a single value per group is undefined and refused.
   */
  public Tensor variance(int[] axes, boolean keepDims, boolean unbiased) {
    return Reductions.variance(this, Reductions.axisMask("variance", shape, axes), keepDims,
        unbiased);
  }

  /** Flat index of the largest element; the first wins ties and a NaN wins over numbers. */
  public int argmax() { return Reductions.argExtreme("argmax", this, true); }
  /** Flat index of the smallest element; the first wins ties and a NaN wins over numbers. */
  public int argmin() { return Reductions.argExtreme("argmin", this, false); }
  /** Indices of the largest elements along an axis. */
  public Tensor argmax(int axis, boolean keepDims) {
    return Reductions.argExtreme("argmax", this, axis, keepDims, true);
  }
  /** Indices of the smallest elements along an axis. */
  public Tensor argmin(int axis, boolean keepDims) {
    return Reductions.argExtreme("argmin", this, axis, keepDims, false);
  }

  // ---- shape ----

  /** The same elements in a new shape; one dimension may be −1 and is then inferred. */
  public Tensor reshape(int... dims) { return ShapeOps.reshape(this, dims); }
  /** The same elements in a new shape. */
  public Tensor reshape(Shape target) {
    return reshape(checkNotNull(target, "reshape: shape is null").dimsView());
  }
  /** Swaps two axes. */
  public Tensor transpose(int axis1, int axis2) { return ShapeOps.transpose(this, axis1, axis2); }
  /** Reorders the axes: axis {@code i} of the result is axis {@code order[i]} of this tensor. */
  public Tensor permute(int... order) { return ShapeOps.permute(this, order); }
  public Tensor broadcastTo(Shape target) { return ShapeOps.broadcastTo(this, target); }
  /** {@link #broadcastTo(Shape)} with the shape's dimensions. */
  public Tensor broadcastTo(int... dims) {
    return broadcastTo(Shape.of(checkNotNull(dims, "broadcastTo: dimensions are null")));
  }
  /** The adjoint of broadcastTo: sums the broadcast axes away, leaving {@code target}. */
  public Tensor sumTo(Shape target) { return ShapeOps.sumTo(this, target); }
  /** {@link #sumTo(Shape)} with the shape's dimensions. */
  public Tensor sumTo(int... dims) {
    return sumTo(Shape.of(checkNotNull(dims, "sumTo: dimensions are null")));
  }
  /** Removes every axis of size 1. */
  public Tensor squeeze() { return ShapeOps.squeeze(this); }
  /** Removes one axis, which must have size 1. */
  public Tensor squeeze(int axis) { return ShapeOps.squeeze(this, axis); }
  /** Inserts an axis of size 1 at position {@code axis} of the result. */
  public Tensor unsqueeze(int axis) { return ShapeOps.unsqueeze(this, axis); }
  /** Python's {@code [start:end:step]} along one axis (negative bounds count from the end). */
  public Tensor slice(int axis, int start, int end, int step) {
    return ShapeOps.slice(this, axis, start, end, step);
  }
  public Tensor slice(int axis, int start, int end) { return slice(axis, start, end, 1); }

  // ---- indexing ----

  /**
   * PyTorch's gather: {@code out[..i..] = this[..index[..i..]..]} along {@code axis}. Indices are
   * whole numbers in {@code [-size, size)}; a negative one counts from the end, as in NumPy.
   */
  public Tensor gather(int axis, Tensor index) { return Indexing.gather(this, axis, index); }
  /** The adjoint of gather: a copy of this tensor with {@code source} added at the indices. */
  public Tensor scatterAdd(int axis, Tensor index, Tensor source) {
    return Indexing.scatterAdd(this, axis, index, source);
  }
  /**
   * NumPy's take: the slices at {@code index} along {@code axis}, the index's shape in its place.
   * Like every indexing method here the axis comes first, and indices may be negative.
   */
  public Tensor take(int axis, Tensor index) { return Indexing.take(this, axis, index); }
  /** The adjoint of take: a copy of this tensor with the slices of {@code source} added. */
  public Tensor indexAdd(int axis, Tensor index, Tensor source) {
    return Indexing.indexAdd(this, axis, index, source);
  }

  // ---- linear algebra ----

  /** NumPy's matmul: matrix, batched (batch axes broadcast), vector·matrix and matrix·vector. */
  public Tensor matmul(Tensor other) { return MatMul.matmul(this, other, Transpose.NONE); }
  /** Matmul with either operand transposed on its last two axes, without materializing it. */
  public Tensor matmul(Tensor other, Transpose mode) { return MatMul.matmul(this, other, mode); }
  /** {@code matmul(weight).add(bias)} for a bias that broadcasts to the product, in one result. */
  public Tensor dense(Tensor weight, Tensor bias) {
    return MatMul.dense(this, weight, Transpose.NONE, bias);
  }
  /**
   * {@code matmul(weight, mode).add(bias)} in one result: with {@link Transpose#RIGHT} and a
   * weight of shape [out, in] this is PyTorch's {@code linear}, x·Wᵀ + b, without materializing Wᵀ.
   */
  public Tensor dense(Tensor weight, Transpose mode, Tensor bias) {
    return MatMul.dense(this, weight, mode, bias);
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
   * maximum wins ties, and a NaN wins over numbers.
   *
   * @param options kernel, stride, padding and dilation
   * @return the maxima [N, C, Ho, Wo] and their indices (float64)
   */
  public PooledWithIndices maxPool2dWithIndices(Pool2dOptions options) {
    return Convolution.maxPool2d(this, options);
  }

  // ---- in place: the only mutators ----

  /** this += other (same shape). */
  public Tensor addInPlace(Tensor other) {
    Elementwise.axpy("addInPlace", this, 1.0, other);
    markChanged();
    return this;
  }

  /** this += alpha · x (same shape): BLAS's axpy. */
  public Tensor axpyInPlace(double alpha, Tensor x) {
    Elementwise.axpy("axpyInPlace", this, alpha, x);
    markChanged();
    return this;
  }

  /** this *= factor. */
  public Tensor scaleInPlace(double factor) {
    Elementwise.scale(this, factor);
    markChanged();
    return this;
  }

  /** Overwrites every element with the corresponding element of {@code source} (same shape). */
  public Tensor assignInPlace(Tensor source) {
    Elementwise.assign(this, source);
    markChanged();
    return this;
  }

  // ---- comparison and text ----

  /**
   * Same shape and |a − b| ≤ atol + rtol·|b| everywhere (NumPy's {@code allclose}); equal
   * infinities are close, NaN is close to nothing.
   */
  public boolean allClose(Tensor other, double rtol, double atol) {
    return Elementwise.allClose(this, checkNotNull(other, "allClose: the other tensor is null"),
        rtol, atol);
  }

  /**
   * Equal shapes, equal types and bitwise-equal values (so NaN equals NaN, and 0.0 differs from
   * −0.0); a float32 tensor never equals a float64 one.
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
