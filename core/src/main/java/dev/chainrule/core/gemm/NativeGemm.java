package dev.chainrule.core.gemm;

import dev.ludovic.netlib.blas.BLAS;

/**
 * A {@link Gemm} on the system's optimized BLAS through netlib's JNI binding, which hands the
 * Java arrays to the library without copying them. BLAS is column-major and chainrule row-major;
 * a row-major {@code m × n} matrix is, read column-major, its {@code n × m} transpose. So
 * {@code C = op(A)·op(B)} is asked for as {@code Cᵀ = op(B)ᵀ·op(A)ᵀ}: B first, A second, each with
 * its own transpose flag, leading dimensions the row lengths, offsets passed through for a matrix
 * inside a batch.
 *
 * <p>Products smaller than {@code smallWork} multiply-adds go to {@link JavaGemm}: for them the
 * JNI call and the library's set-up cost more than the arithmetic (see docs/architecture.md for
 * the measured crossover).
 */
final class NativeGemm implements Gemm {
  /**
   * Below this many multiply-adds the Java kernel is faster: a JNI call into OpenBLAS costs about
   * 0.4 µs, a 4×4×4 product in Java 0.1 µs; from 8×8×8 (512) on the library wins, the Iris
   * network's products (7,200 to 9,600) by 1.5 to 3 times (docs/architecture.md).
   */
  static final long SMALL_WORK = 512;

  private final BLAS blas;
  private final BlasLibrary library;
  private final Gemm small;
  private final long smallWork;

  NativeGemm(BLAS blas, BlasLibrary library) {
    this(blas, library, new JavaGemm(), SMALL_WORK);
  }

  /** With another crossover, so tests can send every product with α ≠ 0 to the library. */
  NativeGemm(BLAS blas, BlasLibrary library, Gemm small, long smallWork) {
    this.blas = blas;
    this.library = library;
    this.small = small;
    this.smallWork = smallWork;
  }

  @Override
  public void gemm(double alpha, MatrixBlockF64 a, boolean transposeA, MatrixBlockF64 b,
      boolean transposeB, double beta, MatrixBlockF64 c) {
    GemmArguments.checkPresent(a, b, c);
    int k = GemmArguments.depth(a.rows(), a.cols(), transposeA, b.rows(), b.cols(), transposeB,
        c.rows(), c.cols(), c.data() == a.data() || c.data() == b.data());
    int m = c.rows();
    int n = c.cols();
    long work = (long) m * n * k;
    if (work == 0 || work < smallWork || alpha == 0) {
      small.gemm(alpha, a, transposeA, b, transposeB, beta, c);
      return;
    }
    blas.dgemm(flag(transposeB), flag(transposeA), n, m, k, alpha, b.data(), b.offset(),
        b.cols(), a.data(), a.offset(), a.cols(), beta, c.data(), c.offset(), n);
  }

  @Override
  public void gemm(float alpha, MatrixBlockF32 a, boolean transposeA, MatrixBlockF32 b,
      boolean transposeB, float beta, MatrixBlockF32 c) {
    GemmArguments.checkPresent(a, b, c);
    int k = GemmArguments.depth(a.rows(), a.cols(), transposeA, b.rows(), b.cols(), transposeB,
        c.rows(), c.cols(), c.data() == a.data() || c.data() == b.data());
    int m = c.rows();
    int n = c.cols();
    long work = (long) m * n * k;
    if (work == 0 || work < smallWork || alpha == 0) {
      small.gemm(alpha, a, transposeA, b, transposeB, beta, c);
      return;
    }
    blas.sgemm(flag(transposeB), flag(transposeA), n, m, k, alpha, b.data(), b.offset(),
        b.cols(), a.data(), a.offset(), a.cols(), beta, c.data(), c.offset(), n);
  }

  private static String flag(boolean transpose) {
    return transpose ? "T" : "N";
  }

  /**
   * The same backend with another crossover ({@code 0}: every product to the library but
   * those of no multiply-add and those with α = 0, which only scale C and stay in Java).
   */
  NativeGemm withSmallWork(long smallWork) {
    return new NativeGemm(blas, library, small, smallWork);
  }

  /** The library this backend calls. */
  BlasLibrary library() {
    return library;
  }

  @Override
  public String toString() {
    return "native (" + library + ")";
  }
}
