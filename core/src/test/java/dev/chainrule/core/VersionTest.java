package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class VersionTest {
  @Test
  void everyInPlaceChangeBumpsTheVersionAndNothingElseDoes() {
    Tensor t = Tensors.zeros(2, 3);
    assertEquals(0, t.version());
    t.add(1.0).exp().sum();
    assertEquals(0, t.version(), "operations that return new tensors leave the operand alone");
    t.addInPlace(Tensors.ones(2, 3));
    t.axpyInPlace(2, Tensors.ones(2, 3));
    t.scaleInPlace(0.5);
    t.assignInPlace(Tensors.ones(2, 3));
    assertEquals(4, t.version());
    assertEquals(0, t.copy().version(), "a copy is a new tensor");
  }

  @Test
  void theFusedAdamStepBumpsEveryTensorItWrites() {
    Tensor value = Tensors.ones(3);
    Tensor m = Tensors.zeros(3);
    Tensor v = Tensors.zeros(3);
    Tensor g = Tensors.ones(3);
    FusedUpdates.adam(value, m, v, g, 0.9, 0.999, -1e-3, 1, 1e-8);
    assertEquals(1, value.version());
    assertEquals(1, m.version());
    assertEquals(1, v.version());
    assertEquals(0, g.version(), "the gradient is read, not written");
  }
}
