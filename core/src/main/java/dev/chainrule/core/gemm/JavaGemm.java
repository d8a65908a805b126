package dev.chainrule.core.gemm;

/**
 * A {@link Gemm} in plain Java, written so that HotSpot vectorizes its inner loop (see
 * {@code RowKernelsF64}); the float32 kernels are generated from the float64 ones and run twice as
 * many elements per vector instruction. Each row of the result is a sum of rows of the right
 * operand scaled by elements of the left one. A result with few columns and more rows (the output
 * layer of a classifier) is computed turned around, Cᵀ = op(B)ᵀ·op(A)ᵀ, so that the vector
 * instructions run along its long side.
 *
 * <p>The right operand is taken in panels of {@code kBlock} rows by {@code nBlock} columns
 * (256 KB of float64 at most, so a panel stays in the L2 cache); each panel's rows are copied into
 * arrays of their own, then every output row is accumulated in a scratch row, four panel rows at a
 * time, and copied out. The copying costs O(k·n) against O(m·k·n) arithmetic. Products of a few
 * hundred multiply-adds skip all that ({@code SmallGemmF64}), and so do results of at most 16 × 16
 * elements, whose rows are too short for the vector loops: each 4 × 4 block is sixteen sums held
 * in registers over the whole inner dimension ({@code NarrowGemmF64}).
 *
 * <p>Products of at least {@code parallelWork} multiply-adds split the output rows among the
 * caller and the workers of {@code GemmTasks}; each task packs its own panels, so tasks share
 * nothing but the read-only operands. In a JVM started with
 * {@code --add-modules jdk.incubator.vector}, products wide enough for them go to register-blocked
 * kernels on the Vector API instead ({@code VectorPanelsF64}), once they are compiled. Measured
 * figures for every choice are in docs/architecture.md.
 */
public final class JavaGemm implements Gemm {
  /**
   * Block sizes and the thresholds between paths: panels of the right operand are
   * {@code kBlock × nBlock}; results narrower than {@code turnBelow} (and taller than wide) are
   * computed as Cᵀ; products of fewer than {@code smallWork} multiply-adds take the direct path,
   * of at least {@code parallelWork} run on several threads; panels at least {@code pairWidth}
   * wide and {@code pairHeight} tall are applied to two output rows at a time (below, the pair
   * kernel's fresh accumulator rows cost more than they save); results of at most {@code
   * narrowOutput} elements over a depth of at most {@link NarrowGemmF64#MAX_DEPTH} take register
   * blocks ({@code NarrowGemmF64}).
   */
  record Blocking(int kBlock, int nBlock, int turnBelow, long smallWork, long parallelWork,
      int pairWidth, int pairHeight, int narrowOutput) {
    /** Whether a product of {@code work} multiply-adds takes the direct loop. */
    boolean isSmall(long work) {
      return work < smallWork;
    }

    /** Whether an {@code m × n} result over depth {@code k} takes register blocks. */
    boolean isNarrow(int m, int n, int k) {
      return (long) m * n <= narrowOutput && k <= NarrowGemmF64.MAX_DEPTH;
    }

    /** Whether an {@code m × n} result is computed turned around, as Cᵀ. */
    boolean turnsAround(int m, int n) {
      return n < turnBelow && n < m;
    }

    /**
     * How many tasks share the {@code rows} output rows of a product of {@code work}
     * multiply-adds: one below {@code parallelWork}, else one per processor but never fewer than
     * 8 rows each (a task's own panel packing would cost more than its rows save).
     */
    int tasks(long work, int rows, int processors) {
      return work < parallelWork ? 1 : Math.min(processors, Math.max(1, rows / 8));
    }

    /** Whether a {@code width × height} panel is applied to two output rows at a time. */
    boolean inPairs(int width, int height) {
      return width >= pairWidth && height >= pairHeight;
    }
  }

  private static final Blocking TUNED =
      new Blocking(128, 256, 32, 256, 1L << 22, 64, 16, NarrowGemmF64.MAX_OUTPUT);

  private final Blocking blocking;

  /** The tuned block sizes and thresholds (what {@link #JavaGemm()} uses). */
  static Blocking tuned() {
    return TUNED;
  }

  /** The tuned block sizes and thresholds. */
  public JavaGemm() {
    this(TUNED);
  }

  /** Other sizes and thresholds, so tests can reach every path with small matrices. */
  JavaGemm(Blocking blocking) {
    this.blocking = blocking;
  }

  @Override
  public void gemm(double alpha, MatrixBlockF64 a, boolean transposeA, MatrixBlockF64 b,
      boolean transposeB, double beta, MatrixBlockF64 c) {
    GemmArguments.checkPresent(a, b, c);
    JavaGemmF64.gemm(blocking, alpha, a, transposeA, b, transposeB, beta, c);
  }

  @Override
  public void gemm(float alpha, MatrixBlockF32 a, boolean transposeA, MatrixBlockF32 b,
      boolean transposeB, float beta, MatrixBlockF32 c) {
    GemmArguments.checkPresent(a, b, c);
    JavaGemmF32.gemm(blocking, alpha, a, transposeA, b, transposeB, beta, c);
  }

  @Override
  public String toString() {
    return "Java";
  }
}
