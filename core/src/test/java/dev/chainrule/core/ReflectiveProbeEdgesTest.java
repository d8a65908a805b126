package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.gemm.BlasLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What a reflective probe of core's public methods found (2026-12-03): every public method called
 * with null, empty, zero-sized, negative, huge and non-finite arguments in turn. linspace made NaN
 * and infinities of bounds it should refuse or could represent, a pooling window's output size
 * answered 0 for a negative input size, and two nulls reached a raw NullPointerException.
 */
class ReflectiveProbeEdgesTest {

  private static void assertRefused(String message, Executable call) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  @Test
  void linspaceRefusesBoundsThatAreNotNumbers() {
    // Each made every value NaN (or NaN and ∞) without a word; PyTorch 1.13 does the same.
    assertRefused("linspace: bounds must be finite, got 0.0 and NaN",
        () -> Tensors.linspace(0, Double.NaN, 5));
    assertRefused("linspace: bounds must be finite, got Infinity and Infinity",
        () -> Tensors.linspace(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 3));
    assertRefused("linspace: bounds must be finite, got -Infinity and 1.0",
        () -> Tensors.linspace(Double.NEGATIVE_INFINITY, 1, 1, DType.FLOAT32));
  }

  @Test
  void linspaceBetweenBoundsFurtherApartThanTheLargestDoubleStaysFinite() {
    // end − start overflows to ∞: this gave [NaN, ∞, 1e308] (PyTorch 1.13: [nan, -inf, nan]).
    // Halving a double is exact, so the values are exact: no tolerance.
    assertEquals(Tensor.vector(-1e308, 0, 1e308), Tensors.linspace(-1e308, 1e308, 3));
    assertEquals(Tensor.vector(-1e308, -5e307, 0, 5e307, 1e308),
        Tensors.linspace(-1e308, 1e308, 5));
    assertEquals(Tensor.vector(Double.MAX_VALUE, 0, -Double.MAX_VALUE),
        Tensors.linspace(Double.MAX_VALUE, -Double.MAX_VALUE, 3));
    assertEquals(Tensor.vector(-1e308, 1e308), Tensors.linspace(-1e308, 1e308, 2));
    assertEquals(Tensor.vector(-1e308), Tensors.linspace(-1e308, 1e308, 1));
  }

  @Test
  void aPoolingWindowsOutputSizeRefusesANegativeInputSize() {
    assertRefused("outputSize: input size -1 must be at least 0",
        () -> Pool2dOptions.of(2).outputSize(-1, true));
    assertRefused("outputSize: input size -2147483648 must be at least 0",
        () -> Pool2dOptions.of(2).outputSize(Integer.MIN_VALUE, false));
    // A window that does not fit a real input still answers 0, as the Javadoc says.
    assertEquals(0, Pool2dOptions.of(2).outputSize(1, true));
    assertEquals(0, Pool2dOptions.of(2).outputSize(0, false));
  }

  @Test
  void dimensionsGivenToAnOperationAreRefusedInItsName() {
    // Each said "shape: ..." (or "normal:", "uniform:", "fullLike:"), naming no call the user made.
    assertRefused("zeros: negative dimension in [-1]", () -> Tensors.zeros(-1));
    assertRefused("ones: negative dimension in [-1, 2]", () -> Tensors.ones(-1, 2));
    assertRefused("of: negative dimension in [2, -3]", () -> Tensor.of(new double[] {1}, 2, -3));
    assertRefused("of: 1 values do not fill shape [65536, 65536] (more than 2^31 - 1 elements)",
        () -> Tensor.of(new double[] {1}, 65536, 65536));
    Tensor t = Tensor.vector(1, 2, 3);
    assertRefused("broadcastTo: negative dimension in [2, -3]", () -> t.broadcastTo(2, -3));
    assertRefused("sumTo: negative dimension in [-1]", () -> t.sumTo(-1));
    assertRefused("fromUnsignedBytes: [65536, 65536] has more than 2^31 - 1 elements, more than a"
        + " Java array holds (2147483645)", () -> Tensors.fromUnsignedBytes(new byte[] {1}, 1,
            DType.FLOAT64, Shape.of(65536, 65536)));
    assertRefused("rand: [65536, 65536] has more than 2^31 - 1 elements, more than a Java array"
        + " holds (2147483645)", () -> Tensors.rand(Shape.of(65536, 65536), 1L));
    assertRefused("randn: [65536, 65536] has more than 2^31 - 1 elements, more than a Java array"
        + " holds (2147483645)", () -> Tensors.randn(Shape.of(65536, 65536), 1L, DType.FLOAT32));
    assertEquals("randn: shape is null",
        assertThrows(NullPointerException.class, () -> Tensors.randn(null, 1L)).getMessage());
    assertEquals("rand: generator is null", assertThrows(NullPointerException.class,
        () -> Tensors.rand(Shape.of(2), (java.util.random.RandomGenerator) null)).getMessage());
    assertEquals("zerosLike: tensor is null",
        assertThrows(NullPointerException.class, () -> Tensors.zerosLike(null)).getMessage());
    assertEquals("onesLike: tensor is null",
        assertThrows(NullPointerException.class, () -> Tensors.onesLike(null)).getMessage());
    // Shape.of itself still speaks for the shape.
    assertRefused("shape: negative dimension in [-1]", () -> Shape.of(-1));
  }

  @Test
  void randAndRandnDrawWhatUniformAndNormalDrawFromTheSameSeed() {
    // Renamed in their errors, not changed in their values: 0 + 1·u is u exactly.
    assertEquals(Tensors.uniform(Shape.of(5), 0, 1, 7L), Tensors.rand(Shape.of(5), 7L));
    assertEquals(Tensors.normal(Shape.of(5), 0, 1, 7L), Tensors.randn(Shape.of(5), 7L));
    assertEquals(Tensors.normal(Shape.of(5), 0, 1, 7L, DType.FLOAT32),
        Tensors.randn(Shape.of(5), 7L, DType.FLOAT32));
  }

  @Test
  void nullArgumentsAreNamed() {
    Tensor t = Tensor.vector(1, 2);
    assertEquals("resultOf: the first tensor is null",
        assertThrows(NullPointerException.class, () -> DType.resultOf(null, t)).getMessage());
    assertEquals("resultOf: the second tensor is null",
        assertThrows(NullPointerException.class, () -> DType.resultOf(t, null)).getMessage());
    assertEquals("promote: the first type is null", assertThrows(NullPointerException.class,
        () -> DType.promote(null, DType.FLOAT64)).getMessage());
    assertEquals("promote: the second type is null", assertThrows(NullPointerException.class,
        () -> DType.promote(DType.FLOAT32, null)).getMessage());
    assertEquals("BlasLibrary.identify: path is null",
        assertThrows(NullPointerException.class, () -> BlasLibrary.identify(null)).getMessage());
  }
}
