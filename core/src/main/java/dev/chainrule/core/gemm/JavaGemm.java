package dev.chainrule.core.gemm;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * A {@link Gemm} in plain Java, written so that HotSpot vectorizes its inner loop (see
 * {@link RowKernels}). Each row of the result is a sum of rows of the right operand scaled by
 * elements of the left one. A result with few columns and more rows (the output layer of a
 * classifier) is computed turned around, Cᵀ = op(B)ᵀ·op(A)ᵀ, so that the vector instructions run
 * along its long side.
 *
 * <p>The right operand is taken in panels of {@code kBlock} rows by {@code nBlock} columns
 * (256 KB at most, so a panel stays in the L2 cache); each panel's rows are copied into arrays of
 * their own, then every output row is accumulated in a scratch row, four panel rows at a time,
 * and copied out. The copying costs O(k·n) against O(m·k·n) arithmetic. Products of a few hundred
 * multiply-adds skip all that ({@link SmallGemm}).
 *
 * <p>Products of at least {@code parallelWork} multiply-adds split the output rows among the
 * caller and the common fork-join pool; each task packs its own panels, so tasks share nothing
 * but the read-only operands. Measured figures for every choice are in docs/architecture.md.
 */
public final class JavaGemm implements Gemm {
  private static final int K_BLOCK = 128;
  private static final int N_BLOCK = 256;
  private static final int TURN_BELOW = 32;
  private static final long SMALL_WORK = 256;
  private static final long PARALLEL_WORK = 1L << 22;

  private final int kBlock;
  private final int nBlock;
  private final int turnBelow;
  private final long smallWork;
  private final long parallelWork;

  /** The tuned block sizes and thresholds. */
  public JavaGemm() {
    this(K_BLOCK, N_BLOCK, TURN_BELOW, SMALL_WORK, PARALLEL_WORK);
  }

  /**
   * Other sizes and thresholds, so tests can reach every path with small matrices.
   *
   * @param kBlock rows of a panel of the right operand
   * @param nBlock columns of a panel
   * @param turnBelow results narrower than this (and taller than wide) are computed as Cᵀ
   * @param smallWork products of fewer multiply-adds take the direct path
   * @param parallelWork products of at least this many multiply-adds run on several threads
   */
  JavaGemm(int kBlock, int nBlock, int turnBelow, long smallWork, long parallelWork) {
    this.kBlock = kBlock;
    this.nBlock = nBlock;
    this.turnBelow = turnBelow;
    this.smallWork = smallWork;
    this.parallelWork = parallelWork;
  }

  @Override
  public void multiply(MatrixBlock a, boolean transposeA, MatrixBlock b, boolean transposeB,
      MatrixBlock c) {
    int m = c.rows();
    int n = c.cols();
    int k = transposeA ? a.rows() : a.cols();
    long work = (long) m * n * k;
    if (work == 0) {
      Arrays.fill(c.data(), c.offset(), c.offset() + m * n, 0.0);
      return;
    }
    Operand left = new Operand(a, transposeA);
    Operand right = new Operand(b, transposeB);
    if (work < smallWork) {
      SmallGemm.multiply(left, right, c, k);
      return;
    }
    // Turned around, B is on the left read transposed (unless it was), A on the right.
    Panels product = n < turnBelow && n < m
        ? new Panels(right.transposed(), left.transposed(), c, true, n, m, k)
        : new Panels(left, right, c, false, m, n, k);
    int rows = product.rows();
    int tasks = work < parallelWork ? 1
        : Math.min(Runtime.getRuntime().availableProcessors(), Math.max(1, rows / 8));
    if (tasks == 1) {
      product.compute(0, rows, kBlock, nBlock);
    } else {
      IntStream.range(0, tasks).parallel().forEach(t -> product.compute(
          (int) ((long) rows * t / tasks), (int) ((long) rows * (t + 1) / tasks), kBlock, nBlock));
    }
  }

  @Override
  public String toString() {
    return "Java";
  }
}
