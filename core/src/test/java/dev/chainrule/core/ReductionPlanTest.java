package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plans taken on the fast paths (whole reductions, column sums) are the general walk's plans. */
class ReductionPlanTest {
  @Test
  void wholeReductionsPlanAsTheGeneralWalkDoes() {
    // Ranks 0 to 5 (5 is past the fast path), sizes 0, 1 and 3 on every axis, both keepDims.
    int cases = 0;
    for (int rank = 0; rank <= 5; rank++) {
      for (int[] dims : allDims(rank, new int[] {0, 1, 3})) {
        Shape shape = Shape.of(dims);
        boolean[] all = Reductions.allAxes(shape);
        for (boolean keepDims : new boolean[] {false, true}) {
          assertSamePlan(ReductionPlan.general(shape, all, keepDims),
              ReductionPlan.of(shape, all, keepDims), shape + " keepDims " + keepDims);
          cases++;
        }
      }
    }
    assertEquals(2 * (1 + 3 + 9 + 27 + 81 + 243), cases);
  }

  @Test
  void columnSumsOfMatricesPlanAsTheGeneralWalkDoes() {
    for (int[] dims : allDims(2, new int[] {0, 1, 3})) {
      Shape shape = Shape.of(dims);
      for (boolean keepDims : new boolean[] {false, true}) {
        boolean[] columns = {true, false};
        assertSamePlan(ReductionPlan.general(shape, columns, keepDims),
            ReductionPlan.of(shape, columns, keepDims), shape + " keepDims " + keepDims);
      }
    }
  }

  @Test
  void partialReductionsAreNotTakenForWholeOnes() {
    ReductionPlan rows = ReductionPlan.of(Shape.of(4, 3), new boolean[] {false, true}, false);
    assertEquals(Shape.of(4), rows.result());
    assertEquals(4, rows.outer());
    assertEquals(3, rows.length());
    ReductionPlan columns = ReductionPlan.of(Shape.of(4, 3), new boolean[] {true, false}, true);
    assertEquals(Shape.of(1, 3), columns.result());
    assertEquals(3, columns.inner());
  }

  private static void assertSamePlan(ReductionPlan expected, ReductionPlan actual, String what) {
    assertEquals(expected.kept(), actual.kept(), what);
    assertEquals(expected.result(), actual.result(), what);
    assertEquals(expected.outer(), actual.outer(), what);
    assertEquals(expected.length(), actual.length(), what);
    assertEquals(expected.inner(), actual.inner(), what);
    assertEquals(expected.keptMiddle(), actual.keptMiddle(), what);
    assertArrayEquals(expected.cells(), actual.cells(), what);
  }

  private static List<int[]> allDims(int rank, int[] sizes) {
    List<int[]> all = new ArrayList<>();
    all.add(new int[0]);
    for (int axis = 0; axis < rank; axis++) {
      List<int[]> longer = new ArrayList<>();
      for (int[] prefix : all) {
        for (int size : sizes) {
          int[] dims = Arrays.copyOf(prefix, prefix.length + 1);
          dims[prefix.length] = size;
          longer.add(dims);
        }
      }
      all = longer;
    }
    return all;
  }
}
