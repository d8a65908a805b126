package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link ActivationF64}'s kernels (through {@link CompositeActivations}) in core's own tests,
 * which autograd's tests otherwise cover alone: the forwards with their saved factors against the
 * compositions they replaced, bit for bit, and the first-order gradients against their formulas
 * evaluated element by element here in float64. 5,000 elements: more than two of the kernels'
 * blocks of 2,048, the last one ragged.
 */
class ActivationKernelsTest {
  private static final int N = 5000;

  /** Signed zeros, NaN, tiny, tail and large values first, then Gaussians of spread 3. */
  private static Tensor inputs(DType dtype) {
    double[] edges = {0.0, -0.0, Double.NaN, 1e-30, -1e-30, -0.7518, 9, -9, -40, 40, -800, 1e4};
    SplittableRandom random = new SplittableRandom(5);
    double[] x = new double[N];
    for (int i = 0; i < N; i++) {
      x[i] = i < edges.length ? edges[i] : random.nextGaussian() * 3;
    }
    return Tensor.vector(x).to(dtype);
  }

  private static Tensor gradients(DType dtype) {
    return Tensor.vector(new SplittableRandom(6).doubles(N, -2, 2).toArray()).to(dtype);
  }

  /** Relative precision of the type: the kernels round every step in it. */
  private static double ulp(DType dtype) {
    return dtype == DType.FLOAT64 ? Math.ulp(1.0) : Math.ulp(1f);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void theGelusAndTheirFactorsAreTheCompositionsBits(DType dtype) {
    Tensor x = inputs(dtype);
    CompositeActivations.Parts gelu = CompositeActivations.geluParts(x);
    Tensor phi = x.mul(-CompositeActivations.SQRT_HALF).erfc().mul(0.5);
    assertEquals(phi, gelu.factor(), "Φ(x)");
    assertEquals(x.mul(phi), gelu.value(), "GELU");
    assertEquals(x.mul(phi), x.gelu(), "GELU without its factor");

    CompositeActivations.Parts tanh = CompositeActivations.geluTanhParts(x);
    Tensor gate = x.add(x.pow(3).mul(CompositeActivations.GELU_CUBIC))
        .mul(CompositeActivations.SQRT_TWO_OVER_PI).mul(2).sigmoid();
    assertEquals(gate, tanh.factor(), "σ(2u)");
    assertEquals(x.mul(gate), tanh.value(), "tanh GELU");
    assertEquals(x.mul(gate), x.geluTanh(), "tanh GELU without its factor");
  }

  /**
   * g·(Φ + x·φ(x)) and g·(s + x·2s(1 − s)·u′) from the saved factors: the kernels round a few
   * steps in the type, and e^(−x²/2) turns x²'s rounding into a relative x²·ulp, so 8 ulps of
   * |g|·(1 + |x|)² (autograd's FusedActivationGradientsTest allows the same).
   */
  @ParameterizedTest
  @EnumSource(DType.class)
  void theGeluGradientsAreTheirFormulas(DType dtype) {
    Tensor x = inputs(dtype);
    Tensor g = gradients(dtype);
    double[] xs = x.toArray();
    double[] gs = g.toArray();
    Tensor phi = CompositeActivations.geluParts(x).factor();
    Tensor sigma = CompositeActivations.geluTanhParts(x).factor();
    double[] cdf = phi.toArray();
    double[] gate = sigma.toArray();
    double[] gelu = CompositeActivations.geluBackward(g, x, phi).toArray();
    double[] tanh = CompositeActivations.geluTanhBackward(g, x, sigma).toArray();
    double norm = 1 / Math.sqrt(2 * Math.PI);
    for (int i = 0; i < N; i++) {
      double v = xs[i];
      if (v != v) {
        assertTrue(Double.isNaN(gelu[i]) && Double.isNaN(tanh[i]), dtype + " NaN at NaN");
        continue;
      }
      double tolerance = 8 * ulp(dtype) * Math.abs(gs[i]) * (1 + Math.abs(v)) * (1 + Math.abs(v));
      double expected = gs[i] * (cdf[i] + v * Math.exp(-v * v / 2) * norm);
      assertEquals(expected, gelu[i], tolerance, dtype + " GELU′ at " + v);
      double s = gate[i];
      double slope = (1 + 3 * CompositeActivations.GELU_CUBIC * v * v)
          * CompositeActivations.SQRT_TWO_OVER_PI;
      double spread = s * (1 - s);
      // Where σ′ is 0 the term is 0, its limit, not 0·∞ (the kernel's convention).
      double tanhExpected = gs[i] * (s + (spread == 0 ? 0 : v * 2 * spread * slope));
      assertEquals(tanhExpected, tanh[i], tolerance, dtype + " tanh GELU′ at " + v);
    }
  }

  /**
   * ELU′: g where x &gt; 0 or NaN, (g·α)·e^x elsewhere (0 included). The kernel's exponential is
   * within an ulp or two of Math.exp's and two products round after it: 4 ulps of the value.
   */
  @ParameterizedTest
  @EnumSource(DType.class)
  void theEluGradientIsItsFormula(DType dtype) {
    Tensor x = inputs(dtype);
    Tensor g = gradients(dtype);
    double alpha = 1.7;
    double[] xs = x.toArray();
    double[] gs = g.toArray();
    double[] out = CompositeActivations.eluBackward(g, x, alpha).toArray();
    for (int i = 0; i < N; i++) {
      double v = xs[i];
      double expected = v <= 0 ? gs[i] * (double) (float) alpha * Math.exp(v) : gs[i];
      if (dtype == DType.FLOAT64) {
        expected = v <= 0 ? gs[i] * alpha * Math.exp(v) : gs[i];
      }
      assertEquals(expected, out[i], 4 * ulp(dtype) * Math.abs(expected), dtype + " at " + v);
    }
  }

  /**
   * Leaky ReLU and its gradient select, so they are exact: x or g above 0, x·α or g·α elsewhere
   * (NaN included), with the signed zeros of those products. α = ±0.0 takes the kernels' gate
   * on the bits (0 + (−0.0) is +0.0 in the arithmetic one), as does float32's α = 1e39 (∞ in
   * float32) for the gradient, which takes any slope.
   */
  @ParameterizedTest
  @EnumSource(DType.class)
  void leakyReluAndItsGradientSelectExactly(DType dtype) {
    Tensor x = inputs(dtype);
    Tensor g = gradients(dtype);
    boolean f64 = dtype == DType.FLOAT64;
    double[] xs = x.toArray();
    double[] gs = g.toArray();
    for (double alpha : new double[] {0.2, -0.0, 0.0, -1.5, 1e39}) {
      double slope = f64 ? alpha : (float) alpha;
      double[] forward = new double[N];
      double[] backward = new double[N];
      for (int i = 0; i < N; i++) {
        forward[i] = xs[i] > 0 ? xs[i] : round(xs[i] * slope, f64);
        backward[i] = xs[i] > 0 ? gs[i] : round(gs[i] * slope, f64);
      }
      String what = dtype + " α = " + alpha;
      if (Double.isFinite(slope)) {
        assertEquals(Tensor.vector(forward).to(dtype), x.leakyRelu(alpha), what);
      }
      assertEquals(Tensor.vector(backward).to(dtype),
          CompositeActivations.leakyReluBackward(g, x, alpha), what + ", gradient");
    }
  }

  /** A product of two values of the type, rounded to it (float32's is exact in float64). */
  private static double round(double product, boolean f64) {
    return f64 ? product : (float) product;
  }
}
