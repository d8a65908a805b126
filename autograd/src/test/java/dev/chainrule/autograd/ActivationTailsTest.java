package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Activations keep their value where a textbook formula cancels: ELU's α(eˣ − 1) just below 0,
 * where eˣ rounds to 1, and the tanh GELU's ½x(1 + tanh u) in the left tail, where tanh rounds to
 * −1. Both gave exactly 0 there (the inputs are those a probe found), which a gradient check at
 * such a point then compares against a non-zero derivative.
 */
class ActivationTailsTest {
  private static double elu32(float x) {
    return Variable.constant(Tensor.of(new float[] {x}, 1)).elu(1).value().flatGet(0);
  }

  @Test
  void eluJustBelowZeroIsXNotZero() {
    // eˣ − 1 = x + x²/2 + ...: at |x| = 1e-10 the result is x itself, to the last bit.
    float x = -1.1636982e-10f;
    assertEquals(x, elu32(x), 0);
    double wide = -1.0646521138920084e-12;
    // The correctly rounded value (mpmath); Math.expm1 promises 1 ulp, and the literal is itself
    // rounded to print: 2 ulps.
    assertEquals(-1.0646521138914416e-12,
        Variable.constant(Tensor.vector(wide)).elu(1).item(), 2 * Math.ulp(wide));
    // α scales it, and the gradient there is αeˣ ≈ α.
    Variable p = Variable.parameter(Tensor.vector(wide));
    p.elu(2).sum().backward();
    assertEquals(2 * Math.exp(wide), p.grad().flatGet(0), 1e-16);
  }

  /**
   * ELU's gradient in its left tail is αeˣ, taken from x: read from the output as y + 1 it
   * cancelled, 4e-4 off at x = −10 in float32, 0 from −17 on (PyTorch's ELU keeps it).
   */
  @Test
  void eluKeepsItsGradientDeepInTheLeftTail() {
    float[] xs = {-10, -15, -20};
    Variable p = Variable.parameter(Tensor.of(xs, 3));
    p.elu(1).sum().backward();
    for (int i = 0; i < xs.length; i++) {
      // Float32's exp is within 2 ulps of the correctly rounded value (the kernel's bound).
      float expected = (float) Math.exp(xs[i]);
      assertEquals(expected, p.grad().flatGet(i), 2 * Math.ulp(expected), "x = " + xs[i]);
    }
    Variable wide = Variable.parameter(Tensor.vector(-35, -40));
    wide.elu(1).sum().backward();
    assertEquals(Math.exp(-35), wide.grad().flatGet(0), 4 * Math.ulp(Math.exp(-35)));
    assertEquals(Math.exp(-40), wide.grad().flatGet(1), 4 * Math.ulp(Math.exp(-40)));
  }

  /** x·σ(2u) in float64, σ from exp directly: no cancellation anywhere in the left tail. */
  private static double geluTanhReference(double x) {
    double u = Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x);
    return x / (1 + Math.exp(-2 * u));
  }

  @Test
  void geluTanhKeepsItsLeftTail() {
    float x = -6.4016409f;
    double got = Variable.constant(Tensor.of(new float[] {x}, 1)).geluTanh().value().flatGet(0);
    // About −1.74e-12; float32's rounding of u (6e-8 relative) moves σ(2u) by 2|u| times that,
    // 29 × 6e-8 ≈ 2e-6, so 1e-5 relative.
    double expected = geluTanhReference(x);
    assertEquals(-1.7374e-12, expected, 1e-15);
    assertEquals(expected, got, 1e-5 * Math.abs(expected));
    double far = -9.6062395;
    // Float64: about −7.15e-34, within 2|u|·1e-16 ≈ 4e-15 relative of the reference; 1e-13.
    double farExpected = geluTanhReference(far);
    assertEquals(farExpected, Variable.constant(Tensor.vector(far)).geluTanh().item(),
        1e-13 * Math.abs(farExpected));
    // Where nothing cancels the two forms agree to rounding (x = 1: 0.8411920).
    assertEquals(0.5 * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * 1.044715)),
        Variable.constant(Tensor.vector(1)).geluTanh().item(), 1e-15);
  }

  @Test
  void expm1IsAccurateNearZeroInBothTypes() {
    assertEquals(Math.expm1(-1e-10), Tensor.vector(-1e-10).expm1().flatGet(0), 0);
    Tensor narrow = Tensor.of(new float[] {1e-9f, -30f}, 2).expm1();
    assertEquals(DType.FLOAT32, narrow.dtype());
    assertEquals((float) Math.expm1(1e-9f), narrow.flatGet(0), 0);
    assertEquals(-1.0, narrow.flatGet(1), 0);
  }

  /**
   * Far out the tanh GELU's gradient is 1 (right) and 0 (left), its limits; x²'s slope in the
   * rule overflowed there while σ′ was 0, and 0·∞ made it NaN (as PyTorch 1.13's is).
   */
  @Test
  void geluTanhsGradientFarOutIsItsLimit() {
    Variable p32 = Variable.parameter(Tensor.of(new float[] {2e19f, 1e30f, -2e19f}, 3));
    p32.geluTanh().sum().backward();
    assertEquals(Tensor.of(new float[] {1, 1, 0}, 3), p32.grad());
    Variable p64 = Variable.parameter(Tensor.vector(2e154, 1e300, -2e154));
    p64.geluTanh().sum().backward();
    assertEquals(Tensor.vector(1, 1, 0), p64.grad());
  }
}
