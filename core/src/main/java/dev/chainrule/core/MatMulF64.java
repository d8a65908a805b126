package dev.chainrule.core;

import dev.chainrule.core.gemm.GemmBackend;
import dev.chainrule.core.gemm.MatrixBlockF64;

/**
 * The calls of float64 matrix products to the GEMM seam, and the template of their float32 twin
 * ({@code MatMulF32}, generated at build time): one call per matrix of the batch, on the tensors'
 * own arrays at their offsets, or one call for the whole batch when it folds into rows ({@link
 * MatMul.Plan#foldsIntoRows}). {@link MatMul} has checked the shapes and planned the batch.
 */
final class MatMulF64 {
  private MatMulF64() {}

  /**
   * C = op(A)·op(B) for every matrix of the batch, plus {@code bias} broadcast over C's rows when
   * it is not null: C starts as the bias rows and the product is added with β = 1, so the bias
   * costs no pass of its own.
   */
  static Tensor multiply(Tensor a, Tensor b, Transpose mode, MatMul.Plan plan, Tensor bias) {
    double[] out = Recycling.bufferF64(plan.batches() * plan.m() * plan.n());
    double beta = 0;
    if (bias != null) {
      fillRows(bias.dataF64(), out);
      beta = 1;
    }
    double[] left = a.dataF64();
    double[] right = b.dataF64();
    int[] am = plan.aMatrix();
    int[] bm = plan.bMatrix();
    // A batch that folds into rows is one call of all its rows (MatMul.Plan.foldsIntoRows).
    boolean folds = plan.foldsIntoRows(mode);
    int calls = folds ? 1 : plan.batches();
    int matrices = folds ? plan.batches() : 1;
    int size = plan.m() * plan.n();
    for (int i = 0; i < calls; i++) {
      GemmBackend.get().gemm(1,
          new MatrixBlockF64(left, plan.aOffset(i), matrices * am[0], am[1]), mode.left(),
          new MatrixBlockF64(right, plan.bOffset(i), bm[0], bm[1]), mode.right(),
          beta, new MatrixBlockF64(out, i * size, matrices * plan.m(), plan.n()));
    }
    return new Tensor(plan.result(), out);
  }

  /** target ← β·target + α·op(a)·op(b), matrices of one type, checked by {@link MatMul}. */
  static void addInPlace(Tensor target, double alpha, Tensor a, Tensor b, Transpose mode,
      double beta) {
    GemmBackend.get().gemm(alpha, new MatrixBlockF64(a.dataF64(), 0, a.dim(0), a.dim(1)),
        mode.left(), new MatrixBlockF64(b.dataF64(), 0, b.dim(0), b.dim(1)), mode.right(), beta,
        new MatrixBlockF64(target.dataF64(), 0, target.dim(0), target.dim(1)));
  }

  /** Aᵀ·B of [rows, p] and [rows, q], every leading axis read as rows: one call. */
  static Tensor tensordotRows(Tensor a, Tensor b, int rows, int p, int q) {
    double[] out = Recycling.bufferF64(p * q);
    GemmBackend.get().gemm(1, new MatrixBlockF64(a.dataF64(), 0, rows, p), true,
        new MatrixBlockF64(b.dataF64(), 0, rows, q), false, 0,
        new MatrixBlockF64(out, 0, p, q));
    return new Tensor(Shape.of(p, q), out);
  }

  /**
   * {@code out} as copies of {@code row} one after another: the first copied from the row, then
   * the filled part copied onto what follows it, doubling, so log₂(rows) copies instead of one
   * per row. A copy's fixed cost outweighs a short row's elements: for the 150 rows of 3 or 16
   * of the Iris network's layers this took 0.1 and 0.5 µs instead of 1.2 and 1.4.
   */
  static void fillRows(double[] row, double[] out) {
    if (out.length == 0) {
      return;
    }
    System.arraycopy(row, 0, out, 0, row.length);
    for (int filled = row.length; filled < out.length; filled *= 2) {
      System.arraycopy(out, 0, out, filled, Math.min(filled, out.length - filled));
    }
  }
}
