package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Strides and paddings near 2^31, whose window offsets wrap an int: the kernels computed the first
 * column inside the image as (−shift + stride − 1) / stride, which overflowed and filled a range
 * backwards ("fromIndex(8) > toIndex(7)"). Expected values are PyTorch 1.13's (F.conv2d, its
 * backward, F.max_pool2d), in both types; exact, as every value is a small whole number.
 */
class HugeStrideConvolutionTest {
  private static final int MAX = Integer.MAX_VALUE;

  private static final Tensor X = Tensor.of(new double[] {1, 2, 3, 4}, 1, 1, 2, 2);

  @Test
  void aStrideOfTwoToTheThirtyOneMinusOneWithPadding() {
    Conv2dOptions o = Conv2dOptions.builder().stride(MAX).padding(2).build();
    Tensor w = Tensors.arange(1, 17, 1).reshape(1, 1, 4, 4);
    for (DType type : DType.values()) {
      Tensor x = X.to(type);
      assertEquals(Tensor.of(new double[] {144}, 1, 1, 1, 1).to(type),
          x.conv2d(w.to(type), null, o));
      Tensor g = Tensors.ones(1, 1, 1, 1).to(type);
      assertEquals(Tensor.of(new double[] {11, 12, 15, 16}, 1, 1, 2, 2).to(type),
          g.convTranspose2d(w.to(type), o, 2, 2));
      assertEquals(Tensor.of(new double[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 3, 4},
          1, 1, 4, 4).to(type), x.conv2dWeightGrad(g, o, 4, 4));
      assertEquals(Tensor.of(new double[] {4}, 1, 1, 1, 1).to(type),
          x.maxPool2d(Pool2dOptions.builder(4).stride(MAX).padding(2).build()));
    }
  }

  /** Padding 2^30 and stride 2^30 + 1: two outputs per axis, whose sum of offsets passes 2^31. */
  @Test
  void paddingAndStrideWhoseSumPassesAnInt() {
    Conv2dOptions o = Conv2dOptions.builder().stride(1073741825).padding(1073741824).build();
    Tensor w = Tensor.of(new double[] {3}, 1, 1, 1, 1);
    for (DType type : DType.values()) {
      Tensor x = X.to(type);
      assertEquals(Tensor.of(new double[] {0, 0, 0, 12}, 1, 1, 2, 2).to(type),
          x.conv2d(w.to(type), null, o));
      Tensor g = Tensor.of(new double[] {1, 2, 3, 4}, 1, 1, 2, 2).to(type);
      assertEquals(Tensor.of(new double[] {0, 0, 0, 12}, 1, 1, 2, 2).to(type),
          g.convTranspose2d(w.to(type), o, 2, 2));
      assertEquals(Tensor.of(new double[] {16}, 1, 1, 1, 1).to(type),
          x.conv2dWeightGrad(g, o, 1, 1));
    }
  }
}
