package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Statistics of wide data taken a block of columns at a time have the bits of the chain over all
 * columns at once, which they replaced to spare two full-size temporaries: a saved model's
 * scale, and every run's figures, must not move. Exact equality, no tolerance: the column sums
 * add each column on its own whatever the other columns (blocks of 16 columns fail it).
 */
class ColumnBlocksTest {
  @ParameterizedTest(name = "{0} × {1} {2}")
  @CsvSource({"300, 127, FLOAT32", "300, 128, FLOAT32", "300, 129, FLOAT32",
      "300, 200, FLOAT32", "1000, 784, FLOAT32", "37, 255, FLOAT32", "300, 128, FLOAT64",
      "300, 200, FLOAT64", "1000, 784, FLOAT64", "1, 130, FLOAT64"})
  void blocksGiveTheBitsOfTheWholeChain(int rows, int columns, DType dtype) {
    Tensor x = features(rows, columns, 11L * columns + rows).to(dtype);
    Standardizer fitted = Standardizer.fit(x);
    assertArrayEquals(wholeChainScale(x), fitted.scale().toArray());
    assertEquals(dtype, fitted.scale().dtype());
  }

  @ParameterizedTest(name = "{0} × {1} {2}")
  @CsvSource({"300, 128, FLOAT32", "1000, 784, FLOAT32", "300, 200, FLOAT64",
      "300, 127, FLOAT64"})
  void varianceByBlocksIsTheWholeVariance(int rows, int columns, DType dtype) {
    Tensor x = features(rows, columns, 5L * columns + rows).to(dtype);
    Tensor blocks = ColumnBlocks.reduce(x,
        (block, from, to) -> block.variance(new int[] {0}, false, false));
    assertArrayEquals(x.variance(new int[] {0}, false, false).toArray(), blocks.toArray());
  }

  /**
   * Columns of every kind the blocks meet: pixel-like integers 0..255, measured values near 1e4
   * with a small spread, and a constant column every 50th.
   */
  private static Tensor features(int rows, int columns, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[rows * columns];
    for (int i = 0; i < rows; i++) {
      for (int k = 0; k < columns; k++) {
        values[i * columns + k] = k % 50 == 7 ? 3.5
            : k % 2 == 0 ? random.nextInt(256) : 1e4 + 0.01 * random.nextGaussian();
      }
    }
    return Tensor.of(values, rows, columns);
  }

  /** The chain before blocks, over all columns at once, constant columns scaled by 1. */
  private static double[] wholeChainScale(Tensor x) {
    Tensor max = x.max(0, false);
    Tensor min = x.min(0, false);
    Tensor constant = max.eq(min);
    Tensor mean = Tensor.where(constant, max, x.mean(0, false));
    Tensor largest = max.sub(mean).abs().maximum(min.sub(mean).abs());
    Tensor unit = Tensor.where(largest.eq(0), Tensors.onesLike(largest), largest);
    Tensor std = x.sub(mean).div(unit).square().mean(0, false).sqrt().mul(unit);
    Tensor noSpread = constant.maximum(std.eq(0));
    return Tensor.where(noSpread, Tensors.onesLike(std), std).toArray();
  }
}
