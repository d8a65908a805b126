package dev.chainrule.core.gemm;

/**
 * The inner loops of {@link JavaGemm}: {@code acc += Σ aᵣ·rowᵣ} over whole rows. They are written
 * for HotSpot's auto-vectorizer (C2's SuperWord in Java 17), which turns them into SIMD code only
 * when every array in the loop is indexed by the bare loop counter: an offset such as
 * {@code c[ci + j]} next to {@code b[j]}, or two rows of one array at different offsets, keeps the
 * loop scalar, and so does a loop with more than four input rows. Hence the packed rows and the
 * scratch accumulator, each its own array starting at index 0.
 */
final class RowKernelsF64 {
  private RowKernelsF64() {}

  /** acc[j] += a0·r0[j] + a1·r1[j] + a2·r2[j] + a3·r3[j] for j < n. */
  static void axpy4(double a0, double a1, double a2, double a3, double[] r0, double[] r1,
      double[] r2, double[] r3, double[] acc, int n) {
    for (int j = 0; j < n; j++) {
      acc[j] += a0 * r0[j] + a1 * r1[j] + a2 * r2[j] + a3 * r3[j];
    }
  }

  /** acc[j] += a0·r0[j] for j < n. */
  static void axpy1(double a0, double[] r0, double[] acc, int n) {
    for (int j = 0; j < n; j++) {
      acc[j] += a0 * r0[j];
    }
  }

  /** acc[j] *= s for j < n. */
  static void scale(double s, double[] acc, int n) {
    for (int j = 0; j < n; j++) {
      acc[j] *= s;
    }
  }
}
