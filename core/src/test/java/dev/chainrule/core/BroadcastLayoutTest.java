package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The broadcast helpers at their edges: leading and trailing axes of size 1, all-1 shapes, rank 0
 * and empty walks. (The kernels' repeat layouts are checked through the operations themselves in
 * ComparisonTiesTest and BroadcastingProperties.)
 */
class BroadcastLayoutTest {
  private static int block(int[] in, int... out) {
    return Broadcast.suffixBlock(Shape.of(in), Shape.of(out));
  }

  private static int[] dims(int... d) {
    return d;
  }

  @Test
  void aBlockIsTheInputsTrailingAxesAfterAnyLeadingOnes() {
    assertEquals(3, block(dims(3), 2, 3), "a bias row");
    assertEquals(3, block(dims(1, 3), 2, 3), "a bias row with a leading 1");
    assertEquals(12, block(dims(3, 4), 2, 3, 4));
    assertEquals(1, block(dims(1), 4), "all ones: a block of one");
    assertEquals(1, block(dims(1, 1), 2, 3));
    assertEquals(1, block(dims(), 2, 3), "rank 0");
    assertEquals(-1, block(dims(3, 1), 3, 3), "a column is not a block");
    assertEquals(-1, block(dims(2, 1, 3), 2, 2, 3), "a 1 between other axes");
  }

  @Test
  void offsetsWalkRowMajorWithStridesAndABase() {
    assertArrayEquals(new int[] {5}, Broadcast.offsets(new int[0], new int[0], 5), "rank 0");
    assertArrayEquals(new int[0], Broadcast.offsets(new int[] {2, 0}, new int[] {1, 1}, 0));
    // A [2, 3] walk of a transposed [3, 2] source: strides 1 and 2.
    assertArrayEquals(new int[] {0, 2, 4, 1, 3, 5},
        Broadcast.offsets(new int[] {2, 3}, new int[] {1, 2}, 0));
    // A [2, 2, 2] walk with a broadcast middle axis and a base.
    assertArrayEquals(new int[] {10, 11, 10, 11, 12, 13, 12, 13},
        Broadcast.offsets(new int[] {2, 2, 2}, new int[] {2, 0, 1}, 10));
  }

  @Test
  void stridesAreZeroWhereTheInputIsStretchedOrMissing() {
    assertArrayEquals(new int[] {0, 0, 1}, Broadcast.strides(Shape.of(1, 3), Shape.of(4, 2, 3)));
    assertArrayEquals(new int[] {0, 1, 0}, Broadcast.strides(Shape.of(2, 1), Shape.of(4, 2, 3)));
  }

  /**
   * A row broadcast over a matrix's rows, on either side of the op, gives what the row expanded
   * by hand gives: exactly, as both paths apply the same scalar operation to the same pairs.
   * BroadcastingProperties draws such cases at random; one mutation run's draws put the row on
   * the left of a division in none of them.
   */
  @Test
  void aRowOnEitherSideOfAnOpIsTheRowExpanded() {
    Tensor m = Tensor.matrix(new double[][] {{1, 2, 4}, {8, 16, 32}});
    Tensor row = Tensor.vector(3, 5, 7);
    Tensor rows = Tensor.matrix(new double[][] {{3, 5, 7}, {3, 5, 7}});
    List<BinaryOperator<Tensor>> ops = List.of(Tensor::add, Tensor::sub, Tensor::mul,
        Tensor::div, Tensor::pow, Tensor::maximum);
    for (int i = 0; i < ops.size(); i++) {
      BinaryOperator<Tensor> op = ops.get(i);
      assertEquals(op.apply(m, rows), op.apply(m, row), "op " + i + ", the row on the right");
      assertEquals(op.apply(rows, m), op.apply(row, m), "op " + i + ", the row on the left");
    }
  }
}
