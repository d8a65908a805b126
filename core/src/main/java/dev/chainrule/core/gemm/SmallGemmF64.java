package dev.chainrule.core.gemm;

/**
 * Products of a few hundred multiply-adds (a layer of two units on a batch of four): one dot
 * product per element of C, reading both operands where they lie. Nothing is copied or
 * allocated, which at this size costs more than the arithmetic.
 */
final class SmallGemmF64 {
  private SmallGemmF64() {}

  static void gemm(double alpha, OperandF64 left, OperandF64 right, double beta,
      MatrixBlockF64 c, int k) {
    double[] a = left.data();
    double[] b = right.data();
    double[] out = c.data();
    int aStep = left.colStep();
    int bStep = right.rowStep();
    int n = c.cols();
    for (int i = 0, ci = c.offset(); i < c.rows(); i++) {
      int ai = left.at(i, 0);
      for (int j = 0; j < n; j++, ci++) {
        double sum = 0;
        for (int p = 0, at = ai, bt = right.at(0, j); p < k; p++, at += aStep, bt += bStep) {
          sum += a[at] * b[bt];
        }
        // β = 0 must not read C: 0·NaN would be NaN.
        out[ci] = beta == 0 ? alpha * sum : alpha * sum + beta * out[ci];
      }
    }
  }
}
