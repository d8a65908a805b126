package dev.chainrule.core.gemm;

/**
 * Products whose result is small and whose inner dimension is long: a small layer's weight
 * gradient Xᵀ·G over a batch (Iris's 16 × 4 over 150 samples), or a tiny square product. Each
 * 4 × 4 block of C is sixteen running sums kept in registers over the whole depth, reading both
 * operands where they lie (this file is the template of the float32 twin, {@code NarrowGemmF32}).
 *
 * <p>On such results the panel path's rows are at most 16 elements long, so its vector loops run
 * a few iterations between their set-ups, and it copies panels for a handful of output rows:
 * register blocks took 76 % of its time for 16 × 4 × 150 and 46 % for 8 × 8 × 8
 * (docs/architecture.md has the table).
 */
final class NarrowGemmF64 {
  /** The largest result (16 × 16) the tuned {@link JavaGemm} sends here. */
  static final int MAX_OUTPUT = 256;
  /**
   * The longest inner dimension it takes, a bound rather than a measured crossover: at this depth
   * the four rows of op(A) and four columns of op(B) a block reads (2 × 128 kB of float64) still
   * fit the L2 cache; deeper products keep the panel path, which blocks the depth for the cache.
   */
  static final int MAX_DEPTH = 4096;

  private NarrowGemmF64() {}

  /** C ← α·op(A)·op(B) + β·C; with β = 0, C is not read. */
  static void gemm(double alpha, OperandF64 left, OperandF64 right, double beta,
      MatrixBlockF64 c, int k) {
    Strides s = new Strides(left.data(), left.at(0, 0), left.rowStep(), left.colStep(),
        right.data(), right.at(0, 0), right.rowStep(), right.colStep(), c.data(), c.offset(),
        c.cols(), alpha, beta);
    int m = c.rows();
    int n = c.cols();
    for (int i = 0; i < m; i += 4) {
      for (int j = 0; j < n; j += 4) {
        block(s, i, Math.min(4, m - i), j, Math.min(4, n - j), k);
      }
    }
  }

  /**
   * C[i..i+rows, j..j+cols], rows and cols at most 4: sixteen independent sums, so both adders
   * stay busy. A block at the edge repeats its last row or column in the lanes it lacks and
   * stores only its own: the repeated sums cost less than narrower kernels' fewer, longer chains
   * of dependent additions (3 × 16 × 150 turned around and computed as three single columns of
   * 16 took a fifth longer than the panel path; as padded blocks, a tenth less time).
   */
  private static void block(Strides s, int i, int rows, int j, int cols, int k) {
    double[] a = s.a;
    double[] b = s.b;
    int aCol = s.aCol;
    int bRow = s.bRow;
    int a0At = s.rowOfA(i);
    int a1At = s.rowOfA(i + Math.min(1, rows - 1));
    int a2At = s.rowOfA(i + Math.min(2, rows - 1));
    int a3At = s.rowOfA(i + Math.min(3, rows - 1));
    int b0At = s.columnOfB(j);
    int b1At = s.columnOfB(j + Math.min(1, cols - 1));
    int b2At = s.columnOfB(j + Math.min(2, cols - 1));
    int b3At = s.columnOfB(j + Math.min(3, cols - 1));
    double c00 = 0;
    double c01 = 0;
    double c02 = 0;
    double c03 = 0;
    double c10 = 0;
    double c11 = 0;
    double c12 = 0;
    double c13 = 0;
    double c20 = 0;
    double c21 = 0;
    double c22 = 0;
    double c23 = 0;
    double c30 = 0;
    double c31 = 0;
    double c32 = 0;
    double c33 = 0;
    for (int p = 0, ap = 0, bp = 0; p < k; p++, ap += aCol, bp += bRow) {
      double a0 = a[a0At + ap];
      double a1 = a[a1At + ap];
      double a2 = a[a2At + ap];
      double a3 = a[a3At + ap];
      double b0 = b[b0At + bp];
      double b1 = b[b1At + bp];
      double b2 = b[b2At + bp];
      double b3 = b[b3At + bp];
      c00 += a0 * b0;
      c01 += a0 * b1;
      c02 += a0 * b2;
      c03 += a0 * b3;
      c10 += a1 * b0;
      c11 += a1 * b1;
      c12 += a1 * b2;
      c13 += a1 * b3;
      c20 += a2 * b0;
      c21 += a2 * b1;
      c22 += a2 * b2;
      c23 += a2 * b3;
      c30 += a3 * b0;
      c31 += a3 * b1;
      c32 += a3 * b2;
      c33 += a3 * b3;
    }
    s.storeRow(i, j, cols, c00, c01, c02, c03);
    if (rows > 1) {
      s.storeRow(i + 1, j, cols, c10, c11, c12, c13);
    }
    if (rows > 2) {
      s.storeRow(i + 2, j, cols, c20, c21, c22, c23);
    }
    if (rows > 3) {
      s.storeRow(i + 3, j, cols, c30, c31, c32, c33);
    }
  }

  /**
   * Where the elements of op(A), op(B) and C lie (element (r, s) of each at {@code offset +
   * r·row + s·col}), and α and β.
   */
  private record Strides(double[] a, int aOffset, int aRow, int aCol, double[] b, int bOffset,
      int bRow, int bCol, double[] c, int cOffset, int cRow, double alpha, double beta) {
    /** Where row r of op(A) starts; its next element is {@code aCol} further. */
    int rowOfA(int r) {
      return aOffset + r * aRow;
    }

    /** Where column {@code col} of op(B) starts; its next element is {@code bRow} further. */
    int columnOfB(int col) {
      return bOffset + col * bCol;
    }

    /** The first {@code cols} of four sums into row r of C from column {@code col}. */
    void storeRow(int r, int col, int cols, double s0, double s1, double s2, double s3) {
      int at = cOffset + r * cRow + col;
      store(at, s0);
      if (cols > 1) {
        store(at + 1, s1);
      }
      if (cols > 2) {
        store(at + 2, s2);
      }
      if (cols > 3) {
        store(at + 3, s3);
      }
    }

    /** C ← α·sum + β·C at {@code at}; β = 0 does not read C (0·NaN would be NaN). */
    private void store(int at, double sum) {
      c[at] = beta == 0 ? alpha * sum : alpha * sum + beta * c[at];
    }
  }
}
