package dev.chainrule.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.gemm.GemmBackend;
import dev.chainrule.core.gemm.MatrixBlock;
import java.util.Arrays;

/**
 * Matrix products with NumPy's {@code matmul} semantics: the last two axes multiply, leading axes
 * are batch axes that broadcast, a 1-D left operand is a row vector and a 1-D right operand a
 * column vector (and that axis is dropped from the result). Every product, batched or not, is one
 * or more calls to the current {@link dev.chainrule.core.gemm.Gemm}.
 */
final class MatMul {
  private MatMul() {}

  static Tensor matmul(Tensor a, Tensor b, Transpose mode) {
    checkNotNull(b, "matmul: the other tensor is null");
    checkNotNull(mode, "matmul: transpose mode is null");
    Shape as = a.shape();
    Shape bs = b.shape();
    if (as.rank() == 0 || bs.rank() == 0) {
      throw new IllegalArgumentException(String.format(
          "matmul: %s x %s: operands need at least one axis", describe(as, mode.left()),
          describe(bs, mode.right())));
    }
    checkArgument(!(mode.left() && as.rank() == 1) && !(mode.right() && bs.rank() == 1),
        "matmul: %s x %s: a 1-D operand cannot be transposed", as, bs);

    int[] aMatrix = lastTwo(as, true);
    int[] bMatrix = lastTwo(bs, false);
    int m = mode.left() ? aMatrix[1] : aMatrix[0];
    int ka = mode.left() ? aMatrix[0] : aMatrix[1];
    int kb = mode.right() ? bMatrix[1] : bMatrix[0];
    int n = mode.right() ? bMatrix[0] : bMatrix[1];
    if (ka != kb) {
      throw new IllegalArgumentException(String.format(
          "matmul: %s x %s: inner dimensions differ (%d vs %d)",
          describe(as, mode.left()), describe(bs, mode.right()), ka, kb));
    }

    DType type = DType.promote(a.dtype(), b.dtype());
    if (type == DType.FLOAT32) {
      // Until the GEMM seam takes float32 operands: compute in float64 and round once.
      return matmul(a.to(DType.FLOAT64), b.to(DType.FLOAT64), mode).to(DType.FLOAT32);
    }
    a = a.to(type);
    b = b.to(type);
    Shape aBatch = batchShape(as);
    Shape bBatch = batchShape(bs);
    Shape batch = Broadcast.shapes("matmul (batch axes)", aBatch, bBatch);
    int batches = batch.size();
    double[] out = new double[batches * m * n];
    if (batches == 1 && batch.equals(aBatch) && batch.equals(bBatch)) {
      GemmBackend.get().multiply(
          MatrixBlock.of(a.dataF64(), aMatrix[0], aMatrix[1]), mode.left(),
          MatrixBlock.of(b.dataF64(), bMatrix[0], bMatrix[1]), mode.right(),
          MatrixBlock.of(out, m, n));
    } else {
      int[] aIndex = Broadcast.offsets(batch.dimsView(), Broadcast.strides(aBatch, batch), 0);
      int[] bIndex = Broadcast.offsets(batch.dimsView(), Broadcast.strides(bBatch, batch), 0);
      int aSize = aMatrix[0] * aMatrix[1];
      int bSize = bMatrix[0] * bMatrix[1];
      for (int i = 0; i < batches; i++) {
        GemmBackend.get().multiply(
            new MatrixBlock(a.dataF64(), aIndex[i] * aSize, aMatrix[0], aMatrix[1]), mode.left(),
            new MatrixBlock(b.dataF64(), bIndex[i] * bSize, bMatrix[0], bMatrix[1]), mode.right(),
            new MatrixBlock(out, i * m * n, m, n));
      }
    }
    return new Tensor(resultShape(batch, as.rank() == 1 ? -1 : m, bs.rank() == 1 ? -1 : n), out);
  }

  /**
   * op(x)·op(W) + b with b broadcast to the product (a bias row), added into the product's own
   * fresh storage: the values of {@code matmul(w, mode).add(b)} without the second result array.
   */
  static Tensor dense(Tensor x, Tensor w, Transpose mode, Tensor bias) {
    checkNotNull(bias, "dense: bias is null");
    Tensor product = matmul(x, w, mode);
    Broadcast.checkBroadcastsTo("dense", bias.shape(), product.shape());
    if (DType.promote(product.dtype(), bias.dtype()) != product.dtype()) {
      return product.add(bias);
    }
    return Elementwise.addInto(product, bias);
  }

  /** Rows and columns of the trailing matrix; a vector is a row (left) or a column (right). */
  private static int[] lastTwo(Shape shape, boolean left) {
    int[] dims = shape.dimsView();
    if (dims.length == 1) {
      return left ? new int[] {1, dims[0]} : new int[] {dims[0], 1};
    }
    return new int[] {dims[dims.length - 2], dims[dims.length - 1]};
  }

  private static Shape batchShape(Shape shape) {
    int[] dims = shape.dimsView();
    return Shape.of(Arrays.copyOf(dims, Math.max(0, dims.length - 2)));
  }

  /** Batch axes then {@code m, n}, leaving out a side marked −1 (it came from a vector). */
  private static Shape resultShape(Shape batch, int m, int n) {
    int[] dims = Arrays.copyOf(batch.dimsView(), batch.rank() + (m >= 0 ? 1 : 0) + (n >= 0 ? 1 : 0));
    int next = batch.rank();
    if (m >= 0) {
      dims[next++] = m;
    }
    if (n >= 0) {
      dims[next] = n;
    }
    return Shape.of(dims);
  }

  private static String describe(Shape shape, boolean transposed) {
    return transposed ? shape + "ᵀ" : shape.toString();
  }
}
