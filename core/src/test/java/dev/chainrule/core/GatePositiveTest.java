package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GatePositiveTest {
  @Test
  void keepsValuesWherePositiveAndZeroElsewhereEvenNaN() {
    Tensor g = Tensor.vector(1, Double.NaN, 3, 4, Double.NaN);
    Tensor gate = Tensor.vector(0.5, -1, 0, -0.0, 2);
    assertEquals(Tensor.vector(1, 0, 0, 0, Double.NaN), g.gatePositive(gate),
        "relu′(0) = 0, and a NaN gradient where the unit was off is dropped, as in PyTorch");
  }

  @Test
  void isTheMaskedProductInEitherType() {
    Tensor g = Tensors.randn(Shape.of(7, 9), 1L);
    Tensor x = Tensors.randn(Shape.of(7, 9), 2L);
    // Equal values; only the product's −0.0 (a negative g times 0) is +0.0 here.
    assertTrue(g.gatePositive(x).allClose(g.mul(x.gt(0)), 0, 0));
    Tensor narrow = g.to(DType.FLOAT32).gatePositive(x.to(DType.FLOAT32));
    assertEquals(DType.FLOAT32, narrow.dtype());
    assertTrue(narrow.allClose(g.mul(x.gt(0)).to(DType.FLOAT32), 0, 0));
  }

  @Test
  void aFloat64GateKeepsPositivesTooSmallForFloat32() {
    // Converted to float32, 1e-50 and 1e-300 rounded to 0 and closed the gate without a word
    // (found by the audit probe of 2026-12-04); where's mask was fixed the same way before.
    // A NaN gate opens in float32 as in float64 (PyTorch's ReLU gradient passes g at NaN).
    Tensor g = Tensor.vector(1, 2, 3, 4).to(DType.FLOAT32);
    Tensor gate = Tensor.vector(1e-50, 1e-300, -1e-300, Double.NaN);
    assertEquals(Tensor.vector(1, 2, 0, 4).to(DType.FLOAT32), g.gatePositive(gate));
    // ReLU's dense gradients read the gate so too.
    DenseActivation.Gradients relu = DenseActivation.RELU.gradients(g.reshape(2, 2),
        gate.reshape(2, 2));
    assertEquals(Tensor.of(new double[] {1, 2, 0, 4}, 2, 2).to(DType.FLOAT32), relu.product());
    assertEquals(Tensor.vector(1, 6).to(DType.FLOAT32), relu.bias());
  }

  @Test
  void refusesAGateOfAnotherShape() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Tensors.ones(2, 3).gatePositive(Tensors.ones(3)));
    assertEquals("gatePositive: shapes [2, 3] and [3] differ (the gate does not broadcast)",
        e.getMessage());
  }
}
