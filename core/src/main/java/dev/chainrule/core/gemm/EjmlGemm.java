package dev.chainrule.core.gemm;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The default {@link Gemm}: EJML's row-major kernels on the tensors' own arrays. A block that
 * covers its whole array is wrapped in place; a block at an offset (one matrix of a batch) is
 * copied first, because EJML matrices always start at index 0.
 */
public final class EjmlGemm implements Gemm {
  @Override
  public void multiply(MatrixBlock a, boolean transposeA, MatrixBlock b, boolean transposeB,
      MatrixBlock c) {
    int k = transposeA ? a.rows() : a.cols();
    if (k == 0 || c.rows() == 0 || c.cols() == 0) {
      java.util.Arrays.fill(c.data(), c.offset(), c.offset() + c.rows() * c.cols(), 0.0);
      return;
    }
    DMatrixRMaj left = wrap(a);
    DMatrixRMaj right = wrap(b);
    DMatrixRMaj out = c.isWholeArray()
        ? DMatrixRMaj.wrap(c.rows(), c.cols(), c.data())
        : new DMatrixRMaj(c.rows(), c.cols());
    if (transposeA && transposeB) {
      CommonOps_DDRM.multTransAB(left, right, out);
    } else if (transposeA) {
      CommonOps_DDRM.multTransA(left, right, out);
    } else if (transposeB) {
      CommonOps_DDRM.multTransB(left, right, out);
    } else {
      CommonOps_DDRM.mult(left, right, out);
    }
    if (out.data != c.data()) {
      System.arraycopy(out.data, 0, c.data(), c.offset(), c.rows() * c.cols());
    }
  }

  private static DMatrixRMaj wrap(MatrixBlock block) {
    if (block.isWholeArray()) {
      return DMatrixRMaj.wrap(block.rows(), block.cols(), block.data());
    }
    DMatrixRMaj copy = new DMatrixRMaj(block.rows(), block.cols());
    System.arraycopy(block.data(), block.offset(), copy.data, 0, block.rows() * block.cols());
    return copy;
  }

  @Override
  public String toString() {
    return "EJML";
  }
}
