package dev.chainrule.core.gemm;

/**
 * Two output rows per pass over a packed panel: every panel element loaded feeds two
 * multiply-adds, where the one-row loop ({@code RowKernelsF64.axpy4}) spends a load on each.
 *
 * <p>HotSpot 17's vectorizer (C2 SuperWord) leaves a loop that stores into two arrays scalar unless
 * it can prove the two arrays distinct, and it can only for arrays allocated in the same compiled
 * method that never escape it. So the two accumulator rows are allocated here, filled and emptied
 * with plain loops (an {@code arraycopy} would let them escape), and the vector loop is written
 * out in this method rather than called: it must not depend on what the JIT decides to inline.
 * The allocation (two rows per pair of output rows and panel) is why small panels keep the
 * one-row path.
 */
final class PairKernelF64 {
  private PairKernelF64() {}

  /** Output rows r and r + 1, columns col..col+width, over panel rows p..p+height. */
  static void accumulate(PanelsF64 product, int r, int col, int width, int p, int height,
      double[][] panel) {
    double alpha = product.alpha();
    double beta = product.beta();
    double[] c = product.c().data();
    int c0 = product.c().at(r, col);
    int c1 = c0 + product.c().cols();
    double[] acc0 = new double[width];
    double[] acc1 = new double[width];
    if (p > 0 || beta != 0) {
      // Later panels add to the running sums; the first scales C by β (never read when β = 0).
      double s = p > 0 ? 1 : beta;
      for (int j = 0; j < width; j++) {
        acc0[j] = s * c[c0 + j];
        acc1[j] = s * c[c1 + j];
      }
    }
    OperandF64 left = product.left();
    double[] a = left.data();
    int step = left.colStep();
    int at0 = left.at(r, p);
    int at1 = left.at(r + 1, p);
    int q = 0;
    for (; q < height - 3; q += 4, at0 += 4 * step, at1 += 4 * step) {
      double x0 = alpha * a[at0];
      double x1 = alpha * a[at0 + step];
      double x2 = alpha * a[at0 + 2 * step];
      double x3 = alpha * a[at0 + 3 * step];
      double y0 = alpha * a[at1];
      double y1 = alpha * a[at1 + step];
      double y2 = alpha * a[at1 + 2 * step];
      double y3 = alpha * a[at1 + 3 * step];
      double[] r0 = panel[q];
      double[] r1 = panel[q + 1];
      double[] r2 = panel[q + 2];
      double[] r3 = panel[q + 3];
      for (int j = 0; j < width; j++) {
        double b0 = r0[j];
        double b1 = r1[j];
        double b2 = r2[j];
        double b3 = r3[j];
        acc0[j] += x0 * b0 + x1 * b1 + x2 * b2 + x3 * b3;
        acc1[j] += y0 * b0 + y1 * b1 + y2 * b2 + y3 * b3;
      }
    }
    for (; q < height; q++, at0 += step, at1 += step) {
      double x0 = alpha * a[at0];
      double y0 = alpha * a[at1];
      double[] r0 = panel[q];
      for (int j = 0; j < width; j++) {
        acc0[j] += x0 * r0[j];
        acc1[j] += y0 * r0[j];
      }
    }
    for (int j = 0; j < width; j++) {
      c[c0 + j] = acc0[j];
      c[c1 + j] = acc1[j];
    }
  }
}
