package dev.chainrule.core.gemm;

/**
 * A thread's reusable buffers for {@link Panels}: the packed rows of a panel and the accumulator
 * row. Kept per thread, not per call, because for the small products of a training step
 * allocating them would cost as much as the arithmetic; they grow to the largest panel the
 * thread has used (at most {@code kBlock × nBlock} doubles, 512 KB by default).
 */
final class Scratch {
  private static final ThreadLocal<Scratch> PER_THREAD = ThreadLocal.withInitial(Scratch::new);

  private double[][] rows = new double[0][];
  private double[] acc = new double[0];

  static Scratch get() {
    return PER_THREAD.get();
  }

  /** At least {@code count} row arrays, each of length at least {@code width}. */
  double[][] rows(int count, int width) {
    if (rows.length < count) {
      rows = java.util.Arrays.copyOf(rows, count);
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
