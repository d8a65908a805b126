package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    // ((1 − β₂)·g)·g: the weight first, as PyTorch's addcmul_, so that v overflows no sooner.
    Tensor v2 = v.copy().scaleInPlace(beta2).addInPlace(g.mul(1 - beta2).mul(g));
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

  @Test
  void adamRefusesFactorsOutsideTheirRanges() {
    Tensor a = Tensors.zeros(2, 3);
    assertEquals("adam: β₁ and β₂ must be in [0, 1), got 1.0 and 0.999",
        assertThrows(IllegalArgumentException.class, () -> FusedUpdates.adam(a,
            Tensors.zeros(2, 3), Tensors.zeros(2, 3), a, 1, 0.999, -1e-3, 1, 1e-8)).getMessage());
    assertEquals("adam: β₁ and β₂ must be in [0, 1), got 0.9 and NaN",
        assertThrows(IllegalArgumentException.class, () -> FusedUpdates.adam(a,
            Tensors.zeros(2, 3), Tensors.zeros(2, 3), a, 0.9, Double.NaN, -1e-3, 1, 1e-8))
            .getMessage());
    assertEquals("adam: ε must be positive and finite, got 0.0",
        assertThrows(IllegalArgumentException.class, () -> FusedUpdates.adam(a,
            Tensors.zeros(2, 3), Tensors.zeros(2, 3), a, 0.9, 0.999, -1e-3, 1, 0)).getMessage());
    assertEquals("adam: the bias correction √(1 − β₂ᵗ) must be in (0, 1], got 0.0",
        assertThrows(IllegalArgumentException.class, () -> FusedUpdates.adam(a,
            Tensors.zeros(2, 3), Tensors.zeros(2, 3), a, 0.9, 0.999, -1e-3, 0, 1e-8))
            .getMessage());
  }

  @Test
  void adamRefusesOneTensorPassedAsTwoOfThoseItUpdates() {
    // m passed as v kept v's new values in m, and θ passed as m stepped from m: silently wrong
    // state, found by the audit probe of 2026-12-04. The gradient, only read, may be any of them.
    Tensor a = Tensors.zeros(2, 3);
    Tensor m = Tensors.zeros(2, 3);
    assertEquals("adam: the parameter [2, 3], m and v must be three separate tensors (m is v),"
        + " as each is updated in place", assertThrows(IllegalArgumentException.class,
            () -> FusedUpdates.adam(a, m, m, a.copy(), 0.9, 0.999, -1e-3, 1, 1e-8)).getMessage());
    assertEquals("adam: the parameter [2, 3], m and v must be three separate tensors (the"
        + " parameter is m), as each is updated in place", assertThrows(
            IllegalArgumentException.class,
            () -> FusedUpdates.adam(a, a, m, a.copy(), 0.9, 0.999, -1e-3, 1, 1e-8)).getMessage());
    assertEquals("adam: the parameter [2, 3], m and v must be three separate tensors (the"
        + " parameter is v), as each is updated in place", assertThrows(
            IllegalArgumentException.class,
            () -> FusedUpdates.adam(a, m, a, a.copy(), 0.9, 0.999, -1e-3, 1, 1e-8)).getMessage());
    // The gradient is only read, element by element before the write: it may be the parameter,
    // and the step is the one taken with a copy of it (the same bits).
    Tensor theta = Tensors.randn(Shape.of(2, 3), 3L);
    Tensor moment = Tensors.randn(Shape.of(2, 3), 4L);
    Tensor before = theta.copy();
    Tensor twin = theta.copy();
    Tensor twinMoment = moment.copy();
    FusedUpdates.adam(twin, twinMoment, Tensors.zeros(2, 3), twin.copy(), 0.9, 0.999, -1e-3, 1,
        1e-8);
    FusedUpdates.adam(theta, moment, Tensors.zeros(2, 3), theta, 0.9, 0.999, -1e-3, 1, 1e-8);
    assertArrayEquals(twin.toArray(), theta.toArray(), 0);
    assertArrayEquals(twinMoment.toArray(), moment.toArray(), 0);
    assertTrue(theta.sub(before).abs().sum().item() > 0, "the step moved the parameter");
  }

  @Test
  void adamInFloat32AgreesWithFloat64() {
    Tensor g = Tensors.randn(Shape.of(7, 5), 1L);
    Tensor value = Tensors.randn(Shape.of(7, 5), 2L);
    Tensor m = Tensors.randn(Shape.of(7, 5), 3L).mul(0.1);
    Tensor v = Tensors.rand(Shape.of(7, 5), 4L).mul(0.01).add(1e-4);
    Tensor value32 = value.to(DType.FLOAT32);
    Tensor before = value32.copy();
    Tensor m32 = m.to(DType.FLOAT32);
    Tensor v32 = v.to(DType.FLOAT32);
    FusedUpdates.adam(value, m, v, g, 0.9, 0.999, -1e-2, 0.1, 1e-8);
    FusedUpdates.adam(value32, m32, v32, g.to(DType.FLOAT32), 0.9, 0.999, -1e-2, 0.1, 1e-8);
    // Each float32 value is rounded a few times to 2^-24 ≈ 6e-8 relative, so 1e-6 has room for
    // them. It has none for 1 − β₂ taken in float32 (1 − 0.999f is 1.3e-5 below 0.001), which put
    // the second moment 1.1e-5 off before FusedUpdates took it in float64.
    assertTrue(value32.to(DType.FLOAT64).allClose(value, 1e-6, 1e-7));
    assertTrue(m32.to(DType.FLOAT64).allClose(m, 1e-6, 1e-8));
    assertTrue(v32.to(DType.FLOAT64).allClose(v, 1e-6, 0));
    assertTrue(value32.sub(before).abs().max().item() > 1e-4, "the float32 values moved");
  }

  @Test
  void adamWIsBitwiseTheCompositionOfTensorOperations() {
    for (DType type : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
      Tensor g = Tensors.randn(Shape.of(7, 5), 1L, type);
      Tensor value = Tensors.randn(Shape.of(7, 5), 2L, type);
      Tensor m = Tensors.randn(Shape.of(7, 5), 3L, type).mul(0.1);
      Tensor v = Tensors.rand(Shape.of(7, 5), 4L).mul(0.01).to(type);
      double step = -1e-3 / (1 - Math.pow(0.9, 3));
      double decayStep = -1e-3 * 1e-2;
      double correction2Sqrt = Math.sqrt(1 - Math.pow(0.999, 3));

      Tensor m2 = m.copy().scaleInPlace(0.9).axpyInPlace(1 - 0.9, g);
      Tensor v2 = v.copy().scaleInPlace(0.999).addInPlace(g.mul(1 - 0.999).mul(g));
      // θ + ((−ηλ)·θ + step·m/(√v/c + ε)): the decay joins the step's addend before θ is added.
      Tensor value2 = value.copy().addInPlace(value.mul(decayStep)
          .axpyInPlace(step, m2.div(v2.sqrt().div(correction2Sqrt).add(1e-8))));

      FusedUpdates.adamW(value, m, v, g, 0.9, 0.999, step, decayStep, correction2Sqrt, 1e-8);
      assertEquals(m2, m, type.toString());
      assertEquals(v2, v, type.toString());
      assertEquals(value2, value, type.toString());
    }
  }

  @Test
  void adamWRefusesADecayStepOutsideItsRange() {
    Tensor a = Tensors.zeros(2, 3);
    for (double decayStep : new double[] {-1, 0.5, Double.NaN}) {
      assertEquals("adamW: the decay step −ηλ must be in (−1, 0], got " + decayStep,
          assertThrows(IllegalArgumentException.class, () -> FusedUpdates.adamW(a,
              Tensors.zeros(2, 3), Tensors.zeros(2, 3), a, 0.9, 0.999, -1e-3, decayStep, 1,
              1e-8)).getMessage());
    }
    assertEquals("adamW: shapes [2, 3] and [3, 2] differ",
        assertThrows(IllegalArgumentException.class, () -> FusedUpdates.adamW(a, a.copy(),
            Tensors.zeros(3, 2), a.copy(), 0.9, 0.999, -1e-3, -1e-5, 1, 1e-8)).getMessage());
  }

  /**
   * The decay's share survives float32 where a factor 1 − ηλ would not: with ηλ = 1e-8, a sixth
   * of float32's spacing of 6e-8 just below 1 (1.2e-7 above), weights of 1 stepped by Adam steps
   * of some 1e-3, of every size, end ηλ lower on average than the same steps without decay;
   * PyTorch's factor 1 − ηλ rounds to 1 in float32 and loses the decay entirely.
   */
  @Test
  void adamWKeepsADecayBelowFloat32sSpacingNearOne() {
    int n = 1 << 16;
    Tensor g = Tensors.randn(Shape.of(n), 7L, DType.FLOAT32);
    Tensor m = Tensors.randn(Shape.of(n), 8L, DType.FLOAT32).mul(0.1);
    Tensor v = Tensors.rand(Shape.of(n), 9L, DType.FLOAT32).mul(0.01).add(1e-4);
    double[] means = new double[2];
    for (int k = 0; k < 2; k++) {
      Tensor value = Tensors.ones(Shape.of(n), DType.FLOAT32);
      FusedUpdates.adamW(value, m.copy(), v.copy(), g, 0.9, 0.999, -1e-3 / 0.19,
          k == 0 ? 0 : -1e-8, Math.sqrt(0.002), 1e-8);
      means[k] = value.to(DType.FLOAT64).sum().item() / n;
    }
    // Each weight's decay shows as one ulp u (6e-8 or 1.2e-7) with probability 1e-8/u, or not at
    // all: a spread of √(u·1e-8) ≤ 3.5e-8 per weight, 1.4e-10 in the mean of 65,536. 2e-9 is
    // over ten times that, and a fifth of the decay.
    assertEquals(1e-8, means[0] - means[1], 2e-9);
  }
}
