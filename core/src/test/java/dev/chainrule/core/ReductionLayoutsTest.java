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
   * Float64 column sums of long rows add each row through a copy (which HotSpot vectorizes),
   * short rows in place; a column is the running sum of its rows in order, bit for bit, either
   * way, as a bias's gradient always was. Float32 columns of short rows are that running sum
   * too (in float64, rounded once); of long rows, the running float64 sum of blocks of eight
   * rows, each block a running float32 sum ({@code ReduceF64.columnSumsInLanes}).
   */
  @Test
  void columnSumsAreRunningSumsOfTheRowsInOrder() {
    assertEquals(64, ReduceF64.COPY_FROM);
    assertEquals(Integer.MAX_VALUE, ReduceF32.COPY_FROM);
    assertEquals(64, ReduceF32.LANES_FROM);
    for (int columns : new int[] {ReduceF64.COPY_FROM - 1, ReduceF64.COPY_FROM, 257}) {
      columnSumsOf(131, columns);
    }
  }

  private static void columnSumsOf(int rows, int columns) {
    Tensor x = Tensors.randn(Shape.of(rows, columns), Tensors.seeded(columns));
    for (DType type : DType.values()) {
      Tensor typed = x.to(type);
      boolean lanes = type == DType.FLOAT32 && columns >= ReduceF32.LANES_FROM;
      double[] expected = new double[columns];
      for (int c = 0; c < columns; c++) {
        for (int block = 0; block < rows; block += SumF64.ROWS) {
          float lane = 0;
          for (int r = block; r < Math.min(rows, block + SumF64.ROWS); r++) {
            double v = typed.storage().get(r * columns + c);
            if (lanes) {
              lane += (float) v;
            } else {
              expected[c] += v;
            }
          }
          expected[c] += lane;
        }
      }
      Tensor sums = typed.sum(new int[] {0}, false);
      for (int c = 0; c < columns; c++) {
        double want = type == DType.FLOAT32 ? (float) expected[c] : expected[c];
        assertEquals(want, sums.storage().get(c), type + " column " + c);
      }
    }
  }
}
