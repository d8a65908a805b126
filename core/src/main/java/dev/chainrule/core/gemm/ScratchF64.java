package dev.chainrule.core.gemm;

import java.util.Arrays;

/**
 * A thread's reusable buffers for {@link PanelsF64}: the packed rows of a panel and the
 * accumulator row. Kept per thread, not per call, because for the small products of a training
 * step allocating them would cost as much as the arithmetic; they grow to the largest panel the
 * thread has used (at most {@code kBlock × nBlock} elements, 256 K by default).
 */
final class ScratchF64 {
  private static final ThreadLocal<ScratchF64> PER_THREAD =
      ThreadLocal.withInitial(ScratchF64::new);

  private double[][] rows = new double[0][];
  private double[] acc = new double[0];

  static ScratchF64 get() {
    return PER_THREAD.get();
  }

  /** At least {@code count} row arrays, each of length at least {@code width}. */
  double[][] rows(int count, int width) {
    if (rows.length < count) {
      rows = Arrays.copyOf(rows, count);
    }
    for (int q = 0; q < count; q++) {
      if (rows[q] == null || rows[q].length < width) {
        rows[q] = new double[width];
      }
    }
    return rows;
  }

  /** An accumulator of length at least {@code width}. */
  double[] acc(int width) {
    if (acc.length < width) {
      acc = new double[width];
    }
    return acc;
  }
}
