package dev.chainrule.core.gemm;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_FDRM;

/**
 * A {@link Gemm} on EJML's row-major kernels ({@code ejml-ddense} for float64, {@code ejml-fdense}
 * for float32), applied to the tensors' own arrays. A block that covers its whole array is wrapped
 * in place; a block at an offset (one matrix of a batch) is copied, because EJML matrices always
 * start at index 0. β·C is formed first and EJML's {@code multAdd} adds α·op(A)·op(B) to it.
 *
 * <p>This class is an adapter over two libraries whose float64 and float32 APIs differ in their
 * names, so it is written for both types rather than generated; the arithmetic is EJML's.
 */
public final class EjmlGemm implements Gemm {
  /** An EJML-backed product. It holds no state, so one instance serves every thread. */
  public EjmlGemm() {}

  @Override
  public void gemm(double alpha, MatrixBlockF64 a, boolean transposeA, MatrixBlockF64 b,
      boolean transposeB, double beta, MatrixBlockF64 c) {
    GemmArguments.checkPresent(a, b, c);
    int k = GemmArguments.depth(a.rows(), a.cols(), transposeA, b.rows(), b.cols(), transposeB,
        c.rows(), c.cols(), c.data() == a.data() || c.data() == b.data());
    if (c.size() == 0) {
      return;
    }
    if (k == 0 || alpha == 0) {
      JavaGemmF64.scale(beta, c);
      return;
    }
    DMatrixRMaj left = wrap(a);
    DMatrixRMaj right = wrap(b);
    DMatrixRMaj out = c.isWholeArray()
        ? DMatrixRMaj.wrap(c.rows(), c.cols(), c.data())
        : new DMatrixRMaj(c.rows(), c.cols());
    if (beta == 0) {
      Arrays.fill(out.data, 0, c.size(), 0);
    } else {
      if (out.data != c.data()) {
        System.arraycopy(c.data(), c.offset(), out.data, 0, c.size());
      }
      if (beta != 1) {
        CommonOps_DDRM.scale(beta, out);
      }
    }
    if (transposeA && transposeB) {
      CommonOps_DDRM.multAddTransAB(alpha, left, right, out);
    } else if (transposeA) {
      CommonOps_DDRM.multAddTransA(alpha, left, right, out);
    } else if (transposeB) {
      CommonOps_DDRM.multAddTransB(alpha, left, right, out);
    } else {
      CommonOps_DDRM.multAdd(alpha, left, right, out);
    }
    if (out.data != c.data()) {
      System.arraycopy(out.data, 0, c.data(), c.offset(), c.size());
    }
  }

  @Override
  public void gemm(float alpha, MatrixBlockF32 a, boolean transposeA, MatrixBlockF32 b,
      boolean transposeB, float beta, MatrixBlockF32 c) {
    GemmArguments.checkPresent(a, b, c);
    int k = GemmArguments.depth(a.rows(), a.cols(), transposeA, b.rows(), b.cols(), transposeB,
        c.rows(), c.cols(), c.data() == a.data() || c.data() == b.data());
    if (c.size() == 0) {
      return;
    }
    if (k == 0 || alpha == 0) {
      JavaGemmF32.scale(beta, c);
      return;
    }
    FMatrixRMaj left = wrap(a);
    FMatrixRMaj right = wrap(b);
    FMatrixRMaj out = c.isWholeArray()
        ? FMatrixRMaj.wrap(c.rows(), c.cols(), c.data())
        : new FMatrixRMaj(c.rows(), c.cols());
    if (beta == 0) {
      Arrays.fill(out.data, 0, c.size(), 0);
    } else {
      if (out.data != c.data()) {
        System.arraycopy(c.data(), c.offset(), out.data, 0, c.size());
      }
      if (beta != 1) {
        CommonOps_FDRM.scale(beta, out);
      }
    }
    if (transposeA && transposeB) {
      CommonOps_FDRM.multAddTransAB(alpha, left, right, out);
    } else if (transposeA) {
      CommonOps_FDRM.multAddTransA(alpha, left, right, out);
    } else if (transposeB) {
      CommonOps_FDRM.multAddTransB(alpha, left, right, out);
    } else {
      CommonOps_FDRM.multAdd(alpha, left, right, out);
    }
    if (out.data != c.data()) {
      System.arraycopy(out.data, 0, c.data(), c.offset(), c.size());
    }
  }

  private static DMatrixRMaj wrap(MatrixBlockF64 block) {
    if (block.isWholeArray()) {
      return DMatrixRMaj.wrap(block.rows(), block.cols(), block.data());
    }
    DMatrixRMaj copy = new DMatrixRMaj(block.rows(), block.cols());
    System.arraycopy(block.data(), block.offset(), copy.data, 0, block.size());
    return copy;
  }

  private static FMatrixRMaj wrap(MatrixBlockF32 block) {
    if (block.isWholeArray()) {
      return FMatrixRMaj.wrap(block.rows(), block.cols(), block.data());
    }
    FMatrixRMaj copy = new FMatrixRMaj(block.rows(), block.cols());
    System.arraycopy(block.data(), block.offset(), copy.data, 0, block.size());
    return copy;
  }

  @Override
  public String toString() {
    return "EJML";
  }
}
