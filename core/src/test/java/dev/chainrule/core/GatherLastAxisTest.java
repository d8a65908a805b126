package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * gather along the last axis against its definition, out[i, j, k] = x[i, j, index[i, j, k]],
 * with an index as large as x on the other axes (the kernel that walks rows in step) and smaller
 * on them (rows of the index are then not rows of x at the same flat position).
 */
class GatherLastAxisTest {
  private static final Tensor X = Tensors.arange(36).reshape(3, 3, 4);

  @Test
  void anIndexOfXsOuterSizesPicksWithinEachRow() {
    checkAgainstDefinition(Tensor.of(
        new double[] {3, 0, 1, 1, 2, 3, -1, 0, 0, 2, 1, 3, 2, 2, 0, 1, 3, 3}, 3, 3, 2));
  }

  @Test
  void anIndexSmallerOnTheOuterAxesPicksFromTheRowsItNames() {
    // Smaller on both outer axes, on the second only, and on the first only.
    checkAgainstDefinition(Tensor.of(new double[] {3, 0, 1, 2}, 2, 2, 1));
    checkAgainstDefinition(Tensor.of(new double[] {3, 0, 1, 2, 0, 1, 2, 3, 1, 1, 0, 0}, 3, 2, 2));
    checkAgainstDefinition(Tensor.of(new double[] {1, 2, 3, 0, 1, 2}, 2, 3, 1));
  }

  /** Exact: a gather copies values. */
  private static void checkAgainstDefinition(Tensor index) {
    Tensor out = X.gather(2, index);
    assertEquals(index.shape(), out.shape());
    for (int i = 0; i < index.dim(0); i++) {
      for (int j = 0; j < index.dim(1); j++) {
        for (int k = 0; k < index.dim(2); k++) {
          int pick = (int) index.get(i, j, k);
          double expected = X.get(i, j, pick < 0 ? pick + X.dim(2) : pick);
          assertEquals(expected, out.get(i, j, k), 0.0, index.shape() + " at " + i + j + k);
        }
      }
    }
  }
}
