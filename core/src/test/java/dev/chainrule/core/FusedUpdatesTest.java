package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FusedUpdatesTest {
  @Test
  void adamIsBitwiseTheCompositionOfTensorOperations() {
    Tensor g = Tensors.randn(Shape.of(7, 5), 1L);
    Tensor value = Tensors.randn(Shape.of(7, 5), 2L);
    Tensor m = Tensors.randn(Shape.of(7, 5), 3L).mul(0.1);
    Tensor v = Tensors.rand(Shape.of(7, 5), 4L).mul(0.01);
    double beta1 = 0.9;
    double beta2 = 0.999;
    double step = -1e-3 / (1 - Math.pow(beta1, 3));
    double correction2Sqrt = Math.sqrt(1 - Math.pow(beta2, 3));
    double eps = 1e-8;

    Tensor m2 = m.copy().scaleInPlace(beta1).axpyInPlace(1 - beta1, g);
    Tensor v2 = v.copy().scaleInPlace(beta2).axpyInPlace(1 - beta2, g.square());
    Tensor value2 = value.copy()
        .axpyInPlace(step, m2.div(v2.sqrt().div(correction2Sqrt).add(eps)));

    FusedUpdates.adam(value, m, v, g, beta1, beta2, step, correction2Sqrt, eps);
    assertEquals(m2, m);
    assertEquals(v2, v);
    assertEquals(value2, value);
  }

  @Test
  void adamRefusesTensorsOfAnotherShape() {
    Tensor a = Tensors.zeros(2, 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FusedUpdates.adam(a, a.copy(), Tensors.zeros(3, 2), a.copy(), 0.9, 0.999, -1e-3,
            1, 1e-8));
    assertEquals("adam: shapes [2, 3] and [3, 2] differ", e.getMessage());
  }
}
