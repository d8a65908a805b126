package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The edges of the factors FusedUpdates.adam accepts: β₁ and β₂ in [0, 1), ε positive and
 * finite. Found by mutation testing: moving any of these bounds by one (0 refused, 1 or +∞
 * accepted) left every test passing.
 */
class FusedAdamBoundsTest {

  @Test
  void zeroDecaysAreAcceptedAndKeepOnlyTheLatestGradient() {
    Tensor g = Tensors.randn(Shape.of(3, 4), 1L);
    Tensor value = Tensors.randn(Shape.of(3, 4), 2L);
    Tensor m = Tensors.randn(Shape.of(3, 4), 3L);
    Tensor v = Tensors.rand(Shape.of(3, 4), 4L);
    Tensor before = value.copy();
    FusedUpdates.adam(value, m, v, g, 0, 0, -1e-3, 1, 1e-8);
    // With β₁ = β₂ = 0 the averages forget everything but g: m = 1·g and v = (1·g)·g exactly.
    assertEquals(g, m);
    assertEquals(g.mul(g), v);
    assertEquals(before.copy().axpyInPlace(-1e-3, g.div(g.mul(g).sqrt().add(1e-8))), value);
  }

  @Test
  void aSecondDecayOfOneIsRefused() {
    Tensor a = Tensors.zeros(2, 3);
    assertEquals("adam: β₁ and β₂ must be in [0, 1), got 0.9 and 1.0",
        assertThrows(IllegalArgumentException.class, () -> FusedUpdates.adam(a,
            Tensors.zeros(2, 3), Tensors.zeros(2, 3), a, 0.9, 1.0, -1e-3, 1, 1e-8))
            .getMessage());
  }

  @Test
  void anInfiniteEpsilonIsRefused() {
    Tensor a = Tensors.zeros(2, 3);
    assertEquals("adam: ε must be positive and finite, got Infinity",
        assertThrows(IllegalArgumentException.class, () -> FusedUpdates.adam(a,
            Tensors.zeros(2, 3), Tensors.zeros(2, 3), a, 0.9, 0.999, -1e-3, 1,
            Double.POSITIVE_INFINITY)).getMessage());
  }
}
