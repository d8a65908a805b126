package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Tensor's leaky ReLU, ELU and GELU against PyTorch 1.13's values for the same float64 inputs. */
class CompositeActivationsTest {
  private static final Tensor X = Tensor.vector(-3, -1, -1e-10, 0, 0.5, 1, 40);
  /**
   * Composed of three or four kernels each, within a few ulps of the exact values; PyTorch's own
   * are off by more in GELU's left tail (x = −3: it gives −0.00404969409489031, ours
   * −0.004049694094890281, mpmath −0.0040496940948902836: 6.5e-15 and 7e-16 relative).
   */
  private static final double RELATIVE = 1e-14;

  @Test
  void geluExactAndTanhAreTorchs() {
    assertClose(new double[] {-0.00404969409489031, -0.15865525393145702, -4.9999999996010574e-11,
        0.0, 0.34573123063700656, 0.841344746068543, 40.0}, X.gelu());
    assertClose(new double[] {-0.0036373920817729943, -0.15880800939172324,
        -4.9999999996010574e-11, 0.0, 0.34571400982514394, 0.8411919906082768, 40.0},
        X.geluTanh());
  }

  @Test
  void leakyReluAndEluAreTorchs() {
    assertClose(new double[] {-0.30000000000000004, -0.1, -1.0000000000000001e-11, 0, 0.5, 1, 40},
        X.leakyRelu(0.1));
    Tensor elu = X.elu(1.5);
    assertClose(new double[] {-1.4253193974482041, -0.9481808382428365}, elu.slice(0, 0, 2));
    // PyTorch's α(eˣ − 1) gives −1.5000001241e-10 at x = −1e-10, 8e-8 off by cancellation;
    // expm1 gives α·x·(1 + x/2) to the last bit.
    assertEquals(-1.5e-10 * (1 - 5e-11), elu.get(2), 1e-25);
    assertClose(new double[] {0, 0.5, 1, 40}, elu.slice(0, 3, 7));
  }

  @Test
  void float32StaysFloat32() {
    Tensor x = X.to(DType.FLOAT32);
    for (Tensor y : new Tensor[] {x.gelu(), x.geluTanh(), x.leakyRelu(0.1), x.elu(1)}) {
      assertEquals(DType.FLOAT32, y.dtype());
    }
  }

  @Test
  void aNegativeEluScaleIsRefusedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> X.elu(-1));
    assertTrue(e.getMessage().startsWith("elu: alpha must be finite and not negative, got -1"),
        e.getMessage());
    IllegalArgumentException slope = assertThrows(IllegalArgumentException.class,
        () -> X.leakyRelu(Double.POSITIVE_INFINITY));
    assertTrue(slope.getMessage().equals("leakyRelu: alpha must be finite, got Infinity"),
        slope.getMessage());
    // An infinite α would make −∞ of every negative input: refused as well.
    IllegalArgumentException infinite = assertThrows(IllegalArgumentException.class,
        () -> X.elu(Double.POSITIVE_INFINITY));
    assertEquals("elu: alpha must be finite and not negative, got Infinity",
        infinite.getMessage());
  }

  @Test
  void eluWithAZeroScaleIsReluAsInTorch() {
    // α = 0 is allowed (only a negative α is refused), and gives ReLU with −0.0 on the negative
    // side: torch.nn.functional.elu(x, alpha=0.0) in PyTorch 1.13 gives [-0.0, -0.0, -0.0, 0.0,
    // 0.5, 1.0, 40.0]. Compared bit for bit (assertEquals on doubles tells −0.0 from 0.0): the
    // values are exact, a product by 0 and a selection.
    double[] torch = {-0.0, -0.0, -0.0, 0.0, 0.5, 1.0, 40.0};
    Tensor elu = X.elu(0);
    for (int i = 0; i < torch.length; i++) {
      assertEquals(torch[i], elu.get(i), 0.0, "element " + i);
      assertEquals(Double.doubleToRawLongBits(torch[i]), Double.doubleToRawLongBits(elu.get(i)),
          "the sign of element " + i);
    }
  }

  /**
   * Each backward takes the gradient (and GELU's saved factor) at the input's shape and type; the
   * kernels read them by x's length, so a shorter one ran past its end and a longer one was cut.
   */
  @Test
  void backwardsRefuseAGradientOrFactorOfAnotherLayout() {
    Tensor x = Tensor.vector(-1, 0.5, 2);
    Tensor g = Tensors.onesLike(x);
    Tensor shorter = Tensor.vector(1, 1);
    Tensor float32 = g.to(DType.FLOAT32);
    Tensor cdf = CompositeActivations.geluParts(x).factor();
    Tensor gate = CompositeActivations.geluTanhParts(x).factor();
    for (Tensor bad : new Tensor[] {shorter, float32}) {
      refused("leakyReluBackward", () -> CompositeActivations.leakyReluBackward(bad, x, 0.1));
      refused("eluBackward", () -> CompositeActivations.eluBackward(bad, x, 1));
      refused("geluBackward", () -> CompositeActivations.geluBackward(bad, x, cdf));
      refused("geluBackward", () -> CompositeActivations.geluBackward(g, x, bad));
      refused("geluTanhBackward", () -> CompositeActivations.geluTanhBackward(bad, x, gate));
      refused("geluTanhBackward", () -> CompositeActivations.geluTanhBackward(g, x, bad));
    }
  }

  /**
   * A float32 slope or scale is refused only past float's range: Float.MAX_VALUE itself is a
   * float, and gives exact products (−1 · MAX, and 0 · MAX = 0 for ELU's expm1(0)).
   */
  @Test
  void float32TakesAnAlphaOfFloatsLargestValue() {
    Tensor x = Tensor.vector(-1, 0, 2).to(DType.FLOAT32);
    Tensor leaky = x.leakyRelu(Float.MAX_VALUE);
    assertEquals(-Float.MAX_VALUE, leaky.get(0), 0.0);
    assertEquals(2, leaky.get(2), 0.0);
    assertEquals(0, x.elu(Float.MAX_VALUE).get(1), 0.0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> x.leakyRelu(Math.nextUp((double) Float.MAX_VALUE)));
    assertTrue(e.getMessage().startsWith("leakyRelu: alpha "), e.getMessage());
  }

  private static void refused(String op, org.junit.jupiter.api.function.Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call, op);
    assertTrue(e.getMessage().startsWith(op + ": "), e.getMessage());
  }

  private static void assertClose(double[] expected, Tensor actual) {
    assertEquals(expected.length, actual.size(), "length");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual.get(i), Math.abs(expected[i]) * RELATIVE, "element " + i);
    }
  }
}
