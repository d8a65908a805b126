package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * float32 reductions over axes that are not adjacent (the float32 kernel's per-element cell
 * path) and over reduced axes around kept ones (its kept-middle path, max and min included),
 * against the same reductions in float64 of the same values, taken with the reduced axes moved
 * last (a copy in that order, so the float64 answer comes from whole rows, not the layout under
 * test, whose kernel the float64 one shares): no other test took either path in float32. A
 * [2, 3, 4, 5] tensor over {1, 3}, {0, 2} and {0, 2, 3} (cells), {0, 1, 3} and {0, 3} (kept
 * middle), with and without kept dimensions.
 */
class Float32ScatteredAxesTest {
  private static final int[][] AXES = {{1, 3}, {0, 2}, {0, 1, 3}, {0, 3}, {0, 2, 3}};

  /** float32 values, so that the float64 copy holds exactly the same numbers. */
  private static final Tensor X32 =
      Tensors.uniform(Shape.of(2, 3, 4, 5), -3, 3, 59L).to(DType.FLOAT32);
  private static final Tensor X64 = X32.to(DType.FLOAT64);

  @Test
  void maximaAndMinimaAreExact() {
    // The largest (smallest) of float32 values is one of them: nothing to round.
    compare("max", (x, axes) -> x.max(axes.axes, axes.keep), 0);
    compare("min", (x, axes) -> x.min(axes.axes, axes.keep), 0);
  }

  /**
   * Sums and means accumulate in float64 and round once to float32, so each is the float64
   * answer rounded, give or take one float32 rounding of it (the order of the additions differs,
   * which can move a float64 sum across a float32 rounding boundary): 2^−24 of the cell's sum of
   * |x| for the rounding, doubled.
   */
  @Test
  void sumsAndMeansAreTheFloat64OnesRounded() {
    compare("sum", (x, axes) -> x.sum(axes.axes, axes.keep), 0x1p-23);
    compare("mean", (x, axes) -> x.mean(axes.axes, axes.keep), 0x1p-23);
  }

  /**
   * The variance and log-sum-exp take more steps (deviations and their squares, exponentials and
   * a logarithm), each a rounding of at most 2^−24 relative; they came within 2^−23 of the scale
   * (the answer's size), and 2^−21 leaves room for eight such roundings while staying far below
   * what a wrong cell does (a value from another cell, or one left out of at most 60, moves the
   * answer by percents).
   */
  @Test
  void variancesAndLogSumExpsAgreeToAFewFloat32Roundings() {
    compare("variance", (x, axes) -> x.variance(axes.axes, axes.keep), 0x1p-21);
    compare("logSumExp", (x, axes) -> x.logSumExp(axes.axes, axes.keep), 0x1p-21);
  }

  private record Axes(int[] axes, boolean keep) {}

  /**
   * The reduction of x over {@code axes}, computed with the kept axes first and the reduced ones
   * last (in a copy laid out so), then given the shape it has over {@code axes} (reduced axes
   * of size 1 with {@code keep}, else left out): the kept axes keep their order, so the cells
   * are the same.
   */
  private static Tensor asRows(Tensor x, int[] axes, boolean keep,
      BiFunction<Tensor, Axes, Tensor> reduce) {
    boolean[] reduced = new boolean[x.rank()];
    for (int axis : axes) {
      reduced[axis] = true;
    }
    int[] order = new int[x.rank()];
    int next = 0;
    for (int axis = 0; axis < x.rank(); axis++) {
      if (!reduced[axis]) {
        order[next++] = axis;
      }
    }
    int[] trailing = new int[axes.length];
    for (int i = 0; i < axes.length; i++) {
      order[next] = axes[i];
      trailing[i] = next++;
    }
    Tensor permuted = x.permute(order);
    Tensor rows = Tensor.of(permuted.toArray(), permuted.shape().dims());
    int[] kept = x.shape().dims();
    for (int axis : axes) {
      kept[axis] = 1;
    }
    Shape shape = keep ? Shape.of(kept) : Shape.of(Arrays.copyOf(permuted.shape().dims(),
        x.rank() - axes.length));
    return reduce.apply(rows, new Axes(trailing, false)).reshape(shape);
  }

  /**
   * Every axis set with and without kept dimensions: the float32 result is float32, of the
   * reduction's shape, and within {@code relative} of the scale of each cell (its sum of
   * |x|, for sums and means where the answer can cancel towards 0, or the answer's own size).
   */
  private static void compare(String op, BiFunction<Tensor, Axes, Tensor> reduce,
      double relative) {
    for (int[] axes : AXES) {
      for (boolean keep : new boolean[] {false, true}) {
        Axes at = new Axes(axes, keep);
        String where = op + " over " + Arrays.toString(axes) + (keep ? ", kept" : "");
        Tensor got = reduce.apply(X32, at);
        Tensor want = asRows(X64, axes, keep, reduce);
        assertEquals(DType.FLOAT32, got.dtype(), where);
        assertEquals(want.shape(), got.shape(), where);
        double[] scale = op.equals("sum") || op.equals("mean")
            ? asRows(X64.abs(), axes, keep, reduce).toArray() : want.abs().toArray();
        double[] g = got.toArray();
        double[] w = want.toArray();
        for (int i = 0; i < w.length; i++) {
          assertTrue(scale[i] > 0, where + ": a cell with something to compare");
          assertEquals(w[i], g[i], relative * scale[i], where + ", cell " + i);
        }
      }
    }
  }
}
