package dev.chainrule.core.gemm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When a block is its whole array, which backends may then wrap in place instead of copying. */
class MatrixBlockTest {
  @Test
  void aBlockIsTheWholeArrayOnlyFromIndexZeroAndToTheLastElement() {
    assertTrue(MatrixBlockF64.of(new double[6], 2, 3).isWholeArray());
    assertTrue(MatrixBlockF64.of(new double[6], 3, 2).isWholeArray());
    assertTrue(MatrixBlockF64.of(new double[0], 0, 4).isWholeArray());
    assertFalse(MatrixBlockF64.of(new double[7], 2, 3).isWholeArray(), "the array is longer");
    assertFalse(new MatrixBlockF64(new double[7], 1, 2, 3).isWholeArray(), "at an offset");
    assertFalse(new MatrixBlockF64(new double[6], 1, 1, 5).isWholeArray(), "at an offset");

    assertTrue(MatrixBlockF32.of(new float[6], 2, 3).isWholeArray());
    assertFalse(MatrixBlockF32.of(new float[7], 2, 3).isWholeArray(), "the array is longer");
    assertFalse(new MatrixBlockF32(new float[7], 1, 2, 3).isWholeArray(), "at an offset");
  }
}
