package dev.chainrule.core.gemm;

/**
 * A matrix as an operand of a product: {@code op(M)}, which is M or Mᵀ. Element (r, s) of op(M)
 * is at {@code offset + r·rowStep + s·colStep} of the array.
 */
record OperandF64(MatrixBlockF64 matrix, boolean isTransposed) {
  /** Distance in the array between (r, s) and (r + 1, s) of op(M). */
  int rowStep() {
    return isTransposed ? 1 : matrix.cols();
  }

  /** Distance in the array between (r, s) and (r, s + 1) of op(M). */
  int colStep() {
    return isTransposed ? matrix.cols() : 1;
  }

  /** Index of element (r, s) of op(M). */
  int at(int r, int s) {
    return matrix.offset() + r * rowStep() + s * colStep();
  }

  /** op(M)ᵀ: the same matrix with the flag flipped. */
  OperandF64 transposed() {
    return new OperandF64(matrix, !isTransposed);
  }

  double[] data() {
    return matrix.data();
  }

  /**
   * Rows {@code first..first+count} and columns {@code col..col+width} of op(M) into
   * {@code panel[0..count)}, one array per row.
   */
  void packRows(int first, int count, int col, int width, double[][] panel) {
    double[] data = matrix.data();
    if (!isTransposed) {
      for (int q = 0; q < count; q++) {
        System.arraycopy(data, at(first + q, col), panel[q], 0, width);
      }
      return;
    }
    // Row q of the panel is column q of the stored matrix: read the stored rows in order (each
    // a contiguous run), so every cache line is fetched once, and spread them across the panel.
    int stride = matrix.cols();
    for (int j = 0, start = at(first, col); j < width; j++, start += stride) {
      for (int q = 0; q < count; q++) {
        panel[q][j] = data[start + q];
      }
    }
  }
}
