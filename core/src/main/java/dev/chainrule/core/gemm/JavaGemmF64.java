package dev.chainrule.core.gemm;

import java.util.Arrays;

/**
 * The driver of {@link JavaGemm} for one element type (this file is the template, its float32
 * twin is generated; see core/build/GenerateFloat32.java). It picks the path for each product:
 * nothing to multiply, a direct loop for tiny products, register blocks for a small result over a
 * long inner dimension, or packed panels, computed turned around when the result is narrow and
 * tall, and split across threads when large.
 */
final class JavaGemmF64 {
  /**
   * Products below this many multiply-adds never take the Vector API kernels: packing costs
   * more than their tiles save there, and a program whose products are all small (the Iris
   * network's, up to 9,600) then never waits for the kernels to be compiled.
   */
  static final long VECTOR_WORK = 1L << 15;

  /**
   * Products below this many multiply-adds run the Vector API kernels on one task. Split in two,
   * an MLP's 128 × 128 × 256 products took twice as long in float32 (155 µs against 70; both
   * tasks pack the same operand, and the second core reads it from the first's cache) and a
   * sixth longer in float64; its 128 × 256 × 784 ones gain a third from the split. The
   * packed-panel path splits from {@code parallelWork}, where its second task does pay.
   */
  static final long VECTOR_PARALLEL_WORK = 1L << 23;

  /**
   * Products below this many multiply-adds never take the Vector API's small kernels: the
   * iris command's 4-4-3 network on batches of 16 (256 multiply-adds a product) gained less
   * from them than the half second their warm-up waits (the whole run took a seventh longer),
   * where the full-batch Iris step (7,200 to 9,600 a product) takes a fifth less time.
   */
  static final long VECTOR_ROWS_WORK = 1L << 12;

  private JavaGemmF64() {}

  static void gemm(JavaGemm.Blocking blocking, double alpha, MatrixBlockF64 a,
      boolean transposeA, MatrixBlockF64 b, boolean transposeB, double beta, MatrixBlockF64 c) {
    int k = GemmArguments.depth(a.rows(), a.cols(), transposeA, b.rows(), b.cols(), transposeB,
        c.rows(), c.cols(), c.data() == a.data() || c.data() == b.data());
    int m = c.rows();
    int n = c.cols();
    long work = (long) m * n * k;
    if (m == 0 || n == 0) {
      return;
    }
    if (work == 0 || alpha == 0) {
      scale(beta, c);
      return;
    }
    OperandF64 left = new OperandF64(a, transposeA);
    OperandF64 right = new OperandF64(b, transposeB);
    if (takesVectorRows(blocking, left, right, m, n, k)) {
      VectorRowsF64.gemm(alpha, left, right, beta, c, k);
      return;
    }
    if (blocking.isSmall(work)) {
      SmallGemmF64.gemm(alpha, left, right, beta, c, k);
      return;
    }
    if (blocking.isNarrow(m, n, k)) {
      NarrowGemmF64.gemm(alpha, left, right, beta, c, k);
      return;
    }
    if (takesVectorKernels(blocking, m, n, k)) {
      VectorPanelsF64.gemm(alpha, left, right, beta, c, k, vectorTasks(work));
      return;
    }
    // Turned around, B is on the left read transposed (unless it was), A on the right.
    PanelsF64 product = blocking.turnsAround(m, n)
        ? new PanelsF64(alpha, right.transposed(), left.transposed(), beta, c, true, n, m, k)
        : new PanelsF64(alpha, left, right, beta, c, false, m, n, k);
    int rows = product.rows();
    int tasks = blocking.tasks(work, rows, Runtime.getRuntime().availableProcessors());
    if (tasks == 1) {
      product.compute(0, rows, blocking);
    } else {
      GemmTasks.run(tasks, t -> product.compute(
          (int) ((long) rows * t / tasks), (int) ((long) rows * (t + 1) / tasks), blocking));
    }
  }

  /** The tasks the Vector API kernels split a product of {@code work} multiply-adds into. */
  static int vectorTasks(long work) {
    return work < VECTOR_PARALLEL_WORK ? 1 : Runtime.getRuntime().availableProcessors();
  }

  /**
   * Whether an {@code m × n} result over depth {@code k} goes to the Vector API kernels: where
   * the JVM has them ({@link VectorApi}), for a product of at least {@link #VECTOR_WORK}
   * multiply-adds whose result is wide and tall enough for their tiles and not one the register
   * blocks take, once they are compiled ({@link VectorWarmupF64}, which the first such product
   * waits for).
   */
  static boolean takesVectorKernels(JavaGemm.Blocking blocking, int m, int n, int k) {
    return VectorApi.enabled() && (long) m * n * k >= VECTOR_WORK && !blocking.isNarrow(m, n, k)
        && VectorPanelsF64.takes(m, n, k) && VectorWarmupF64.isWarm();
  }

  /**
   * Whether an {@code m × n} result over depth {@code k} goes to the Vector API's small kernels
   * ({@link VectorRowsF64}): where the JVM has them, for a product of {@link #VECTOR_ROWS_WORK}
   * to {@link #VECTOR_WORK} multiply-adds of a shape they take and not the direct loop's, once
   * they are compiled ({@link VectorWarmupF64#rowsAreWarm}, which the first such product waits
   * for). The Iris benchmark's products take them; smaller ones never wait.
   */
  static boolean takesVectorRows(JavaGemm.Blocking blocking, OperandF64 left, OperandF64 right,
      int m, int n, int k) {
    long work = (long) m * n * k;
    return VectorApi.enabled() && work >= VECTOR_ROWS_WORK && !blocking.isSmall(work)
        && work < VECTOR_WORK
        && VectorRowsF64.takes(left, right, m, n, k) && VectorWarmupF64.rowsAreWarm();
  }

  /** C ← β·C, with zeros (not 0·C, which keeps NaN) where β is zero. */
  static void scale(double beta, MatrixBlockF64 c) {
    double[] data = c.data();
    int from = c.offset();
    int to = from + c.size();
    if (beta == 0) {
      Arrays.fill(data, from, to, 0);
    } else if (beta != 1) {
      for (int i = from; i < to; i++) {
        data[i] *= beta;
      }
    }
  }
}
