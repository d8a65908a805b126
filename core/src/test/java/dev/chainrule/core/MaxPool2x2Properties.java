package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * 2×2 max pooling without padding or dilation takes a path of its own, written with selects
 * instead of branches ({@code PoolingF64.maxPool2x2}); it must keep the general rule everywhere,
 * including where that rule is subtle: the first of equal values wins (−0 and +0 are equal, and
 * the value kept is the first one's, sign included), a NaN beats every number and a later NaN an
 * earlier one. The inputs are drawn from a few values so that windows hold ties, signed zeros and
 * NaNs often. In ceil mode the last row or column of windows may hang past the edge (a height of
 * 5 with stride 2 gives 3 rows of windows, the last holding one input row): those windows take the
 * general loop, by the same rule over the elements they cover. Exact: pooling only moves values.
 */
class MaxPool2x2Properties {
  private static final double[] VALUES = {Double.NaN, -0.0, 0.0, -1, 1, 2, -2, 0.5};

  @Property(tries = 300)
  void twoByTwoWindowsFollowThePyTorchRule(
      @ForAll @IntRange(min = 2, max = 9) int height, @ForAll @IntRange(min = 2, max = 9) int width,
      @ForAll @IntRange(min = 1, max = 3) int strideHeight,
      @ForAll @IntRange(min = 1, max = 3) int strideWidth, @ForAll boolean float32,
      @ForAll boolean ceil, @ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = random.ints(2 * 3 * height * width, 0, VALUES.length)
        .mapToDouble(i -> VALUES[i]).toArray();
    Tensor x = Tensor.of(values, 2, 3, height, width);
    Pool2dOptions options = Pool2dOptions.builder(2, 2).stride(strideHeight, strideWidth)
        .ceilMode(ceil).build();

    PooledWithIndices pooled = (float32 ? x.to(DType.FLOAT32) : x).maxPool2dWithIndices(options);

    int outHeight = windows(height, strideHeight, ceil);
    int outWidth = windows(width, strideWidth, ceil);
    double[] expectedValues = new double[6 * outHeight * outWidth];
    double[] expectedIndices = new double[expectedValues.length];
    for (int plane = 0, at = 0; plane < 6; plane++) {
      for (int y = 0; y < outHeight; y++) {
        for (int x0 = 0; x0 < outWidth; x0++, at++) {
          int top = y * strideHeight;
          int left = x0 * strideWidth;
          int best = top * width + left;
          for (int[] tap : new int[][] {{0, 1}, {1, 0}, {1, 1}}) {
            if (top + tap[0] >= height || left + tap[1] >= width) {
              continue;
            }
            int index = (top + tap[0]) * width + left + tap[1];
            double v = values[plane * height * width + index];
            if (v > values[plane * height * width + best] || Double.isNaN(v)) {
              best = index;
            }
          }
          expectedValues[at] = values[plane * height * width + best];
          expectedIndices[at] = best;
        }
      }
    }
    Shape shape = Shape.of(2, 3, outHeight, outWidth);
    Tensor expected = new Tensor(shape, expectedValues);
    assertEquals(float32 ? expected.to(DType.FLOAT32) : expected, pooled.values());
    assertEquals(new Tensor(shape, expectedIndices), pooled.indices());
  }

  /**
   * Windows at the edges in ceil mode, where the 2×2 path hands the last column and row of
   * windows to the general rule and keeps the selects for the rest; an axis of one element has
   * only such windows. PyTorch 1.13's values and indices ({@code F.max_pool2d(x, 2,
   * ceil_mode=True, return_indices=True)}, float64 and float32 alike), signs of zeros included.
   */
  @Example
  void edgeWindowsInCeilModeFollowThePyTorchRule() {
    double nan = Double.NaN;
    Pool2dOptions ceil = Pool2dOptions.builder(2).ceilMode(true).build();
    for (DType type : DType.values()) {
      Tensor row = Tensor.of(new double[] {-0.0, 0.0, nan, 1, 2}, 1, 1, 1, 5).to(type);
      PooledWithIndices pooledRow = row.maxPool2dWithIndices(ceil);
      assertEquals(Tensor.of(new double[] {-0.0, nan, 2}, 1, 1, 1, 3).to(type),
          pooledRow.values(), "1×5 " + type);
      assertEquals(Tensor.of(new double[] {0, 2, 4}, 1, 1, 1, 3), pooledRow.indices());
      PooledWithIndices pooledColumn = row.reshape(1, 1, 5, 1).maxPool2dWithIndices(ceil);
      assertEquals(Tensor.of(new double[] {-0.0, nan, 2}, 1, 1, 3, 1).to(type),
          pooledColumn.values(), "5×1 " + type);
      assertEquals(Tensor.of(new double[] {0, 2, 4}, 1, 1, 3, 1), pooledColumn.indices());
      Tensor square = Tensor.of(new double[] {0.0, -0.0, 1, -0.0, 0.0, nan, 3, nan, -1},
          1, 1, 3, 3).to(type);
      PooledWithIndices pooledSquare = square.maxPool2dWithIndices(ceil);
      assertEquals(Tensor.of(new double[] {0.0, nan, nan, -1}, 1, 1, 2, 2).to(type),
          pooledSquare.values(), "3×3 " + type);
      assertEquals(Tensor.of(new double[] {0, 5, 7, 8}, 1, 1, 2, 2), pooledSquare.indices());
    }
  }

  /**
   * PyTorch's count of 2-wide windows: rounded up in ceil mode, less a last window that would
   * start past the input (a stride of 3 over 3 elements rounds up to 2 windows, and keeps 1).
   */
  private static int windows(int size, int stride, boolean ceil) {
    int out = (size - 2 + (ceil ? stride - 1 : 0)) / stride + 1;
    return ceil && (out - 1) * stride >= size ? out - 1 : out;
  }
}
