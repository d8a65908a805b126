package dev.chainrule.core;

import java.util.Arrays;

/**
 * Reductions of float64 tensors, and the template of their float32 twin ({@code ReduceF32},
 * generated at build time): sum, max and min along a {@link ReductionPlan} (the row kernels of
 * log-sum-exp and softmax are {@link SoftmaxRowsF64}'s).
 *
 * <p>Sums of runs are {@link SumF64}'s: pairwise, accumulated in float64 ({@link Wide}) in both
 * types after at most eight float32 additions per lane, and rounded once at the end: a float32
 * sum of 60,000 × 784 elements stays within an ulp of the exact sum (the test measures it),
 * where a float32 accumulator would drift by thousands of ulps. Column sums accumulate each
 * column in float64, float32 ones after at most eight float32 additions per column
 * ({@link #columnSumsInLanes}).
 */
// The (double) casts narrow results in the generated float32 twin; here they change nothing.
@SuppressWarnings("cast")
final class ReduceF64 {
  /**
   * Column sums of rows at least this long add each row through a copy, which vectorizes (see
   * {@link #intoRow}). Float64 from 64 columns: the copy took 0.69 of the in-place time at 64,
   * 0.49 at 256, but 0.97–1.19 at 32 and 1.3–1.9 under 16, where its call costs more than the
   * loop. Never in the float32 twin (where Double reads Float): it widens every element either
   * way, and the copy made its column sums 1.09–1.12× slower.
   */
  static final int COPY_FROM = Double.SIZE == 64 ? 64 : Integer.MAX_VALUE;

  /**
   * Float32 column sums of rows at least this long take {@link #columnSumsInLanes}. Never in
   * float64 (Double is Float in the twin), where nothing widens and {@link #COPY_FROM}'s copy is
   * the whole gain.
   */
  static final int LANES_FROM = Double.SIZE == 32 ? 64 : Integer.MAX_VALUE;

  private ReduceF64() {}

  static Tensor fold(Fold op, Tensor x, ReductionPlan plan) {
    double[] in = x.dataF64();
    int cells = plan.kept().size();
    double[] out = new double[cells];
    if (plan.keptMiddle()) {
      keptMiddle(op, in, plan, out);
    } else if (plan.isRows()) {
      int length = plan.length();
      for (int o = 0; o < cells; o++) {
        out[o] = (double) run(op, in, o * length, (o + 1) * length);
      }
    } else {
      @Wide double[] acc = new @Wide double[plan.cells() == null ? plan.inner() : cells];
      if (plan.cells() == null) {
        int length = plan.length();
        int inner = plan.inner();
        boolean lanes = op == Fold.SUM && inner >= LANES_FROM;
        double[] row = op == Fold.SUM && (inner >= COPY_FROM || lanes) ? new double[inner] : null;
        double[] lanesRow = lanes ? new double[inner] : null;
        for (int o = 0, i = 0; o < plan.outer(); o++) {
          Arrays.fill(acc, op.identity);
          if (lanes) {
            columnSumsInLanes(in, i, length, inner, acc, lanesRow, row);
            i += length * inner;
          } else {
            for (int r = 0; r < length; r++, i += inner) {
              intoRow(op, in, i, acc, inner, row);
            }
          }
          for (int c = 0; c < inner; c++) {
            out[o * inner + c] = (double) acc[c];
          }
        }
      } else {
        Arrays.fill(acc, op.identity);
        int[] cell = plan.cells();
        for (int i = 0; i < in.length; i++) {
          acc[cell[i]] = combine(op, acc[cell[i]], in[i]);
        }
        for (int c = 0; c < cells; c++) {
          out[c] = (double) acc[c];
        }
      }
    }
    return new Tensor(plan.result(), out);
  }

  /**
   * Per kept middle cell k of {@code [outer, length, inner]}, the fold of the {@code outer} runs
   * of {@code inner} contiguous elements that belong to it, each run folded by {@link #run}.
   */
  private static void keptMiddle(Fold op, double[] in, ReductionPlan plan, double[] out) {
    int cells = plan.length();
    int inner = plan.inner();
    @Wide double[] acc = new @Wide double[cells];
    Arrays.fill(acc, op.identity);
    for (int o = 0, at = 0; o < plan.outer(); o++) {
      for (int k = 0; k < cells; k++, at += inner) {
        @Wide double part = run(op, in, at, at + inner);
        acc[k] = switch (op) {
          case SUM -> acc[k] + part;
          case MAX -> Math.max(acc[k], part);
          case MIN -> Math.min(acc[k], part);
        };
      }
    }
    for (int k = 0; k < cells; k++) {
      out[k] = (double) acc[k];
    }
  }

  /**
   * acc[c] += the column sums of {@code rows} rows of {@code inner} elements from {@code from}:
   * blocks of {@link SumF64#ROWS} rows added in the element type, row onto row through copies
   * (HotSpot 17 vectorizes lanes[c] += row[c]), then each block widened into acc once. In float32
   * that converts one element in eight instead of every one (HotSpot 17 converts float to double
   * one scalar at a time), at the price {@link SumF64} pays for its lanes: at most seven float32
   * roundings per column and block. Tested in both types; float64 never takes it.
   */
  static void columnSumsInLanes(double[] in, int from, int rows, int inner, @Wide double[] acc,
      double[] lanes, double[] row) {
    for (int r = 0; r < rows; r += SumF64.ROWS) {
      int at = from + r * inner;
      System.arraycopy(in, at, lanes, 0, inner);
      for (int k = 1; k < Math.min(SumF64.ROWS, rows - r); k++) {
        System.arraycopy(in, at + k * inner, row, 0, inner);
        for (int c = 0; c < inner; c++) {
          lanes[c] += row[c];
        }
      }
      for (int c = 0; c < inner; c++) {
        acc[c] += lanes[c];
      }
    }
  }

  /** in[from..to) folded, in float64. */
  static @Wide double run(Fold op, double[] in, int from, int to) {
    switch (op) {
      case SUM -> {
        return SumF64.sum(in, from, to);
      }
      case MAX -> {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
          m = Math.max(m, in[i]);
        }
        return m;
      }
      case MIN -> {
        double m = Double.POSITIVE_INFINITY;
        for (int i = from; i < to; i++) {
          m = Math.min(m, in[i]);
        }
        return m;
      }
      default -> throw new AssertionError(op);
    }
  }

  /**
   * acc[c] ∘= in[from + c] for c in [0, length): one row into a row of cells. Sums go through
   * {@code row}, a scratch row, when there is one: HotSpot 17 vectorizes acc[c] += row[c], not
   * acc[c] += in[from + c] (two arrays that might be one, at offsets it cannot compare). The same
   * bits either way.
   */
  private static void intoRow(Fold op, double[] in, int from, @Wide double[] acc, int length,
      double[] row) {
    switch (op) {
      case SUM -> {
        if (row != null) {
          System.arraycopy(in, from, row, 0, length);
          for (int c = 0; c < length; c++) {
            acc[c] += row[c];
          }
        } else {
          for (int c = 0; c < length; c++) {
            acc[c] += in[from + c];
          }
        }
      }
      case MAX -> { for (int c = 0; c < length; c++) { acc[c] = Math.max(acc[c], in[from + c]); } }
      case MIN -> { for (int c = 0; c < length; c++) { acc[c] = Math.min(acc[c], in[from + c]); } }
    }
  }

  private static @Wide double combine(Fold op, @Wide double acc, double v) {
    return switch (op) {
      case SUM -> acc + v;
      case MAX -> Math.max(acc, v);
      case MIN -> Math.min(acc, v);
    };
  }

  /**
   * Index of the largest (or smallest) of {@code length} elements {@code stride} apart from
   * {@code base}; the first wins ties and a NaN wins over numbers.
   */
  static int bestIndex(double[] data, int base, int stride, int length, boolean largest) {
    int best = 0;
    double bestValue = data[base];
    for (int k = 0; k < length && !Double.isNaN(bestValue); k++) {
      double v = data[base + k * stride];
      if (Double.isNaN(v) || (largest ? v > bestValue : v < bestValue)) {
        best = k;
        bestValue = v;
      }
    }
    return best;
  }

  /**
   * The first of the first {@code size} elements not in [low, high] (a NaN is in no range), or
   * −1. The bounds stay float64 in the float32 twin, so every element is compared exactly: a
   * bound of 1e-300 must not round to 0.
   */
  static int indexOutside(double[] values, int size, @Wide double low, @Wide double high) {
    for (int i = 0; i < size; i++) {
      if (!(values[i] >= low && values[i] <= high)) {
        return i;
      }
    }
    return -1;
  }

  /** The first of the first {@code size} elements not a whole number in [0, count), or −1. */
  static int indexNotClass(double[] values, int size, int count) {
    for (int i = 0; i < size; i++) {
      double c = values[i];
      // Written so that NaN fails too; the bound keeps infinities out.
      if (!(c >= 0 && c < count && c == Math.rint(c))) {
        return i;
      }
    }
    return -1;
  }
}
