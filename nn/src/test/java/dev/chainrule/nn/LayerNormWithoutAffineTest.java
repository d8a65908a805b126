package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import org.junit.jupiter.api.Test;

/**
 * {@code LayerNorm.of(shape, eps, false)}: no parameters, and values and input gradients those
 * of the normalization itself, against the formulas written out here. Over the last [3, 4] of a
 * [2, 3, 4] input, each sample's 12 values: x̂ = (x − μ)/√(σ² + ε) with the biased variance, and
 * for L = Σ c·x̂ the gradient (c − mean(c) − x̂·mean(c·x̂))/√(σ² + ε). Only this layer's
 * settings were tested before, not its values or gradients.
 */
class LayerNormWithoutAffineTest {
  private static final double EPS = 1e-5;
  private static final int ROWS = 2;
  private static final int WIDTH = 12;

  private static double[] input() {
    double[] x = new double[ROWS * WIDTH];
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.sin(i * 1.3) * (1 + i % 5);
    }
    return x;
  }

  /** x̂ (first ROWS·WIDTH entries) and ∂L/∂x (the next) for L = Σ c·x̂ with c = 0, 1, 2, …. */
  private static double[] expected(double[] x) {
    double[] out = new double[2 * x.length];
    for (int r = 0; r < ROWS; r++) {
      int from = r * WIDTH;
      double mean = 0;
      for (int k = 0; k < WIDTH; k++) {
        mean += x[from + k] / WIDTH;
      }
      double variance = 0;
      for (int k = 0; k < WIDTH; k++) {
        variance += (x[from + k] - mean) * (x[from + k] - mean) / WIDTH;
      }
      double inverse = 1 / Math.sqrt(variance + EPS);
      double meanC = 0;
      double meanCxHat = 0;
      for (int k = 0; k < WIDTH; k++) {
        double xHat = (x[from + k] - mean) * inverse;
        out[from + k] = xHat;
        meanC += (from + k) / (double) WIDTH;
        meanCxHat += (from + k) * xHat / WIDTH;
      }
      for (int k = 0; k < WIDTH; k++) {
        out[x.length + from + k] = (from + k - meanC - out[from + k] * meanCxHat) * inverse;
      }
    }
    return out;
  }

  /**
   * Values to 1e-12 in float64 (a handful of roundings of numbers near 1) and 2e-5 in float32
   * (its unit roundoff is 6e-8; the mean, the variance and the sums over 12 values each add a
   * few); gradients, up to about 10 here, to ten times that.
   */
  @Test
  void valuesAndGradientsAreTheNormalizationsWithNoParameters() {
    double[] x = input();
    double[] want = expected(x);
    for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
      double tolerance = dtype == DType.FLOAT64 ? 1e-12 : 2e-5;
      LayerNorm norm = LayerNorm.of(Shape.of(3, 4), EPS, false);
      assertTrue(norm.parameters().isEmpty(), "no weight or bias: " + norm.parameters());
      Variable input = Variable.parameter(Tensor.of(x, 2, 3, 4).to(dtype));
      Variable y = norm.forward(input);
      assertEquals(dtype, y.dtype());
      y.mul(Variable.constant(Tensors.arange(24).reshape(2, 3, 4).to(dtype))).sum().backward();
      double[] values = y.value().toArray();
      double[] grads = input.grad().toArray();
      for (int i = 0; i < x.length; i++) {
        assertEquals(want[i], values[i], tolerance, dtype + " value " + i);
        assertEquals(want[x.length + i], grads[i], tolerance * 10, dtype + " gradient " + i);
      }
    }
  }
}
