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
  void nullArgumentsAreNamed() {
    Tensor t = Tensor.vector(1, 2);
    assertEquals("resultOf: the first tensor is null",
        assertThrows(NullPointerException.class, () -> DType.resultOf(null, t)).getMessage());
    assertEquals("resultOf: the second tensor is null",
        assertThrows(NullPointerException.class, () -> DType.resultOf(t, null)).getMessage());
    assertEquals("BlasLibrary.identify: path is null",
        assertThrows(NullPointerException.class, () -> BlasLibrary.identify(null)).getMessage());
  }
}
