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
        // One sign throughout: a maximum or minimum that started from 0, not from its identity,
        // would show as a 0 in every cell.
        Tensor negative = x.add(Tensor.scalar(-6));
        Tensor positive = x.add(Tensor.scalar(6));
        assertEquals(naive(negative, axes, Double.NEGATIVE_INFINITY, Math::max),
            negative.max(axes, true), "max of negative values " + where);
        assertEquals(naive(positive, axes, Double.POSITIVE_INFINITY, Math::min),
            positive.min(axes, true), "min of positive values " + where);
      }
    }
  }

  /**
   * Column sums of rows under {@link ReduceF64#SHORT_ROWS_BELOW} columns add, per column and per
   * block of rows (at most {@link ReduceF64#SHORT_ROWS_BLOCK} elements), four partial sums of
   * every fourth row, and the blocks in order. Float64 columns of long rows are the running sum
   * of their rows in order, bit for bit; float32 ones the running float64 sum of blocks of eight
   * rows, each block a running float32 sum ({@code ReduceF64.columnSumsInLanes}). 131 rows leave
   * a ragged last block and a remainder of rows past the last four.
   */
  @Test
  void columnSumsAddTheirRowsInTheirStatedOrder() {
    assertEquals(64, ReduceF64.SHORT_ROWS_BELOW);
    assertEquals(64, ReduceF32.SHORT_ROWS_BELOW);
    for (int columns : new int[] {2, 3, 16, ReduceF64.SHORT_ROWS_BELOW - 1,
        ReduceF64.SHORT_ROWS_BELOW, 257}) {
      Tensor x = Tensors.randn(Shape.of(131, columns), Tensors.seeded(columns));
      for (DType type : DType.values()) {
        Tensor typed = x.to(type);
        assertColumnSums(typed, typed.sum(new int[] {0}, false), 1, 131, columns);
      }
    }
  }

  /**
   * The same order in every slice of {@code [outer, length, inner]} summed over its middle axis,
   * for lengths short of a block of four, at one and past a block of rows.
   */
  @Test
  void middleAxisSumsAddEachSliceInTheSameOrder() {
    for (int inner : new int[] {2, 3, 5, 16, 63, 64, 70}) {
      for (int length : new int[] {1, 3, 4, 7, 131, 700}) {
        Tensor x = Tensors.randn(Shape.of(3, length, inner),
            Tensors.seeded(inner * 1000L + length));
        for (DType type : DType.values()) {
          Tensor typed = x.to(type);
          assertColumnSums(typed, typed.sum(new int[] {1}, false), 3, length, inner);
        }
      }
    }
  }

  /** Sums over an empty axis or of empty rows are empty or zero, as NumPy's are. */
  @Test
  void columnSumsOfEmptyShapes() {
    for (DType type : DType.values()) {
      assertEquals(Shape.of(0), Tensors.zeros(Shape.of(5, 0), type).sum(new int[] {0}, false)
          .shape());
      assertEquals(Shape.of(0), Tensors.zeros(Shape.of(0, 0), type).sum(new int[] {0}, false)
          .shape());
      assertEquals(Shape.of(2, 0), Tensors.zeros(Shape.of(2, 3, 0), type)
          .sum(new int[] {1}, false).shape());
      Tensor none = Tensors.zeros(Shape.of(0, 3), type).sum(new int[] {0}, false);
      assertEquals(Tensors.zeros(Shape.of(3), type), none, "no rows: zeros");
    }
  }

  /**
   * An empty tensor's groups may hold more values than an int counts: [0, 65536, 65536] over its
   * last two axes has no group, each of 2³² values. The count overflowed to 0, and the unbiased
   * variance was refused as "0 over the reduced axes"; it is the empty [0], as PyTorch's.
   */
  @Test
  void groupsOfAnEmptyTensorMayHoldMoreValuesThanAnIntCounts() {
    Tensor empty = Tensors.zeros(Shape.of(0, 65536, 65536), DType.FLOAT32);
    assertEquals(Shape.of(0), empty.variance(new int[] {1, 2}, false, true).shape());
    assertEquals(Shape.of(0), empty.mean(new int[] {1, 2}, false).shape());
  }

  /**
   * Float32 short rows add in float64: 1 and then 100,002 copies of 2⁻²⁴ (half an ulp of 1 in
   * float32, which a float32 running sum would drop every time) sum to 1 + 100,002·2⁻²⁴ rounded
   * once.
   */
  @Test
  void floatThirtyTwoShortRowsAddInFloatSixtyFour() {
    int rows = 100_003;
    float[] v = new float[rows * 2];
    Arrays.fill(v, (float) 0x1p-24);
    v[0] = 1;
    v[1] = 1;
    Tensor sums = Tensor.of(v, rows, 2).sum(new int[] {0}, false);
    float expected = (float) (1 + 100_002 * 0x1p-24);
    // Exact: the literal is the float's shortest decimal (1e-7 would be within an ulp anyway).
    assertEquals(1.0059606f, expected);
    assertEquals(expected, sums.storage().get(0));
    assertEquals(expected, sums.storage().get(1));
  }

  /** Checks every column of every slice of {@code x}, [outer, rows, columns], against sums. */
  private static void assertColumnSums(Tensor x, Tensor sums, int outer, int rows, int columns) {
    for (int o = 0; o < outer; o++) {
      int from = o * rows * columns;
      double[] expected = columns < ReduceF64.SHORT_ROWS_BELOW
          ? shortRowSums(x, from, rows, columns) : longRowSums(x, from, rows, columns);
      for (int c = 0; c < columns; c++) {
        double want = x.dtype() == DType.FLOAT32 ? (float) expected[c] : expected[c];
        assertEquals(want, sums.storage().get(o * columns + c),
            x.dtype() + " slice " + o + " column " + c + " of " + rows + " x " + columns);
      }
    }
  }

  private static double[] shortRowSums(Tensor x, int from, int rows, int columns) {
    int blockRows = ReduceF64.SHORT_ROWS_BLOCK / columns / 4 * 4;
    double[] sums = new double[columns];
    for (int c = 0; c < columns; c++) {
      for (int first = 0; first < rows; first += blockRows) {
        int end = Math.min(rows, first + blockRows);
        int blocked = first + (end - first) / 4 * 4;
        double[] partial = new double[4];
        for (int r = first; r < end; r++) {
          partial[r < blocked ? (r - first) % 4 : 0] += x.storage().get(from + r * columns + c);
        }
        sums[c] += (partial[0] + partial[1]) + (partial[2] + partial[3]);
      }
    }
    return sums;
  }

  private static double[] longRowSums(Tensor x, int from, int rows, int columns) {
    boolean lanes = x.dtype() == DType.FLOAT32;
    double[] sums = new double[columns];
    for (int c = 0; c < columns; c++) {
      for (int block = 0; block < rows; block += SumF64.ROWS) {
        float lane = 0;
        for (int r = block; r < Math.min(rows, block + SumF64.ROWS); r++) {
          double v = x.storage().get(from + r * columns + c);
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
