package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Moments} promises the bits of the compositions it replaced, in the walks its kernels
 * take (rows, kept middle cells, runs past {@link SumF64#LANES_FROM}) and those they leave to the
 * composition (columns): anything else would change what standardize and batch normalization
 * computed, and their PyTorch agreement, without a test there noticing an ulp.
 */
class MomentsTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(Shape.of(6, 4, 5, 7), new int[] {0, 2, 3}),   // batch normalization 2d
        Arguments.of(Shape.of(3, 2, 9000), new int[] {0, 2}),      // middle, runs take lanes
        Arguments.of(Shape.of(5, 33), new int[] {1}),              // layer normalization rows
        Arguments.of(Shape.of(2, 20000), new int[] {1}),           // rows that take lanes
        Arguments.of(Shape.of(4, 3, 6), new int[] {1, 2}),         // trailing axes
        Arguments.of(Shape.of(9, 5), new int[] {0}),               // columns: the composition
        Arguments.of(Shape.of(4, 3, 6), new int[] {0, 1, 2}));     // whole
  }

  @ParameterizedTest
  @MethodSource("cases")
  void givesTheCompositionsBits(Shape shape, int[] axes) {
    for (DType dtype : DType.values()) {
      // Clustered around 1,000, where the rounded mean's δ and every rounding show.
      Tensor x = Tensors.randn(shape, 11L, dtype).mul(0.01).add(1000);
      boolean[] reduced = Reductions.axisMask("moments", shape, axes);
      Moments moments = x.moments(axes);
      Tensor mean = x.mean(axes, true);
      assertBits(mean, moments.mean(), "mean " + dtype);
      for (boolean unbiased : new boolean[] {false, true}) {
        assertBits(Moments.composedVariance(x, null, reduced, true, unbiased),
            moments.variance(unbiased), "variance " + dtype + " unbiased " + unbiased);
      }
      Tensor centred = x.sub(mean);
      boolean walked = CentralSumsF64.walks(ReductionPlan.of(shape, reduced, true));
      assertEquals(walked, moments.meanSquare().isPresent(), "a mean square where the kernels"
          + " walk " + shape + " over " + Arrays.toString(axes));
      moments.meanSquare().ifPresent(meanSquare ->
          assertBits(centred.square().mean(axes, true), meanSquare, "mean square " + dtype));
      Tensor scale = Tensors.rand(mean.shape(), 5L, dtype).add(0.5);
      assertBits(centred.mul(scale), moments.standardized(scale), "standardized " + dtype);
      assertBits(x.variance(axes, false, true),
          Moments.composedVariance(x, null, reduced, false, true), "Tensor.variance " + dtype);
    }
  }

  /**
   * Squares past float32's range: the variance is the composition's float64 redo, and no mean
   * square is given (the standardization then takes its composition).
   */
  @ParameterizedTest
  @MethodSource("cases")
  void float32SquaresPastTheRange(Shape shape, int[] axes) {
    Tensor x = Tensors.randn(shape, 3L, DType.FLOAT32).mul(1e20f);
    boolean[] reduced = Reductions.axisMask("moments", shape, axes);
    Moments moments = x.moments(axes);
    assertBits(Moments.composedVariance(x, null, reduced, true, true), moments.variance(true),
        "variance");
    assertTrue(moments.meanSquare().isEmpty(), "mean square past float32's range");
  }

  @ParameterizedTest
  @MethodSource("cases")
  void refusesAScaleOfAnotherShape(Shape shape, int[] axes) {
    Moments moments = Tensors.randn(shape, 1L).moments(axes);
    assertThrows(IllegalArgumentException.class, () -> moments.standardized(Tensors.ones(2, 2)));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void givesTheGradientCompositionsBits(Shape shape, int[] axes) {
    for (DType dtype : DType.values()) {
      Tensor y = Tensors.randn(shape, 21L, dtype);
      Tensor g = Tensors.randn(shape, 22L, dtype).mul(3).add(0.5);
      Tensor scale = Tensors.rand(y.mean(axes, true).shape(), 23L, dtype).add(0.5);
      Tensor projection = g.mul(y).mean(axes, true);
      assertBits(g.sub(g.mean(axes, true)).sub(y.mul(projection)).mul(scale),
          Moments.standardizedGradient(g, y, scale, axes), "gradient " + dtype);
    }
    Tensor y = Tensors.randn(shape, 24L, DType.FLOAT32);
    Tensor huge = Tensors.randn(shape, 25L, DType.FLOAT32).mul(3e38f);
    Tensor scale = Tensors.ones(y.mean(axes, true).shape(), DType.FLOAT32);
    assertBits(huge.sub(huge.mean(axes, true)).sub(y.mul(huge.mul(y).mean(axes, true)))
        .mul(scale), Moments.standardizedGradient(huge, y, scale, axes), "past float32's range");
    assertThrows(IllegalArgumentException.class,
        () -> Moments.standardizedGradient(huge, y, Tensors.ones(7, 7), axes));
  }

  private static void assertBits(Tensor expected, Tensor actual, String what) {
    assertArrayEquals(expected.shape().dimsView(), actual.shape().dimsView(), what + " shape");
    double[] e = expected.toArray();
    double[] a = actual.toArray();
    for (int i = 0; i < e.length; i++) {
      if (Double.doubleToLongBits(e[i]) != Double.doubleToLongBits(a[i])) {
        throw new AssertionError(what + " differs at " + i + ": " + e[i] + " vs " + a[i]);
      }
    }
  }
}
