package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Sums, maxima and minima over every kind of axis set a reduction plans differently: trailing
 * axes (rows), leading ones, both ends around kept middle axes, kept axes apart from each other,
 * and axes of size 1 among them, each against a naive loop over every element. Whole-number
 * values keep every sum exact, so the comparison is exact too. Found by mutation testing (issue
 * 15): ReductionProperties' random shapes rarely reach the kept-middle layout in few tries.
 */
class ReductionLayoutsTest {

  private static Tensor values(int... dims) {
    double[] v = new double[Shape.of(dims).size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (i * 5) % 11 - 5;
    }
    return Tensor.of(v, dims);
  }

  private static Tensor naive(Tensor x, int[] axes, double identity, DoubleBinaryOperator op) {
    int[] dims = x.shape().dimsView();
    int[] kept = dims.clone();
    for (int a : axes) {
      kept[a] = 1;
    }
    double[] out = new double[Shape.of(kept).size()];
    Arrays.fill(out, identity);
    for (int i = 0; i < x.size(); i++) {
      int[] index = Naive.unravel(i, dims);
      for (int a : axes) {
        index[a] = 0;
      }
      int o = Naive.ravel(index, kept);
      out[o] = op.applyAsDouble(out[o], x.storage().get(i));
    }
    return Tensor.of(out, kept);
  }

  @Test
  void everyLayoutAgreesWithTheNaiveLoop() {
    int[][] shapes = {{2, 3, 4}, {3, 1, 2, 4}, {2, 3, 1, 4, 2}, {4, 5}, {1, 6, 1}};
    for (int[] dims : shapes) {
      int rank = dims.length;
      for (int m = 1; m < 1 << rank; m++) {
        int mask = m;
        int[] axes = IntStream.range(0, rank)
            .filter(a -> (mask & 1 << a) != 0).toArray();
        Tensor x = values(dims);
        String where = Arrays.toString(dims) + " over " + Arrays.toString(axes);
        assertEquals(naive(x, axes, 0, Double::sum), x.sum(axes, true), "sum " + where);
        assertEquals(naive(x, axes, Double.NEGATIVE_INFINITY, Math::max), x.max(axes, true),
            "max " + where);
        assertEquals(naive(x, axes, Double.POSITIVE_INFINITY, Math::min), x.min(axes, true),
            "min " + where);
      }
    }
  }

  /**
   * Column sums of rows under {@link ReduceF64#SHORT_ROWS_BELOW} columns add, per column and per
   * block of rows (at most 2,048 elements), four partial sums of every fourth row, and the blocks
   * in order. Float64 columns of long rows are the running sum of their rows in order, bit for
   * bit; float32 ones the running float64 sum of blocks of eight rows, each block a running
   * float32 sum ({@code ReduceF64.columnSumsInLanes}). 131 rows leave a ragged last block and a
   * remainder of rows past the last four.
   */
  @Test
  void columnSumsAddTheirRowsInTheirStatedOrder() {
    assertEquals(64, ReduceF64.SHORT_ROWS_BELOW);
    assertEquals(64, ReduceF32.SHORT_ROWS_BELOW);
    for (int columns : new int[] {2, 3, 16, ReduceF64.SHORT_ROWS_BELOW - 1,
        ReduceF64.SHORT_ROWS_BELOW, 257}) {
      columnSumsOf(131, columns);
    }
  }

  private static void columnSumsOf(int rows, int columns) {
    Tensor x = Tensors.randn(Shape.of(rows, columns), Tensors.seeded(columns));
    for (DType type : DType.values()) {
      Tensor typed = x.to(type);
      double[] expected = columns < ReduceF64.SHORT_ROWS_BELOW
          ? shortRowSums(typed, rows, columns) : longRowSums(typed, rows, columns);
      Tensor sums = typed.sum(new int[] {0}, false);
      for (int c = 0; c < columns; c++) {
        double want = type == DType.FLOAT32 ? (float) expected[c] : expected[c];
        assertEquals(want, sums.storage().get(c), type + " column " + c + " of " + columns);
      }
    }
  }

  private static double[] shortRowSums(Tensor x, int rows, int columns) {
    int blockRows = Math.max(4, 2048 / columns / 4 * 4);
    double[] sums = new double[columns];
    for (int c = 0; c < columns; c++) {
      for (int first = 0; first < rows; first += blockRows) {
        int end = Math.min(rows, first + blockRows);
        int blocked = first + (end - first) / 4 * 4;
        double[] partial = new double[4];
        for (int r = first; r < end; r++) {
          partial[r < blocked ? (r - first) % 4 : 0] += x.storage().get(r * columns + c);
        }
        sums[c] += (partial[0] + partial[1]) + (partial[2] + partial[3]);
      }
    }
    return sums;
  }

  private static double[] longRowSums(Tensor x, int rows, int columns) {
    boolean lanes = x.dtype() == DType.FLOAT32;
    double[] sums = new double[columns];
    for (int c = 0; c < columns; c++) {
      for (int block = 0; block < rows; block += SumF64.ROWS) {
        float lane = 0;
        for (int r = block; r < Math.min(rows, block + SumF64.ROWS); r++) {
          double v = x.storage().get(r * columns + c);
          if (lanes) {
            lane += (float) v;
          } else {
            sums[c] += v;
          }
        }
        sums[c] += lane;
      }
    }
    return sums;
  }
}
