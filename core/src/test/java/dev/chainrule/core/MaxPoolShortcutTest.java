package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Max pooling's 2×2 shortcut ({@code PoolingF64.maxPool2x2}) is taken only where it holds (a
 * 2×2 kernel, no padding, no dilation): a window that differs in any one of those six options
 * takes the general loop, and gives the direct maximum. And in ceil mode an input one element
 * high or wide still has a window (at strides of 2 or more), which covers that one element and
 * must not be read as 2×2. Gaussian values, so that each window's maximum and its index are unique.
 */
class MaxPoolShortcutTest {
  private static void assertDirectMaximum(Tensor x, Pool2dOptions options) {
    PooledWithIndices expected = NaiveConvolution.maxPool2d(x, options);
    for (DType dtype : DType.values()) {
      PooledWithIndices actual = x.to(dtype).maxPool2dWithIndices(options);
      assertEquals(expected.values().to(dtype), actual.values(), dtype + " " + options);
      assertEquals(expected.indices(), actual.indices(), dtype + " " + options);
    }
  }

  @Test
  void windowsOneOptionAwayFromTwoByTwoTakeTheGeneralLoop() {
    Tensor x = Tensors.randn(Shape.of(2, 3, 8, 9), 21L);
    Pool2dOptions[] options = {
        Pool2dOptions.builder(3, 2).build(),
        Pool2dOptions.builder(2, 3).build(),
        Pool2dOptions.builder(2, 2).padding(1, 0).build(),
        Pool2dOptions.builder(2, 2).padding(0, 1).build(),
        Pool2dOptions.builder(2, 2).dilation(2, 1).build(),
        Pool2dOptions.builder(2, 2).dilation(1, 2).build(),
        Pool2dOptions.builder(2, 2).build()};
    for (Pool2dOptions option : options) {
      assertDirectMaximum(x, option);
    }
  }

  @Test
  void aCeilModeWindowOverASingleRowOrColumnCoversJustIt() {
    for (int[] hw : new int[][] {{1, 1}, {1, 6}, {6, 1}, {1, 5}}) {
      Tensor x = Tensors.randn(Shape.of(2, 2, hw[0], hw[1]), 22L);
      for (int stride = 2; stride <= 3; stride++) {
        assertDirectMaximum(x, Pool2dOptions.builder(2, 2).stride(stride).ceilMode(true).build());
      }
    }
  }
}
