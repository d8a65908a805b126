package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Small values at their edges: type sizes, the rank-0 shape, allClose exactly at its tolerance,
 * how options print and build, uniform's bounds, and copies that must not alias. Found by
 * mutation testing (issue 15): each assertion here fails when a comparison moves by one or a
 * returned value is replaced.
 */
class ValuesAndOptionsTest {

  @Test
  void typesKnowTheirSizeAndShortName() {
    assertEquals(8, DType.FLOAT64.byteSize());
    assertEquals(4, DType.FLOAT32.byteSize());
    assertEquals("F64", DType.FLOAT64.shortName());
    assertEquals("F32", DType.FLOAT32.shortName());
  }

  @Test
  void onlyTheShapeWithoutAxesIsScalar() {
    assertTrue(Shape.of().isScalar());
    assertFalse(Shape.of(1).isScalar());
  }

  /**
   * Values chosen exact in binary, so |u − v| equals atol + rtol·|v| exactly and the comparison is
   * decided by its boundary alone: close at the tolerance, not close a step beyond it.
   */
  @Test
  void allCloseIncludesItsTolerance() {
    Tensor three = Tensor.vector(3);
    Tensor two = Tensor.vector(2);
    assertTrue(three.allClose(two, 0.5, 0), "|3 - 2| = 1 = rtol·|2|");
    assertFalse(three.allClose(two, 0.25, 0), "1 > 0.25·|2| = 0.5");
    assertTrue(three.allClose(two, 0.25, 0.5), "1 = 0.5 + 0.25·|2|");
    assertFalse(Tensor.vector(1, 2).allClose(Tensor.vector(1, 2, 3), 1, 1), "shapes differ");
    // Shapes that would broadcast are not close either: a reduction's [2, 1] where [2] was
    // expected must fail the assertion that compares them (numpy.allclose would say true).
    assertFalse(Tensor.vector(3, 3).allClose(Tensors.full(Shape.of(2, 1), 3), 0, 0),
        "[2] against [2, 1]");
    assertFalse(Tensors.ones(Shape.of(4)).allClose(Tensor.scalar(1), 0, 0), "[4] against []");
  }

  @Test
  void poolOptionsPrintPaddingAndDilationOnlyWhenSet() {
    assertEquals("kernel 2, stride 2", Pool2dOptions.of(2).toString());
    assertEquals("kernel 3, stride 3, padding (1, 0)",
        Pool2dOptions.builder(3).padding(1, 0).build().toString());
    assertEquals("kernel 3, stride 3, padding (0, 1)",
        Pool2dOptions.builder(3).padding(0, 1).build().toString());
    assertEquals("kernel 3, stride 1, dilation (2, 1)",
        Pool2dOptions.builder(3).stride(1).dilation(2, 1).build().toString());
    assertEquals("kernel 3, stride 1, dilation (1, 2)",
        Pool2dOptions.builder(3).stride(1).dilation(1, 2).build().toString());
    assertEquals("kernel 3, stride 2, padding 1, ceil mode, padding not counted",
        Pool2dOptions.builder(3).stride(2).padding(1).ceilMode(true).countIncludePad(false)
            .build().toString());
  }

  /** PyTorch's defaults: rounded down, padding counted in averages. */
  @Test
  void poolOptionsDefaultToPyTorchs() {
    Pool2dOptions o = Pool2dOptions.of(2);
    assertFalse(o.ceilMode());
    assertTrue(o.countIncludePad());
    assertEquals(o, Pool2dOptions.builder(2).ceilMode(false).countIncludePad(true).build());
  }

  /**
   * The eight-argument constructor of the options before ceil mode still compiles and gives the
   * builder's defaults for the two switches, and still checks its ranges.
   */
  @Test
  void eightArgumentConstructorKeepsTheDefaults() {
    Pool2dOptions o = new Pool2dOptions(3, 2, 2, 1, 1, 0, 1, 2);
    assertEquals(Pool2dOptions.builder(3, 2).stride(2, 1).padding(1, 0).dilation(1, 2).build(), o);
    assertFalse(o.ceilMode());
    assertTrue(o.countIncludePad());
    assertEquals(Pool2dOptions.of(2), new Pool2dOptions(2, 2, 2, 2, 0, 0, 1, 1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Pool2dOptions(2, 2, 2, 2, 2, 0, 1, 1));
    assertEquals("pool2d: padding (2, 0) must lie between 0 and half the kernel (2, 2)",
        e.getMessage());
  }

  /**
   * Ceil mode's output sizes, each checked against PyTorch 1.13's F.max_pool2d(ceil_mode=True) on
   * an input of that size: rounded up (5 with kernel 2, stride 2: 3, where rounding down gives 2),
   * less a last window that would start past the input and its left padding (3 with kernel 2,
   * stride 2, padding 1: 2, not 3), and a window wider than the input that rounding up still fits
   * (1 with kernel 4, stride 4: 1; with stride 1: none).
   */
  @Test
  void ceilModeRoundsUpAsPyTorchDoes() {
    assertEquals(2, Pool2dOptions.of(2).outputSize(5, true));
    assertEquals(3, Pool2dOptions.builder(2).ceilMode(true).build().outputSize(5, true));
    assertEquals(4, Pool2dOptions.builder(3).stride(2).padding(1).ceilMode(true).build()
        .outputSize(6, false));
    assertEquals(2, Pool2dOptions.builder(2).padding(1).ceilMode(true).build()
        .outputSize(3, true));
    assertEquals(1, Pool2dOptions.builder(4).ceilMode(true).build().outputSize(1, true));
    assertEquals(0, Pool2dOptions.builder(4).stride(1).ceilMode(true).build()
        .outputSize(1, false));
    assertEquals(3, Pool2dOptions.builder(2).dilation(2).ceilMode(true).build()
        .outputSize(6, true));
    // Strides and sizes near 2^31 in long: one window, not a wrapped count.
    assertEquals(1, Pool2dOptions.builder(2).stride(Integer.MAX_VALUE).ceilMode(true).build()
        .outputSize(Integer.MAX_VALUE, true));
    assertEquals(Integer.MAX_VALUE, Pool2dOptions.builder(1).stride(1).ceilMode(true).build()
        .outputSize(Integer.MAX_VALUE, true));
  }

  @Test
  void convolutionBuildersChainEverySetter() {
    Conv2dOptions options = Conv2dOptions.builder().padding(2).dilation(3).stride(1).build();
    assertEquals("stride 1, padding 2, dilation 3", options.toString());
  }

  @Test
  void uniformRefusesARangeWhoseWidthOverflows() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Tensors.uniform(Shape.of(2), -Double.MAX_VALUE, Double.MAX_VALUE, 1L));
    assertTrue(e.getMessage().startsWith("uniform: need finite low < high"), e.getMessage());
  }

  /**
   * On an interval one ulp wide, low + (high − low)·u rounded up to high in 463 draws of 1,000
   * (a core hunter, session 54); every float64 draw is now low, the one value below high.
   */
  @Test
  void uniformStaysBelowItsUpperBound() {
    Tensor draws = Tensors.uniform(Shape.of(1000), 1, Math.nextUp(1.0), 1L);
    assertEquals(Tensors.ones(1000), draws);
  }

  @Test
  void toFloatArrayIsACopyInBothTypes() {
    Tensor f32 = Tensor.of(new float[] {1, 2}, 2);
    f32.toFloatArray()[0] = 9;
    assertArrayEquals(new float[] {1, 2}, f32.toFloatArray());
    Tensor f64 = Tensor.vector(1, 2);
    f64.toFloatArray()[0] = 9;
    assertArrayEquals(new float[] {1, 2}, f64.toFloatArray());
  }

  @Test
  void maxPoolTakesEachWindowsLargest() {
    Tensor x = Tensor.of(new double[] {1, 5, 3, 2}, 1, 1, 2, 2);
    assertEquals(Tensor.of(new double[] {5}, 1, 1, 1, 1), x.maxPool2d(Pool2dOptions.of(2)));
  }

  /**
   * PyTorch 1.13 (max_pool2d with return_indices) on [NaN, 1, NaN, 2] gives index 2, the last
   * NaN, and on [3, 1, 3, 2] index 0, the first of tied maxima; the gradient goes to that index.
   */
  @Test
  void maxPoolIndicesFollowPyTorchForNaNsAndTies() {
    for (DType dtype : DType.values()) {
      Pool2dOptions row = Pool2dOptions.builder(1, 4).build();
      PooledWithIndices nans = Tensor.of(new double[] {Double.NaN, 1, Double.NaN, 2}, 1, 1, 1, 4)
          .to(dtype).maxPool2dWithIndices(row);
      assertTrue(Double.isNaN(nans.values().item()), dtype::toString);
      assertEquals(2, nans.indices().item(), dtype::toString);
      PooledWithIndices ties = Tensor.of(new double[] {3, 1, 3, 2}, 1, 1, 1, 4).to(dtype)
          .maxPool2dWithIndices(row);
      assertEquals(0, ties.indices().item(), dtype::toString);
    }
  }

  @Test
  void allCloseTakesZeroTolerancesAsExactEquality() {
    Tensor x = Tensor.vector(1, 2);
    assertTrue(x.allClose(x.copy(), 0, 0));
    assertFalse(x.allClose(Tensor.vector(1, Math.nextUp(2.0)), 0, 0));
    assertEquals("allClose: tolerances must be finite and at least 0, got rtol -1.0E-300 and atol"
        + " 0.0",
        assertThrows(IllegalArgumentException.class, () -> x.allClose(x, -1e-300, 0)).getMessage());
    assertEquals("allClose: tolerances must be finite and at least 0, got rtol 0.0 and atol"
        + " -1.0E-300",
        assertThrows(IllegalArgumentException.class, () -> x.allClose(x, 0, -1e-300)).getMessage());
    // An infinite tolerance would call any two finite tensors close; NumPy takes it, we refuse.
    assertEquals("allClose: tolerances must be finite and at least 0, got rtol Infinity and atol"
        + " 0.0", assertThrows(IllegalArgumentException.class,
            () -> x.allClose(x, Double.POSITIVE_INFINITY, 0)).getMessage());
    assertEquals("allClose: tolerances must be finite and at least 0, got rtol 0.0 and atol"
        + " Infinity",
        assertThrows(IllegalArgumentException.class,
            () -> x.allClose(x, 0, Double.POSITIVE_INFINITY)).getMessage());
  }

  @Test
  void denseActivationsPrintTheNamesOpsUse() {
    assertEquals("relu", DenseActivation.RELU.toString());
    assertEquals("sigmoid", DenseActivation.SIGMOID.toString());
  }
}
