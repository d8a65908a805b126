package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The plan of a product without batch axes, taken on a fast path, is the general path's plan;
 * a batch through one matrix folds into one product of its rows.
 */
class MatMulPlanTest {
  /** A plan for matmul; the transpose mode only shapes its error messages. */
  private static MatMul.Plan plan(Shape as, Shape bs, int[] aMatrix, int[] bMatrix, int m,
      int n) {
    return MatMul.Plan.of("matmul", Transpose.NONE, as, bs, aMatrix, bMatrix, m, n);
  }

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
              assertSamePlan(
                  MatMul.Plan.batched("matmul", Transpose.NONE, as, bs, aMatrix, bMatrix, rows,
                      cols),
                  plan(as, bs, aMatrix, bMatrix, rows, cols), as + " x " + bs);
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
    MatMul.Plan plan = plan(as, bs, new int[] {3, 4}, new int[] {4, 6}, 3, 6);
    assertEquals(Shape.of(2, 5, 3, 6), plan.result());
    assertEquals(10, plan.batches());
    assertArrayEquals(new int[] {0, 0, 0, 0, 0, 1, 1, 1, 1, 1}, plan.aStarts());
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 0, 1, 2, 3, 4}, plan.bStarts());
  }

  @Test
  void aBatchThroughOneMatrixFoldsIntoRowsAndNothingElseDoes() {
    int[] a = {3, 4};
    assertTrue(plan(Shape.of(2, 5, 3, 4), Shape.of(4, 6), a, new int[] {4, 6}, 3, 6)
        .foldsIntoRows(Transpose.NONE), "[2, 5, 3, 4]·[4, 6]");
    assertTrue(plan(Shape.of(2, 3, 4), Shape.of(1, 6, 4), a, new int[] {6, 4}, 3, 6)
        .foldsIntoRows(Transpose.RIGHT), "[2, 3, 4]·[1, 6, 4]ᵀ: one matrix of B, broadcast");
    assertFalse(plan(Shape.of(2, 4, 3), Shape.of(4, 6), new int[] {4, 3},
        new int[] {4, 6}, 3, 6).foldsIntoRows(Transpose.LEFT), "A transposed: rows interleave");
    assertFalse(plan(Shape.of(2, 3, 4), Shape.of(2, 4, 6), a, new int[] {4, 6}, 3, 6)
        .foldsIntoRows(Transpose.NONE), "a matrix of B per batch element");
    assertFalse(plan(Shape.of(1, 3, 4), Shape.of(2, 4, 6), a, new int[] {4, 6}, 3, 6)
        .foldsIntoRows(Transpose.NONE), "A broadcast over the batch");
    assertFalse(plan(Shape.of(3, 4), Shape.of(4, 6), a, new int[] {4, 6}, 3, 6)
        .foldsIntoRows(Transpose.NONE), "no batch");
  }

  /**
   * Folded products are the batch's products: each element within 1e-12 of the product of its
   * own slice (the dot products are the same; a native backend may order their terms by the
   * product's height, a few ulps on values of size ~5), with and without a bias, in both types
   * (float32 within 1e-5 for the same reason at its precision).
   */
  @Test
  void foldedProductsEqualTheProductsOfTheirSlices() {
    for (DType type : DType.values()) {
      double tolerance = type == DType.FLOAT64 ? 1e-12 : 1e-5;
      Tensor x = Tensors.randn(Shape.of(3, 5, 7), 1L, type);
      Tensor w = Tensors.randn(Shape.of(6, 7), 2L, type);
      Tensor bias = Tensors.randn(Shape.of(6), 3L, type);
      Tensor folded = x.matmul(w, Transpose.RIGHT);
      Tensor dense = x.dense(w, Transpose.RIGHT, bias);
      assertEquals(Shape.of(3, 5, 6), folded.shape());
      for (int b = 0; b < 3; b++) {
        Tensor slice = x.take(0, Tensor.vector(b)).reshape(5, 7);
        Tensor expected = slice.matmul(w, Transpose.RIGHT);
        Tensor got = folded.take(0, Tensor.vector(b)).reshape(5, 6);
        assertTrue(got.allClose(expected, 0, tolerance), type + " batch " + b);
        assertTrue(dense.take(0, Tensor.vector(b)).reshape(5, 6)
            .allClose(expected.add(bias), 0, tolerance), type + " dense, batch " + b);
      }
    }
  }

  /**
   * tensordotRows is the product of the two read as matrices of their rows, Aᵀ·B, whatever
   * their leading axes: within 1e-12 of the reshaped product (the same dot products), in both
   * types and mixed (float64 then), empty rows giving zeros; other leading axes are refused.
   */
  @Test
  void tensordotRowsIsTheProductOfTheRows() {
    Tensor a = Tensors.randn(Shape.of(3, 5, 4), 4L);
    Tensor g = Tensors.randn(Shape.of(3, 5, 6), 5L);
    Tensor expected = a.reshape(15, 4).matmul(g.reshape(15, 6), Transpose.LEFT);
    assertTrue(a.tensordotRows(g).allClose(expected, 0, 1e-12));
    Tensor mixed = a.to(DType.FLOAT32).tensordotRows(g);
    assertEquals(DType.FLOAT64, mixed.dtype());
    // Float32 against float64, element by element within (n + 2)·u·Σ|a·g|: Higham's bound for an
    // n = 15-term dot product in unit roundoff u = 2⁻²⁴, plus the rounding of either operand to
    // float32 (measured: at most 1e-7·Σ|a·g|, 1.05e-6 absolute on values up to 9.7).
    Tensor error = a.to(DType.FLOAT32).tensordotRows(g.to(DType.FLOAT32)).to(DType.FLOAT64)
        .sub(expected).abs();
    Tensor bound = a.abs().tensordotRows(g.abs()).mul(17 * 0x1p-24);
    assertTrue(error.sub(bound).max().item() <= 0, "float32, 15-term dot products");
    assertEquals(Tensors.zeros(Shape.of(4, 6)),
        Tensors.zeros(Shape.of(0, 4)).tensordotRows(Tensors.zeros(Shape.of(0, 6))));
    // Two vectors are one row each: their outer product (exact, one product per element).
    assertEquals(Tensor.matrix(new double[][] {{3, 4, 5}, {6, 8, 10}}),
        Tensor.vector(1, 2).tensordotRows(Tensor.vector(3, 4, 5)));
    assertEquals("tensordotRows: [3, 5, 4] and [3, 4, 6] need the same leading axes (rows of any"
        + " length)", assertThrows(IllegalArgumentException.class,
            () -> a.tensordotRows(Tensors.zeros(Shape.of(3, 4, 6)))).getMessage());
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

  @Test
  void aProductWithNoRowsOrNoColumnsKeepsBothAxes() {
    assertArrayEquals(new int[] {0, 2}, Tensors.zeros(0, 3).matmul(Tensors.ones(3, 2)).shape()
        .dims());
    assertArrayEquals(new int[] {4, 0}, Tensors.ones(4, 3).matmul(Tensors.zeros(3, 0)).shape()
        .dims());
    // The inner axis empty: a [4, 2] of sums of nothing.
    assertEquals(Tensors.zeros(4, 2), Tensors.ones(4, 0).matmul(Tensors.ones(0, 2)));
  }

  /**
   * 2³¹ − 3 elements, HotSpot's longest array, is the largest result planned; one more is
   * refused, though 2³¹ − 2 and 2³¹ − 1 fit an int (this test planned 2³¹ − 1, and such a product
   * ended in an OutOfMemoryError naming nothing). Only the plan is made; the product itself would
   * need 16 GB.
   */
  @Test
  void theLargestResultAnArrayHoldsIsPlanned() {
    int most = Tensors.LONGEST_ARRAY;
    assertEquals(Shape.of(1, most), plan(Shape.of(1, 1), Shape.of(1, most), new int[] {1, 1},
        new int[] {1, most}, 1, most).result());
    assertEquals("matmul: [1, 1] x [1, 2147483646]: the result [1, 2147483646] has more elements"
        + " than a Java array holds (2147483645)",
        assertThrows(IllegalArgumentException.class, () -> plan(Shape.of(1, 1),
            Shape.of(1, most + 1), new int[] {1, 1}, new int[] {1, most + 1}, 1, most + 1))
            .getMessage());
    assertTrue(Shape.of(Integer.MAX_VALUE).hasIntSize());
    assertFalse(Shape.of(Integer.MAX_VALUE, 2).hasIntSize());
    assertEquals("matmul: [2, 1] x [1, 2147483645]: the result [2, 2147483645] has more elements"
        + " than a Java array holds (2147483645)",
        assertThrows(IllegalArgumentException.class, () -> plan(Shape.of(2, 1), Shape.of(1, most),
            new int[] {2, 1}, new int[] {1, most}, 2, most)).getMessage());
  }
}
