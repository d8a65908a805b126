package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/**
 * The strides of a walk ({@link RowMajor#walkStrides}) are the row-major strides wherever they
 * fit an int, 2^31 − 1 itself included, and 0 only past it (an empty tensor's trailing blocks).
 */
class RowMajorStridesTest {
  @Test
  void aStrideOfTheLargestIntIsGivenAsItIs() {
    assertArrayEquals(new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, 1},
        RowMajor.walkStrides(new int[] {0, 1, Integer.MAX_VALUE}));
    assertArrayEquals(new int[] {Integer.MAX_VALUE, 1},
        RowMajor.walkStrides(new int[] {2, Integer.MAX_VALUE}));
  }

  @Test
  void onlyAStridePastAnIntIsZero() {
    // [0, 65536, 65536]: the first axis's block is 2^32 elements.
    assertArrayEquals(new int[] {0, 65536, 1}, RowMajor.walkStrides(new int[] {0, 65536, 65536}));
    assertArrayEquals(new int[] {12, 4, 1}, RowMajor.walkStrides(new int[] {2, 3, 4}));
  }
}
