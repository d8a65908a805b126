package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The sign of a zero (and NaN) that clamp, ELU and sign give, in both element types: PyTorch
 * 1.13's values, obtained by running it once (torch.clamp, F.elu, torch.sign on the inputs below,
 * float64 and float32, at sizes 1 to 100,000, which agree) and written here as literals. Tensor
 * equality is bitwise (0.0 differs from −0.0), so each assertion checks the sign.
 */
class SignedZeroValuesTest {
  private static final double NAN = Double.NaN;
  private static final double INF = Double.POSITIVE_INFINITY;
  /** NaN, the two zeros, a negative, a positive and both infinities. */
  private static final Tensor X = Tensor.vector(NAN, -0.0, 0.0, -1.5, 2.0, -INF, INF);

  private static void assertBoth(double[] expected, UnaryOperator<Tensor> op, String what) {
    for (DType type : DType.values()) {
      assertEquals(Tensor.vector(expected).to(type), op.apply(X.to(type)), what + " " + type);
    }
  }

  /** clamp keeps x unless it is below lo or above hi: a zero is neither against the other zero. */
  @Test
  void clampKeepsAZeroThatEqualsABoundOfTheOtherSign() {
    // torch.clamp(x, 0, 1): −0.0 is not below +0.0 and stays (Math.max gave +0.0).
    assertBoth(new double[] {NAN, -0.0, 0.0, 0.0, 1.0, 0.0, 1.0}, x -> x.clamp(0, 1),
        "clamp(0, 1)");
    // torch.clamp(x, -1, -0.0): +0.0 is not above −0.0 and stays (Math.min gave −0.0).
    assertBoth(new double[] {NAN, -0.0, 0.0, -1.0, -0.0, -1.0, -0.0}, x -> x.clamp(-1, -0.0),
        "clamp(-1, -0.0)");
    assertBoth(new double[] {NAN, -0.0, 0.0, 0.0, 0.0, 0.0, 0.0}, x -> x.clamp(0, 0),
        "clamp(0, 0)");
    assertBoth(new double[] {NAN, -0.0, 0.0, -0.0, 0.0, -0.0, 0.0}, x -> x.clamp(-0.0, 0.0),
        "clamp(-0.0, 0.0)");
    // torch.clamp(x, 0.0, -0.0): below +0.0 gives +0.0, above −0.0 gives −0.0, a zero stays.
    assertBoth(new double[] {NAN, -0.0, 0.0, 0.0, -0.0, 0.0, -0.0}, x -> x.clamp(0.0, -0.0),
        "clamp(0.0, -0.0)");
    // The loop that vectorizes (no bound is +0.0 below or −0.0 above) gives the same.
    assertBoth(new double[] {NAN, -0.0, 0.0, -1.0, 1.0, -1.0, 1.0}, x -> x.clamp(-1, 1),
        "clamp(-1, 1)");
    assertBoth(new double[] {NAN, -0.0, 0.0, -1.5, 0.0, -INF, 0.0},
        x -> x.clamp(Double.NEGATIVE_INFINITY, 0), "clamp(-inf, 0)");
  }

  /**
   * ELU at −0.0 is +0.0, as PyTorch's eˣ − 1 gives there, not expm1's −0.0; with α = 0 a negative
   * x still gives −0.0, as PyTorch's (eˣ − 1)·0 does.
   */
  @Test
  void eluIsPositiveZeroAtNegativeZero() {
    for (DType type : DType.values()) {
      double[] y = X.to(type).elu(1).toArray();
      // Bit for bit (assertArrayEquals compares doubles' bits) but at x = −1.5, below.
      assertArrayEquals(new double[] {NAN, 0.0, 0.0, 2.0, -1.0, INF},
          new double[] {y[0], y[1], y[2], y[4], y[5], y[6]}, "elu(1) " + type);
      // PyTorch's eˣ − 1 and chainrule's expm1 may round apart: 1e-7 is two float32 ulps here.
      assertEquals(-0.7768698398515702, y[3], 1e-7, "elu(1) at -1.5 " + type);
      assertEquals(Tensor.vector(NAN, 0.0, 0.0, -0.0, 2.0, -0.0, INF).to(type),
          X.to(type).elu(0), "elu(0) " + type);
    }
  }

  @Test
  void signIsPositiveZeroAtBothZerosAndAtNaN() {
    assertBoth(new double[] {0.0, 0.0, 0.0, -1.0, 1.0, -1.0, 1.0}, Tensor::sign, "sign");
  }

  /**
   * relu keeps its kernel's max(x, 0), which gives +0.0 at −0.0 where PyTorch's relu (a clamp)
   * gives −0.0: a form that kept −0.0 took 4 to 7 times as long on the MLP's hot path.
   */
  @Test
  void reluGivesPositiveZeroAtNegativeZeroUnlikePyTorch() {
    assertBoth(new double[] {NAN, 0.0, 0.0, 0.0, 2.0, 0.0, INF}, Tensor::relu, "relu");
  }
}
