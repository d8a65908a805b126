package dev.chainrule.core.gemm;

import java.util.Arrays;

/**
 * One product {@code out = left·right} (left {@code rows × depth}, right {@code depth × cols}),
 * computed panel by panel of the right operand. The output is C itself, or Cᵀ when
 * {@code transposedOut}: then output row r is column r of C.
 */
record Panels(Operand left, Operand right, MatrixBlock c, boolean transposedOut, int rows,
    int cols, int depth) {

  /** Output rows [from, to), with panels of at most {@code kBlock × nBlock}. */
  void compute(int from, int to, int kBlock, int nBlock) {
    Scratch scratch = Scratch.get();
    double[][] panel = scratch.rows(Math.min(kBlock, depth), Math.min(nBlock, cols));
    double[] acc = scratch.acc(Math.min(nBlock, cols));
    for (int col = 0; col < cols; col += nBlock) {
      int width = Math.min(nBlock, cols - col);
      for (int p = 0; p < depth; p += kBlock) {
        int height = Math.min(kBlock, depth - p);
        right.packRows(p, height, col, width, panel);
        for (int r = from; r < to; r++) {
          load(r, col, width, p == 0, acc);
          accumulate(r, p, height, width, panel, acc);
          store(r, col, width, acc);
        }
      }
    }
  }

  /** acc += left[r, p..p+height) · panel, four panel rows at a time. */
  private void accumulate(int r, int p, int height, int width, double[][] panel, double[] acc) {
    double[] a = left.data();
    int step = left.colStep();
    int at = left.at(r, p);
    int q = 0;
    for (; q + 3 < height; q += 4, at += 4 * step) {
      RowKernels.axpy4(a[at], a[at + step], a[at + 2 * step], a[at + 3 * step],
          panel[q], panel[q + 1], panel[q + 2], panel[q + 3], acc, width);
    }
    for (; q < height; q++, at += step) {
      RowKernels.axpy1(a[at], panel[q], acc, width);
    }
  }

  /** The output row segment into {@code acc}: zeros for the first panel, else what is there. */
  private void load(int r, int col, int width, boolean first, double[] acc) {
    if (first) {
      Arrays.fill(acc, 0, width, 0.0);
    } else if (!transposedOut) {
      System.arraycopy(c.data(), c.offset() + r * c.cols() + col, acc, 0, width);
    } else {
      double[] data = c.data();
      for (int j = 0, at = c.offset() + col * c.cols() + r; j < width; j++, at += c.cols()) {
        acc[j] = data[at];
      }
    }
  }

  private void store(int r, int col, int width, double[] acc) {
    if (!transposedOut) {
      System.arraycopy(acc, 0, c.data(), c.offset() + r * c.cols() + col, width);
    } else {
      double[] data = c.data();
      for (int j = 0, at = c.offset() + col * c.cols() + r; j < width; j++, at += c.cols()) {
        data[at] = acc[j];
      }
    }
  }
}
