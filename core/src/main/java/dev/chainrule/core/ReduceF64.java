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
 * column in float64: those of short rows in four partial sums ({@link ShortColumnsF64#sums}),
 * of long float32 rows after at most eight float32 additions per column
 * ({@link #columnSumsInLanes}).
 */
// The (double) casts narrow results in the generated float32 twin; here they change nothing.
@SuppressWarnings("cast")
final class ReduceF64 {
  /**
   * Column sums of rows shorter than this take {@link ShortColumnsF64#sums}. Against the row
   * walk before it, one process each: a dense layer's bias gradient of 150 rows in 0.22 of its
   * time for 3 columns and 0.50 for 16 in float64, 0.61 and 0.77 in float32 (which widens every
   * element to add it in float64 either way); float64 128 × 63 in 0.57, 1,000 × 16 in 0.57,
   * 10,000 × 3 in 0.21. Longer rows are added row onto row: in float64 through a copy, which
   * vectorizes (see {@link #intoRow}; 0.69 of the in-place time at 64 columns, 0.49 at 256), in
   * float32 (where Double reads Float) in lanes ({@link #columnSumsInLanes}), as the copy widens
   * every element either way and made its column sums 1.09–1.12× slower.
   */
  static final int SHORT_ROWS_BELOW = 64;

  /** Elements per block of {@link ShortColumnsF64#sums}: 16 KiB of float64, 8 KiB of float32. */
  static final int SHORT_ROWS_BLOCK = 2048;

  private ReduceF64() {}

  /**
   * x folded along the plan, each result divided by {@code divisor} (1 but for a mean) before
   * it is rounded to the element type: a float32 mean rounds once, from the float64 sum, where
   * the sum rounded to float32 and then divided rounded twice (means over axes of values near
   * 1,000 came out up to 1.6 ulps from the exact mean; now half an ulp where the sum is float64
   * throughout). What the float32 lanes round before widening ({@link #columnSumsInLanes}, {@link
   * SumF64#lanes}) stays in the mean: column means of rows of 64 or more values near 1,000 are
   * still up to 1.6 ulps off, 60,000 rows of 0.1f still average to 0.10000001 (eight 0.1f added
   * in turn in float32 make 0.8000001); widening every element instead took 2.5 times as long.
   */
  static Tensor fold(Fold op, Tensor x, ReductionPlan plan, @Wide double divisor) {
    double[] in = x.dataF64();
    int cells = plan.kept().size();
    double[] out = new double[cells];
    if (plan.keptMiddle()) {
      keptMiddle(op, in, plan, out, divisor);
    } else if (plan.isRows()) {
      int length = plan.length();
      for (int o = 0; o < cells; o++) {
        out[o] = (double) (run(op, in, o * length, (o + 1) * length) / divisor);
      }
    } else {
      @Wide double[] acc = new @Wide double[plan.cells() == null ? plan.inner() : cells];
      if (plan.cells() == null) {
        int length = plan.length();
        int inner = plan.inner();
        boolean shortRows = op == Fold.SUM && inner > 0 && inner < SHORT_ROWS_BELOW;
        boolean lanes = op == Fold.SUM && !shortRows && Double.SIZE == 32;
        double[] row = op == Fold.SUM && !shortRows ? new double[inner] : null;
        double[] lanesRow = lanes ? new double[inner] : null;
        for (int o = 0, i = 0; o < plan.outer(); o++) {
          Arrays.fill(acc, op.identity);
          if (shortRows) {
            ShortColumnsF64.sums(in, i, length, inner, acc);
            i += length * inner;
          } else if (lanes) {
            columnSumsInLanes(in, i, length, inner, acc, lanesRow, row);
            i += length * inner;
          } else {
            for (int r = 0; r < length; r++, i += inner) {
              intoRow(op, in, i, acc, inner, row);
            }
          }
          for (int c = 0; c < inner; c++) {
            out[o * inner + c] = (double) (acc[c] / divisor);
          }
        }
      } else {
        Arrays.fill(acc, op.identity);
        int[] cell = plan.cells();
        for (int i = 0; i < in.length; i++) {
          acc[cell[i]] = combine(op, acc[cell[i]], in[i]);
        }
        for (int c = 0; c < cells; c++) {
          out[c] = (double) (acc[c] / divisor);
        }
      }
    }
    return new Tensor(plan.result(), out);
  }

  /**
   * Per kept middle cell k of {@code [outer, length, inner]}, the fold of the {@code outer} runs
   * of {@code inner} contiguous elements that belong to it, each run folded by {@link #run}.
   */
  private static void keptMiddle(Fold op, double[] in, ReductionPlan plan, double[] out,
      @Wide double divisor) {
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
      out[k] = (double) (acc[k] / divisor);
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
    // r counts in a long: an int stepped past 2^31 − 1 when rows came within ROWS of it.
    for (long r = 0; r < rows; r += SumF64.ROWS) {
      int at = (int) (from + r * inner);
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
        return largest(in, from, to);
      }
      case MIN -> {
        return smallest(in, from, to);
      }
      default -> throw new AssertionError(op);
    }
  }

  /**
   * The largest of in[from..to) as Math.max's fold gives it: the first NaN if any is NaN, +0.0
   * above −0.0. A compare-and-keep whose branch is taken only when a new maximum comes, which
   * data soon stop giving; Math.max's chain ran at 0.3 ns an element on normal values but 2.7
   * where ties with the running maximum came at random (integers 0 to 3) and 4.6 over ±∞
   * (PyTorch 0.3 on all). The zeros are ranked afterwards, only when the maximum is a zero.
   */
  private static double largest(double[] in, int from, int to) {
    double m = Double.NEGATIVE_INFINITY;
    for (int i = from; i < to; i++) {
      double v = in[i];
      if (v > m) {
        m = v;
      } else if (v != v) {
        return v;
      }
    }
    return m == 0 ? zeroOfSign(in, from, to, false) : m;
  }

  /** The smallest of in[from..to) as Math.min ranks them, as {@link #largest} finds it. */
  private static double smallest(double[] in, int from, int to) {
    double m = Double.POSITIVE_INFINITY;
    for (int i = from; i < to; i++) {
      double v = in[i];
      if (v < m) {
        m = v;
      } else if (v != v) {
        return v;
      }
    }
    return m == 0 ? zeroOfSign(in, from, to, true) : m;
  }

  /**
   * −0.0 if {@code negative} and some element is −0.0, or else if none is +0.0; else +0.0, for a
   * range whose maximum (minimum if {@code negative}) is a zero. The scan tests 1/x, −∞ only at
   * −0.0 and +∞ only at +0.0 among the values such a range can hold (a subnormal of the other sign
   * would have been the extreme): data with many zeros, the minimum of ReLU's outputs, would
   * mispredict a test of x == 0 on every other element.
   */
  private static double zeroOfSign(double[] in, int from, int to, boolean negative) {
    double wanted = negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    for (int i = from; i < to; i++) {
      if (1 / in[i] == wanted) {
        return in[i];
      }
    }
    return negative ? 0 : -(double) 0;
  }

  /**
   * acc[c] ∘= in[from + c] for c in [0, length): one row into a row of cells. Sums go through
   * {@code row}, a scratch row: HotSpot 17 vectorizes acc[c] += row[c], not acc[c] += in[from +
   * c] (two arrays that might be one, at offsets it cannot compare).
   */
  private static void intoRow(Fold op, double[] in, int from, @Wide double[] acc, int length,
      double[] row) {
    switch (op) {
      case SUM -> {
        System.arraycopy(in, from, row, 0, length);
        for (int c = 0; c < length; c++) {
          acc[c] += row[c];
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

  /**
   * offsets[i] = i·count + values[i] for the first offsets.length values, while each is a whole
   * number in [0, count); the index of the first that is not, or −1; the caller sees to it that
   * i·count + values[i] fits an int (the offsets index rows of {@code count}).
   */
  static int classOffsets(double[] values, int count, int[] offsets) {
    for (int i = 0, row = 0; i < offsets.length; i++, row += count) {
      if (!isClass(values[i], count)) {
        return i;
      }
      offsets[i] = row + (int) values[i];
    }
    return -1;
  }

  /** How many of the first {@code size} elements are not 0 (NaN is not). */
  static int countNonZero(double[] values, int size) {
    int count = 0;
    for (int i = 0; i < size; i++) {
      count += values[i] != 0 ? 1 : 0;
    }
    return count;
  }

  /** The first of the first {@code size} elements not a whole number in [0, count), or −1. */
  static int indexNotClass(double[] values, int size, int count) {
    for (int i = 0; i < size; i++) {
      if (!isClass(values[i], count)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Whether c is a class index: a whole number in [0, count). Written so that NaN fails too; the
   * bound keeps infinities out.
   */
  private static boolean isClass(double c, int count) {
    return c >= 0 && c < count && c == Math.rint(c);
  }
}
