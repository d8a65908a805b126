package dev.chainrule.core.gemm;

/**
 * A native backend whose library is held below this processor's vector width, with the products
 * that {@link JavaGemm}'s Vector API kernels take ({@code VectorPanelsF64} and its float32 twin)
 * sent to them instead. {@code OPENBLAS_CORETYPE=Haswell} on a processor with AVX-512 keeps
 * OpenBLAS on 256-bit kernels, while the JVM's own vectors are 512 bits wide: on a 2-core AMD EPYC
 * the kernels then ran an MLP epoch's float64 products (128 × 784 × 256 and the like, a probe
 * reusing their outputs) in 0.60 s against the library's 0.84, and 512³ at 155 GFLOP/s against
 * its 97 GFLOP/s. Float32 followed once its panels stopped gathering ({@code
 * VectorPackingF64.GATHERS}): the float32 epoch, paired with PyTorch's, took 0.83–0.98 of
 * PyTorch's time against 1.03–1.04 with the library (docs/performance-history.md, the
 * thirty-ninth and fortieth sessions). chainrule leaves the variable as its user set it, for the
 * library; it only stops sending the library what its own kernels do faster. Products below
 * {@link #VECTOR_WORK} multiply-adds and narrow ones still go to the library, where they are
 * faster, except small ones one or two vectors wide ({@link VectorRowsF64}: the Iris network's
 * took half the library's time), and all of them where the kernels never get compiled
 * ({@link VectorWarmupF64} and its float32 twin).
 */
final class VectorFirstGemm implements Gemm {
  /**
   * Products below this many multiply-adds do not take the tiles: the Iris network's (up to
   * 9,600) took longer on them than on the library, the MLP's smallest (128 × 128 × 10, 163,840)
   * less.
   */
  static final long VECTOR_WORK = 1L << 16;

  private final Gemm library;
  private final JavaGemm java = new JavaGemm();
  private final JavaGemm.Blocking blocking = JavaGemm.tuned();

  VectorFirstGemm(Gemm library) {
    this.library = library;
  }

  /**
   * Whether to prefer the Vector API kernels to an OpenBLAS whose kernels the environment set:
   * when the core type leaves out the processor's AVX-512 and the JVM's vectors are 512 bits.
   *
   * @param coreType {@code OPENBLAS_CORETYPE}, or null or blank when unset
   * @param processorHasAvx512 whether this processor reports AVX-512 (F)
   * @param kernelBits the width of the Vector API kernels' vectors, 0 where they do not run
   *     ({@link VectorApi#kernelBits()})
   */
  static boolean outruns(String coreType, boolean processorHasAvx512, int kernelBits) {
    return coreType != null && !coreType.isBlank() && kernelBits >= 512
        && OpenBlasCoreType.leavesOutAvx512(coreType.strip(), processorHasAvx512);
  }

  /**
   * Whether the kernels would take products from OpenBLAS in a JVM started with the module:
   * {@link #outruns} with the vectors HotSpot would give the kernels, where this JVM runs without
   * the module (and without {@code -Dchainrule.gemm.vector=false}). The selection's reason then
   * says how to get them, the one place a user learns that the flag exists; it must not promise
   * what the module would not bring, so the width is HotSpot's own ({@link
   * VectorApi#compilerVectorBits}: a processor with AVX-512 may still get 256-bit vectors) and is
   * 0 where the optimizing compiler does not run.
   *
   * @param coreType {@code OPENBLAS_CORETYPE}, or null or blank when unset
   * @param processorHasAvx512 whether this processor reports AVX-512 (F)
   * @param moduleReadable whether this JVM resolved {@code jdk.incubator.vector}
   * @param turnedOff whether {@code -Dchainrule.gemm.vector=false} turns the kernels off
   * @param bitsWithTheModule the width the kernels' vectors would have with the module, 0 where
   *     they would not run or the JVM does not say
   */
  static boolean wouldOutrunWithTheModule(String coreType, boolean processorHasAvx512,
      boolean moduleReadable, boolean turnedOff, int bitsWithTheModule) {
    return !moduleReadable && !turnedOff
        && outruns(coreType, processorHasAvx512, bitsWithTheModule);
  }

  @Override
  public void gemm(double alpha, MatrixBlockF64 a, boolean transposeA, MatrixBlockF64 b,
      boolean transposeB, double beta, MatrixBlockF64 c) {
    GemmArguments.checkPresent(a, b, c);
    int k = transposeA ? a.rows() : a.cols();
    int m = c.rows();
    int n = c.cols();
    if (isLarge(m, n, k) ? JavaGemmF64.takesVectorKernels(blocking, m, n, k)
        : JavaGemmF64.takesVectorRows(blocking,
            new OperandF64(a, transposeA), new OperandF64(b, transposeB), m, n, k)) {
      java.gemm(alpha, a, transposeA, b, transposeB, beta, c);
    } else {
      library.gemm(alpha, a, transposeA, b, transposeB, beta, c);
    }
  }

  @Override
  public void gemm(float alpha, MatrixBlockF32 a, boolean transposeA, MatrixBlockF32 b,
      boolean transposeB, float beta, MatrixBlockF32 c) {
    GemmArguments.checkPresent(a, b, c);
    int k = transposeA ? a.rows() : a.cols();
    int m = c.rows();
    int n = c.cols();
    if (isLarge(m, n, k) ? JavaGemmF32.takesVectorKernels(blocking, m, n, k)
        : JavaGemmF32.takesVectorRows(blocking,
            new OperandF32(a, transposeA), new OperandF32(b, transposeB), m, n, k)) {
      java.gemm(alpha, a, transposeA, b, transposeB, beta, c);
    } else {
      library.gemm(alpha, a, transposeA, b, transposeB, beta, c);
    }
  }

  /** The library, which takes the products the kernels do not. */
  Gemm library() {
    return library;
  }

  private static boolean isLarge(int m, int n, int k) {
    return (long) m * n * k >= VECTOR_WORK;
  }

  @Override
  public String toString() {
    return library + " and the Java Vector API kernels";
  }
}
