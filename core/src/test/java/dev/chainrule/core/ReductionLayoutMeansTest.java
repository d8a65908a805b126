package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A mean over axes is the float64 sum over them divided once by the count, on every layout a
 * reduction plans: leading and trailing axes around a kept middle one, kept axes apart from each
 * other (one cell per output), and more than one axis on either side. So in float64 it equals
 * {@code sum(axes).div(count)} bitwise: both add the same values in the same order and round one
 * division. Found by mutation testing: dividing by the count on the per-cell and kept-middle
 * layouts could be turned into multiplying by it and no test failed.
 */
class ReductionLayoutMeansTest {

  private static void assertMeanIsSumOverCount(Shape shape, int... axes) {
    Tensor x = Tensors.randn(shape, 7L).mul(3).add(0.25);
    int count = Arrays.stream(axes).map(a -> shape.dimsView()[a]).reduce(1, (p, q) -> p * q);
    Tensor mean = x.mean(axes, false);
    Tensor expected = x.sum(axes, false).div(count);
    String where = shape + " over " + Arrays.toString(axes);
    assertEquals(expected.shape(), mean.shape(), where);
    // Exact: one float64 sum in one order, one rounded division, on both sides.
    assertArrayEquals(expected.toArray(), mean.toArray(), 0, where);
  }

  @Test
  void keptMiddleAxis() {
    assertMeanIsSumOverCount(Shape.of(2, 3, 4), 0, 2);
    assertMeanIsSumOverCount(Shape.of(2, 3, 4, 5), 0, 2, 3);
    assertMeanIsSumOverCount(Shape.of(3, 4, 5, 6), 0, 2, 3);
  }

  @Test
  void keptAxesApart() {
    assertMeanIsSumOverCount(Shape.of(2, 3, 4, 5), 0, 2);
    assertMeanIsSumOverCount(Shape.of(2, 3, 4, 5), 1, 3);
  }
}
