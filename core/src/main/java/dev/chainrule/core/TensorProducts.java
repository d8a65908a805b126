package dev.chainrule.core;

/**
 * Matrix products, dense layers, convolutions and pooling of tensors, part of {@link Tensor}'s API
 * in a file of its own. Every matrix product runs on the installed GEMM backend ({@link
 * dev.chainrule.core.gemm.GemmBackend}). {@link Tensor} is the only implementation.
 */
public sealed interface TensorProducts permits Tensor {
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
  default Tensor matmul(Tensor other) { return MatMul.matmul(self(), other, Transpose.NONE); }

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
  default Tensor matmul(Tensor other, Transpose mode) { return MatMul.matmul(self(), other, mode); }

  /**
   * this ← β·this + α·op(a)·op(b) for matrices, in place (BLAS's GEMM, PyTorch's {@code addmm_});
   * bumps {@link Tensor#version()}. Fused into the product that computes a weight's gradient, plain
   * SGD's update θ ← θ − η·Gᵀ·x is {@code theta.addMatmulInPlace(-lr, g, x, Transpose.LEFT, 1)}:
   * no gradient tensor and no pass of its own.
   *
   * @param alpha α, the factor of the product, taken in this tensor's type (0 leaves the operands
   *     unread, a NaN in them included, as BLAS and PyTorch's {@code addmm_} do)
   * @param a the left operand, a matrix of this tensor's type
   * @param b the right operand, a matrix of this tensor's type
   * @param mode which operands are transposed
   * @param beta β, the factor of this tensor's values (0 ignores them, NaN included, as BLAS does)
   * @return this tensor, changed
   * @throws IllegalArgumentException naming addMatmulInPlace when an operand is not a matrix, the
   *     shapes do not match, the types differ, or this tensor is an operand
   */
  default Tensor addMatmulInPlace(double alpha, Tensor a, Tensor b, Transpose mode, double beta) {
    MatMul.addInPlace(self(), alpha, a, b, mode, beta);
    return self();
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
  default Tensor tensordotRows(Tensor other) { return MatMul.tensordotRows(self(), other); }

  /**
   * {@code matmul(weight, mode).add(bias)} in one result: with {@link Transpose#RIGHT} and a weight
   * of shape [out, in] this is PyTorch's {@code linear}, x·Wᵀ + b, without materializing Wᵀ. The
   * product's terms are added into rows that start from the bias, so beyond the smallest products
   * (under 256 multiply-adds, which sum the product first) the last bit may differ from {@code
   * matmul(weight, mode).add(bias)}'s, as PyTorch's {@code linear} and {@code addmm} differ.
   *
   * @param weight the weight W, e.g. [out, in] with {@link Transpose#RIGHT}
   * @param mode which operands are transposed, as for {@link Tensor#matmul(Tensor, Transpose)}
   * @param bias the bias b, e.g. [out]; it must broadcast to the product's shape without changing
   *     it; not null
   * @return a new tensor of the product's shape, in the type {@code matmul(weight,
   *     mode).add(bias)} has: the wider of the three types, the bias's left out when it is a
   *     rank-0 tensor ({@link DType#resultOf})
   * @throws IllegalArgumentException naming matmul or dense and the shapes when the product is
   *     undefined or the bias does not broadcast to it
   */
  default Tensor dense(Tensor weight, Transpose mode, Tensor bias) {
    return MatMul.dense(self(), weight, mode, bias);
  }

  /**
   * {@code activation.apply(matmul(weight, mode).add(bias))} in one result: a dense layer and its
   * activation without the array of the product between them (relu writes over the product; tanh
   * and sigmoid hand its array back for the next result to use). Without a bias or an activation,
   * that part is left out: the one call serves every form of a dense layer.
   *
   * @param weight the weight W, e.g. [out, in] with {@link Transpose#RIGHT}
   * @param mode which operands are transposed, as for {@link Tensor#matmul(Tensor, Transpose)}
   * @param bias the bias b, broadcasting to the product's shape without changing it, or
   *     {@code null} for none
   * @param activation the activation, or {@code null} for none
   * @return a new tensor of the product's shape, in the type {@code matmul(weight,
   *     mode).add(bias)} has (without a bias, the product's): the widest of the operands' types,
   *     the bias's left out when it is a rank-0 tensor ({@link DType#resultOf})
   * @throws IllegalArgumentException naming matmul or dense and the shapes when the product is
   *     undefined or the bias does not broadcast to it
   */
  default Tensor dense(Tensor weight, Transpose mode, Tensor bias, DenseActivation activation) {
    return MatMul.dense(self(), weight, mode, bias, activation);
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
  default Tensor conv2d(Tensor weight, Tensor bias, Conv2dOptions options) {
    return Convolution.conv2d(self(), weight, bias, options);
  }

  /**
   * The adjoint of {@link Tensor#conv2d} in its input, PyTorch's {@code conv_transpose2d} without
   * bias: this [N, O, Ho, Wo] spread back through the weight [O, C / groups, kh, kw] onto an {@code
   * height} × {@code width} image, [N, C, height, width], adding where windows overlap. The size is
   * given because with a stride above 1 several input sizes convolve to the same output (PyTorch's
   * {@code output_padding} chooses among them).
   *
   * @param weight [O, C / groups, kh, kw], as conv2d takes it
   * @param options the convolution's stride, padding, dilation and groups
   * @param height the rows of the result, an input size that convolves to this tensor's
   * @param width the columns of the result
   * @return [N, C, height, width]
   */
  default Tensor convTranspose2d(Tensor weight, Conv2dOptions options, int height, int width) {
    return Convolution.convTranspose2d(self(), weight, options, height, width);
  }

  /**
   * The adjoint of {@link Tensor#conv2d} in its weight: for this input [N, C, H, W] and an output
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
  default Tensor conv2dWeightGrad(Tensor gradOutput, Conv2dOptions options, int kernelHeight,
      int kernelWidth) {
    return Convolution.conv2dWeightGrad(self(), gradOutput, options, kernelHeight, kernelWidth);
  }

  /**
   * The maximum of each window of each channel of [N, C, H, W]; see
   * {@link Tensor#maxPool2dWithIndices}.
   *
   * @param options kernel, stride, padding, dilation and ceil mode
   * @return [N, C, Ho, Wo]
   */
  default Tensor maxPool2d(Pool2dOptions options) {
    return maxPool2dWithIndices(options).values();
  }

  /**
   * The maximum of each window of each channel of [N, C, H, W] and where it was: the flat index
   * within its channel's plane (PyTorch's {@code return_indices}). Padding never wins; the first
   * maximum wins ties, a NaN wins over numbers, and the last NaN over the others (as PyTorch).
   * In ceil mode a last window past the bottom or right edge takes the elements it covers.
   *
   * @param options kernel, stride, padding, dilation and ceil mode
   * @return the maxima [N, C, Ho, Wo] and their indices (float64)
   * @throws IllegalArgumentException naming maxPool2d when some window covers only padding (with
   *     dilation and padding together; PyTorch gives −∞ there, a maximum of nothing), or the
   *     input is not [N, C, H, W]
   */
  default PooledWithIndices maxPool2dWithIndices(Pool2dOptions options) {
    return Convolution.maxPool2d(self(), options);
  }

  /** The tensor itself, this interface's only implementation. */
  private Tensor self() {
    return (Tensor) this;
  }
}
