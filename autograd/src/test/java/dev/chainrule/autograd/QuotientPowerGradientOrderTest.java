package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The products in div's and pow's rules are taken in PyTorch's order, so that no intermediate
 * overflows or underflows where the gradient does not: div's ∂b is −g·((a / b) / b), not
 * −(g·a) / b² (a first-order pass reads a / b from the output y, the same value),
 * and pow's ∂a is g·(b·aᵇ⁻¹), not (g·b)·aᵇ⁻¹. Every expected value is PyTorch 1.13's, obtained by
 * running it once and written here as a literal.
 */
class QuotientPowerGradientOrderTest {
  private static Variable[] divided(double a, double b, double g, DType type) {
    Variable x = Variable.parameter(Tensor.scalar(a, type));
    Variable y = Variable.parameter(Tensor.scalar(b, type));
    x.div(y).backward(Tensor.scalar(g, type));
    return new Variable[] {x, y};
  }

  @Test
  void theDivisorsGradientDoesNotOverflowThroughGTimesY() {
    // g·y = 2·(−1.2e308) overflowed: ∞, where the gradient is 1.6e308.
    Variable[] v = divided(-Double.MAX_VALUE, 1.5, 2, DType.FLOAT64);
    assertEquals(1.5979494532109474e308, v[1].grad().item());
    assertEquals(1.3333333333333333, v[0].grad().item());
    v = divided(-3e38, 1.5, 2, DType.FLOAT32);
    assertEquals(2.666666513801486e38, v[1].grad().item());
  }

  @Test
  void theDivisorsGradientDoesNotUnderflowThroughGTimesY() {
    // g·y = 1e-60·1e-270 underflowed to 0, where the gradient is −1e-300.
    Variable[] v = divided(1e-300, 1e-30, 1e-60, DType.FLOAT64);
    assertEquals(-9.999999999999999e-301, v[1].grad().item());
  }

  /** Ordinary values: PyTorch's bits, which −(g·y) / b missed in five of six (float64). */
  @Test
  void ordinaryDivisorGradientsArePyTorchsBitForBit() {
    double[] a = {0.3, -1.7, 2.9, 1e-3, 123.456, -0.77};
    double[] b = {0.7, 3.1, -0.13, 7.7, 1.9, -2.3};
    double[] g = {1.1, 0.3, -2.7, 0.9, 3.3, 0.123};
    double[][] torch = {
        {-0.6734693877551022, 0.05306971904266389, 463.3136094674556, -1.5179625569235959e-05,
            -112.85451523545707, 0.01790359168241966},
        {-0.6734694838523865, 0.05306972563266754, 463.3136291503906, -1.5179626643657684e-05,
            -112.85452270507812, 0.017903592437505722}};
    DType[] types = {DType.FLOAT64, DType.FLOAT32};
    for (int t = 0; t < 2; t++) {
      Variable x = Variable.parameter(Tensor.vector(a).to(types[t]));
      Variable y = Variable.parameter(Tensor.vector(b).to(types[t]));
      x.div(y).backward(Tensor.vector(g).to(types[t]));
      assertEquals(Tensor.vector(torch[t]).to(types[t]), y.grad(), types[t].toString());
    }
  }

  @Test
  void theBasesGradientDoesNotOverflowThroughGTimesB() {
    // g·b = 2·1e308 overflowed to ∞, then ∞·0.5^(1e308 − 1) = ∞·0 = NaN; PyTorch gives 0.
    double[][] cases = {{0.5, 1e308}, {0.5, 3e38}};
    DType[] types = {DType.FLOAT64, DType.FLOAT32};
    for (int t = 0; t < 2; t++) {
      Variable base = Variable.parameter(Tensor.scalar(cases[t][0], types[t]));
      Variable exponent = Variable.parameter(Tensor.scalar(cases[t][1], types[t]));
      base.pow(exponent).backward(Tensor.scalar(2, types[t]));
      assertEquals(Tensor.scalar(0, types[t]), base.grad(), types[t].toString());
      assertEquals(Tensor.scalar(-0.0, types[t]), exponent.grad(), types[t].toString());
    }
  }
}
