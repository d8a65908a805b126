package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The fused activations' gradients against those of the compositions they replaced
 * ({@link ComposedActivations}): the first-order kernels (a pass that records nothing), the rules
 * recorded for higher orders, and the second derivatives, in both types, at ordinary values, at
 * the kinks (0) and in the tails. The kernels compute new formulas, so they agree to rounding,
 * not to the bit; each tolerance is a few ulps of the terms' magnitude, which is what a sum of
 * terms computed in another order can differ by where the terms cancel (GELU′ has a root at
 * x ≈ −0.75, where a relative bound would be meaningless).
 */
class FusedActivationGradientsTest {
  private static double[] values() {
    Random random = new Random(9);
    double[] values = new double[3_000];
    double[] edges = {0.0, -0.0, 1e-12, -1e-12, -0.7518, 3, -3, 9, -9, -30, 30, -200, 200};
    for (int i = 0; i < values.length; i++) {
      values[i] = i < edges.length ? edges[i] : random.nextGaussian() * (i % 2 == 0 ? 1.5 : 6);
    }
    return values;
  }

  /** ulps of float64 or float32 at 1: the terms of every rule here are of order 1 or smaller. */
  private static double ulp(DType type) {
    return type == DType.FLOAT64 ? Math.ulp(1.0) : Math.ulp(1f);
  }

  /** g·dy/dx, and the derivative of Σ v·(g·dy/dx) by x (the second order's vector product). */
  private static Tensor[] gradients(UnaryOperator<Variable> f, Tensor x, Tensor g, Tensor v,
      boolean recorded) {
    Variable p = Variable.parameter(x);
    Variable y = f.apply(p);
    Gradients.Options options = recorded
        ? Gradients.Options.creatingGraph() : Gradients.Options.defaults();
    Variable first = Gradients.of(List.of(y), List.of(p), List.of(Variable.constant(g)), options)
        .get(0);
    if (!recorded) {
      return new Tensor[] {first.value(), null};
    }
    Variable second = Gradients.of(first.mul(Variable.constant(v)).sum(), p).get(0);
    return new Tensor[] {first.value(), second.value()};
  }

  /**
   * First and second order of {@code fused} against {@code composed}, and the first-order kernel
   * against the recorded rule, each within {@code ulps} of the scale {@code |g|·(1 + |x|)²}.
   */
  private static void agree(String name, UnaryOperator<Variable> composed,
      UnaryOperator<Variable> fused, double ulps) {
    double[] values = values();
    Random random = new Random(3);
    double[] gs = new double[values.length];
    double[] vs = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      gs[i] = random.nextGaussian();
      vs[i] = random.nextGaussian();
    }
    for (DType type : DType.values()) {
      Tensor x = Tensor.vector(values).to(type);
      Tensor g = Tensor.vector(gs).to(type);
      Tensor v = Tensor.vector(vs).to(type);
      Tensor[] reference = gradients(composed, x, g, v, true);
      Tensor kernel = gradients(fused, x, g, v, false)[0];
      Tensor[] rule = gradients(fused, x, g, v, true);
      for (int i = 0; i < values.length; i++) {
        double xi = x.flatGet(i);
        double scale = Math.abs(g.flatGet(i)) * (1 + Math.abs(xi)) * (1 + Math.abs(xi));
        double tolerance = ulps * ulp(type) * scale;
        String at = name + " " + type + " at x = " + xi;
        double expected = reference[0].flatGet(i);
        assertEquals(expected, kernel.flatGet(i), tolerance, "first-order kernel, " + at);
        assertEquals(expected, rule[0].flatGet(i), tolerance, "recorded rule, " + at);
        double secondScale = Math.abs(vs[i]) / Math.abs(gs[i]) * (1 + xi * xi);
        assertEquals(reference[1].flatGet(i), rule[1].flatGet(i), tolerance * secondScale,
            "second order, " + at);
      }
    }
  }

  @Test
  void leakyReluIsExact() {
    // Selections and one product by α: the same roundings, so no tolerance.
    agree("leakyRelu", x -> ComposedActivations.leakyRelu(x, 0.2), x -> x.leakyRelu(0.2), 0);
  }

  @Test
  void eluAgreesWithItsComposition() {
    // (g·α)·e^min(x, 0) from the same exp kernel as the composition's expm1 rule: the same
    // products, but the composition's rule sums two branches' gradients, so allow 2 ulps.
    agree("elu", x -> ComposedActivations.elu(x, 1.7), x -> x.elu(1.7), 2);
  }

  @Test
  void geluAgreesWithItsComposition() {
    // Φ + x·φ with φ = e^(−x²/2)/√(2π) against the composition's chain through x·(−√½): the
    // exponent rounds differently (x² against (x·√½)²), which e^(…) turns into a relative error
    // of x²·ulp, hence the (1 + |x|)² scale; 8 ulps covers the few roundings of each form.
    agree("gelu", ComposedActivations::gelu, Variable::gelu, 8);
  }

  @Test
  void geluTanhAgreesWithItsComposition() {
    // s + x·2u′·s(1 − s) against the chain rule through pow, mul and sigmoid: u′ = √(2/π)(1 +
    // 3c·x²) rounds once more than the composition's product of factors, scaled by x.
    agree("geluTanh", ComposedActivations::geluTanh, Variable::geluTanh, 8);
  }

  /** ELU's conventions at the edges, from the first-order kernel: α at 0, g at NaN, no overflow. */
  @Test
  void eluKernelConventions() {
    Variable p = Variable.parameter(Tensor.vector(0.0, -0.0, Double.NaN, 1e300, -800));
    p.elu(1.7).sum().backward();
    double[] grad = p.grad().toArray();
    assertEquals(1.7, grad[0], 0, "α at +0.0");
    assertEquals(1.7, grad[1], 0, "α at −0.0");
    assertEquals(1, grad[2], 0, "g at NaN");
    assertEquals(1, grad[3], 0, "g at 1e300: e^min(x, 0) = 1 is never ∞");
    assertEquals(0, grad[4], 0, "αe^−800 underflows to 0");
    assertTrue(Double.doubleToRawLongBits(grad[4]) == 0, "+0.0 below the underflow");
  }
}
