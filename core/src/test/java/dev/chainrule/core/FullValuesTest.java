package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * full and fullLike hold exactly the value given. −0.0 compares equal to 0, and full used to skip
 * its fill for any value equal to 0, so {@code full(shape, -0.0)} held +0.0 (NumPy keeps the
 * sign: {@code np.full(2, -0.0)} is {@code [-0., -0.]}). The sign is read through the raw bits,
 * since the two zeros differ in nothing else.
 */
class FullValuesTest {

  private static long bits(Tensor t, int i) {
    return Double.doubleToRawLongBits(t.get(i));
  }

  @Test
  void negativeZeroKeepsItsSignInBothTypes() {
    long minusZero = Double.doubleToRawLongBits(-0.0);
    Tensor f64 = Tensors.full(Shape.of(3), -0.0);
    Tensor f32 = Tensors.full(Shape.of(3), -0.0, DType.FLOAT32);
    Tensor like = Tensors.fullLike(f32, -0.0);
    for (int i = 0; i < 3; i++) {
      assertEquals(minusZero, bits(f64, i), "float64 element " + i);
      assertEquals(minusZero, bits(f32, i), "float32 element " + i);
      assertEquals(minusZero, bits(like, i), "fullLike element " + i);
    }
    assertEquals(DType.FLOAT32, like.dtype());
    // The sign is visible in arithmetic: 1 / −0 is −∞.
    assertEquals(Tensor.vector(Double.NEGATIVE_INFINITY), Tensors.ones(1).div(
        Tensors.full(Shape.of(1), -0.0)));
  }

  @Test
  void positiveZeroAndOtherValuesAreUnchanged() {
    Tensor zeros = Tensors.full(Shape.of(2), 0.0);
    assertEquals(0L, bits(zeros, 0));
    assertEquals(0L, bits(Tensors.zerosLike(Tensors.ones(2)), 1));
    assertEquals(Tensor.vector(Double.NaN, Double.NaN), Tensors.full(Shape.of(2), Double.NaN));
    // 1e-50 rounds to float32's +0.
    assertEquals(0L, bits(Tensors.full(Shape.of(1), 1e-50, DType.FLOAT32), 0));
    assertEquals(Tensor.of(new float[] {2.5f, 2.5f}, 2),
        Tensors.full(Shape.of(2), 2.5, DType.FLOAT32));
  }
}
