package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The plan of a product without batch axes, taken on a fast path, is the general path's plan. */
class MatMulPlanTest {
  @Test
  void unbatchedPlansEqualTheGeneralPlans() {
    // Every rank-1 and rank-2 pairing, with empty and one-element axes among the sizes.
    List<Integer> sizes = List.of(0, 1, 3);
    int cases = 0;
    for (int m : sizes) {
      for (int k : sizes) {
        for (int n : sizes) {
          for (boolean aVector : new boolean[] {false, true}) {
            for (boolean bVector : new boolean[] {false, true}) {
              Shape as = aVector ? Shape.of(k) : Shape.of(m, k);
              Shape bs = bVector ? Shape.of(k) : Shape.of(k, n);
              int[] aMatrix = {aVector ? 1 : m, k};
              int[] bMatrix = {k, bVector ? 1 : n};
              int rows = aVector ? 1 : m;
              int cols = bVector ? 1 : n;
              assertSamePlan(MatMul.Plan.batched(as, bs, aMatrix, bMatrix, rows, cols),
                  MatMul.Plan.of(as, bs, aMatrix, bMatrix, rows, cols), as + " x " + bs);
              cases++;
            }
          }
        }
      }
    }
    assertEquals(108, cases);
  }

  @Test
  void batchedProductsStillBroadcastTheirBatchAxes() {
    Shape as = Shape.of(2, 1, 3, 4);
    Shape bs = Shape.of(5, 4, 6);
    MatMul.Plan plan = MatMul.Plan.of(as, bs, new int[] {3, 4}, new int[] {4, 6}, 3, 6);
    assertEquals(Shape.of(2, 5, 3, 6), plan.result());
    assertEquals(10, plan.batches());
    assertArrayEquals(new int[] {0, 0, 0, 0, 0, 1, 1, 1, 1, 1}, plan.aStarts());
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 0, 1, 2, 3, 4}, plan.bStarts());
  }

  private static void assertSamePlan(MatMul.Plan expected, MatMul.Plan actual, String what) {
    assertEquals(expected.result(), actual.result(), what);
    assertEquals(expected.batches(), actual.batches(), what);
    assertEquals(expected.m(), actual.m(), what);
    assertEquals(expected.n(), actual.n(), what);
    assertArrayEquals(expected.aMatrix(), actual.aMatrix(), what);
    assertArrayEquals(expected.bMatrix(), actual.bMatrix(), what);
    assertArrayEquals(expected.aStarts(), actual.aStarts(), what);
    assertArrayEquals(expected.bStarts(), actual.bStarts(), what);
  }
}
