package dev.chainrule.core.gemm;

import java.util.Arrays;

/**
 * One product {@code out ← α·left·right + β·out} (left {@code rows × depth}, right
 * {@code depth × cols}), computed panel by panel of the right operand. The output is C itself, or
 * Cᵀ when {@code transposedOut}: then output row r is column r of C.
 */
record PanelsF64(double alpha, OperandF64 left, OperandF64 right, double beta, MatrixBlockF64 c,
    boolean transposedOut, int rows, int cols, int depth) {

  /**
   * Output rows [from, to), with panels of at most {@code kBlock × nBlock}; panels at least
   * {@code pairWidth} wide and {@code pairHeight} tall take the output rows two at a time.
   */
  void compute(int from, int to, JavaGemm.Blocking blocking) {
    int kBlock = blocking.kBlock();
    int nBlock = blocking.nBlock();
    ScratchF64 scratch = ScratchF64.get();
    double[][] panel = scratch.rows(Math.min(kBlock, depth), Math.min(nBlock, cols));
    double[] acc = scratch.acc(Math.min(nBlock, cols));
    for (int col = 0; col < cols; col += nBlock) {
      int width = Math.min(nBlock, cols - col);
      for (int p = 0; p < depth; p += kBlock) {
        int height = Math.min(kBlock, depth - p);
        right.packRows(p, height, col, width, panel);
        int r = from;
        if (!transposedOut && blocking.inPairs(width, height)) {
          for (; r + 1 < to; r += 2) {
            PairKernelF64.accumulate(this, r, col, width, p, height, panel);
          }
        }
        for (; r < to; r++) {
          load(r, col, width, p == 0, acc);
          accumulate(r, p, height, width, panel, acc);
          store(r, col, width, acc);
        }
      }
    }
  }

  /** acc += α·left[r, p..p+height) · panel, four panel rows at a time. */
  private void accumulate(int r, int p, int height, int width, double[][] panel, double[] acc) {
    double[] a = left.data();
    int step = left.colStep();
    int at = left.at(r, p);
    int q = 0;
    for (; q < height - 3; q += 4, at += 4 * step) {
      RowKernelsF64.axpy4(alpha * a[at], alpha * a[at + step], alpha * a[at + 2 * step],
          alpha * a[at + 3 * step], panel[q], panel[q + 1], panel[q + 2], panel[q + 3], acc,
          width);
    }
    for (; q < height; q++, at += step) {
      RowKernelsF64.axpy1(alpha * a[at], panel[q], acc, width);
    }
  }

  /**
   * The output row segment into {@code acc}: for the first panel β times what C holds (zeros when
   * β = 0, without reading C, as BLAS does), for later panels the running sums.
   */
  private void load(int r, int col, int width, boolean first, double[] acc) {
    if (first && beta == 0) {
      Arrays.fill(acc, 0, width, 0);
      return;
    }
    if (!transposedOut) {
      System.arraycopy(c.data(), c.at(r, col), acc, 0, width);
    } else {
      double[] data = c.data();
      for (int j = 0, at = c.at(col, r); j < width; j++, at += c.cols()) {
        acc[j] = data[at];
      }
    }
    if (first && beta != 1) {
      RowKernelsF64.scale(beta, acc, width);
    }
  }

  private void store(int r, int col, int width, double[] acc) {
    if (!transposedOut) {
      System.arraycopy(acc, 0, c.data(), c.at(r, col), width);
    } else {
      double[] data = c.data();
      for (int j = 0, at = c.at(col, r); j < width; j++, at += c.cols()) {
        data[at] = acc[j];
      }
    }
  }
}
