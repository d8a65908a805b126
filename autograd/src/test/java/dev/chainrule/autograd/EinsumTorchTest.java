package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * einsum's values and gradients against PyTorch 1.13's. Each expected array was printed by
 * {@code torch.einsum(eq, *xs)} on float64 inputs {@code xs} made by {@link #input} (the same
 * integers divided by 10 in both, so the inputs are the same doubles), followed by {@code (y *
 * w).sum().backward()} with {@code w} made by {@link #weights}: y, then each operand's grad.
 *
 * <p>Tolerance 1e-13 absolute: the elements sum at most 12 products of at most three factors
 * below 1.2 in magnitude, whose rounding in another order than torch's is below 12 · 2⁻⁵³ ·
 * 12 · 1.2³ ≈ 3e-14; a wrong element (a missing term, a wrong diagonal) is off by 0.01 at least.
 */
class EinsumTorchTest {
  private static final double TOLERANCE = 1e-13;

  /** Operand k's element i: ((7i + 3k) mod 23 − 11) / 10, in [−1.1, 1.1]. */
  static Tensor input(int k, int... dims) {
    double[] values = new double[Shape.of(dims).size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = ((7 * i + 3 * k) % 23 - 11) / 10.0;
    }
    return Tensor.of(values, dims);
  }

  /** The cotangent's element i: ((5i) mod 17 − 6) / 10. */
  static Tensor weights(int... dims) {
    double[] values = new double[Shape.of(dims).size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = (5 * i % 17 - 6) / 10.0;
    }
    return Tensor.of(values, dims);
  }

  @Test
  void attentionScores() {
    check("bqd,bkd->bqk", new int[][] {{2, 2, 3}, {2, 3, 3}}, new int[] {2, 2, 3},
        new double[] {1.1, 1.3400000000000003, -0.9500000000000002, -0.6799999999999999, -0.78,
            1.4200000000000002, 1.28, 1.3, 1.3200000000000003, 1.24, 1.3800000000000001, 1.52},
        new double[] {1.02, -0.11000000000000001, -0.32, -0.20000000000000007, -0.10000000000000002,
            0.4600000000000001, 0.28, -0.039999999999999925, 0.1, 1.0499999999999998, -1.03, -0.12},
        new double[] {1.56, -0.30000000000000004, -0.08999999999999998, -0.18999999999999997, 0.22,
            -0.06, -0.24000000000000005, -0.28, 0.14, 0.8599999999999999, -1.06,
            -0.21999999999999997, 0.19999999999999996, -0.6, -0.25, -0.12, 0.2, 0.06});
  }

  @Test
  void bilinearForm() {
    check("i,ij,j->", new int[][] {{3}, {3, 4}, {4}}, new int[] {},
        new double[] {-2.575},
        new double[] {-0.972, -0.9420000000000001, 0.33},
        new double[] {-0.33, 0.132, 0.5940000000000001, -0.462, -0.12, 0.048, 0.21600000000000003,
            -0.168, 0.09, -0.036, -0.162, 0.126},
        new double[] {-0.636, -0.132, 0.786, -0.78});
  }

  @Test
  void diagonal() {
    check("ii->i", new int[][] {{3, 3}}, new int[] {3},
        new double[] {-1.1, -0.6, -0.1},
        new double[] {-0.6, 0.0, 0.0, 0.0, -0.1, 0.0, 0.0, 0.0, 0.4});
  }

  @Test
  void trace() {
    check("ii", new int[][] {{3, 3}}, new int[] {},
        new double[] {-1.8000000000000003},
        new double[] {-0.6, 0.0, 0.0, 0.0, -0.6, 0.0, 0.0, 0.0, -0.6});
  }

  @Test
  void batchedProductWithBroadcastEllipsis() {
    check("...ij,...jk", new int[][] {{2, 1, 2, 3}, {3, 3, 2}}, new int[] {2, 3, 2, 2},
        new double[] {0.5500000000000002, 0.63, -1.1900000000000002, 0.54, -1.5000000000000002,
            0.19, 0.9100000000000001, -1.04, -1.02, 0.67, 0.71, -1.24, -1.09, 0.6799999999999999,
            -0.9900000000000001, 0.82, 0.79, -1.12, 0.67, -1.2, 0.83, -1.08, 0.95, -0.92},
        new double[] {-0.39, 0.11000000000000001, 0.14999999999999997, 1.4899999999999998, -1.27,
            -1.27, 1.54, -1.3699999999999999, -1.06, -0.49, 0.31000000000000005, -0.27},
        new double[] {1.06, 1.7100000000000002, 0.16000000000000003, -1.2400000000000002,
            -0.04999999999999999, -0.05, 1.45, -0.96, -0.68, 0.29999999999999993, -0.05, -0.05,
            1.8400000000000003, -0.5700000000000001, -1.52, -0.54, -0.05, -0.04999999999999999});
  }

  @Test
  void sizeOneLabelBroadcasts() {
    check("ij,jk", new int[][] {{2, 1}, {3, 4}}, new int[] {2, 4},
        new double[] {0.9900000000000002, -1.3200000000000003, -1.1000000000000003,
            1.6500000000000001, 0.3600000000000001, -0.4800000000000001, -0.40000000000000013,
            0.6000000000000001},
        new double[] {-0.5299999999999999, 1.96},
        new double[] {0.78, 0.03, -0.72, -0.79, 0.78, 0.03, -0.72, -0.79, 0.78, 0.03, -0.72,
            -0.79});
  }

  @Test
  void diagonalOfThreeAxes() {
    check("iji->j", new int[][] {{2, 3, 2}}, new int[] {3},
        new double[] {-1.9000000000000001, 0.8999999999999999, -0.8999999999999999},
        new double[] {-0.6, 0.0, -0.1, 0.0, 0.4, 0.0, 0.0, -0.6, 0.0, -0.1, 0.0, 0.4});
  }

  @Test
  void outerProduct() {
    check("i,j", new int[][] {{2}, {3}}, new int[] {2, 3},
        new double[] {0.8800000000000001, 0.11000000000000001, -0.66, 0.32000000000000006,
            0.04000000000000001, -0.24},
        new double[] {0.73, -0.5700000000000001},
        new double[] {0.3, 0.23, -0.52});
  }

  @Test
  void threeOperandsLeftToRight() {
    check("ij,jk,kl->il", new int[][] {{2, 3}, {3, 2}, {2, 2}}, new int[] {2, 2},
        new double[] {0.292, -0.3309999999999999, 1.0810000000000002, -0.6160000000000001},
        new double[] {-0.17699999999999996, 0.638, -0.272, 0.04299999999999999, 0.25799999999999995,
            -0.102},
        new double[] {-0.32799999999999996, 0.24700000000000016, -0.09999999999999999, 0.35,
            0.08199999999999999, -0.168},
        new double[] {-0.8060000000000002, -1.1260000000000001, -0.16199999999999998,
            0.42300000000000004});
  }


  /**
   * Empty axes give torch's shapes (printed by torch.einsum on ones of these shapes) and zeros:
   * an empty summed label against one of size 1 too, and an empty diagonal.
   */
  @Test
  void emptyAxes() {
    empty("ij,jk", new int[] {2, 4}, new int[] {2, 0}, new int[] {0, 4});
    empty("ij,jk", new int[] {2, 4}, new int[] {2, 1}, new int[] {0, 4});
    empty("ii->i", new int[] {0}, new int[] {0, 0});
    empty("i,j", new int[] {0, 3}, new int[] {0}, new int[] {3});
    empty("bij,bjk->bik", new int[] {0, 2, 4}, new int[] {1, 2, 3}, new int[] {0, 3, 4});
    empty("...i,...i->...", new int[] {0}, new int[] {0, 3}, new int[] {1, 3});
  }

  private static void empty(String equation, int[] dims, int[]... shapes) {
    Variable[] operands = new Variable[shapes.length];
    for (int k = 0; k < shapes.length; k++) {
      operands[k] = Variable.parameter(Tensor.of(new double[Shape.of(shapes[k]).size()],
          shapes[k]).add(1));
    }
    Variable result = Variables.einsum(equation, operands);
    assertArrayEquals(dims, result.shape().dims(), equation);
    assertClose(new double[result.value().size()], result.value(), equation);
  }

  /**
   * A second derivative: with f = Σ (a·b)², d/db ⟨∂f/∂a, v⟩ for v = {@link #weights}, as torch
   * gives it from {@code grad(f, a, create_graph=True)} and {@code grad((ga * v).sum(), b)}.
   */
  @Test
  void secondDerivativeOfAMatrixProduct() {
    Variable a = Variable.parameter(input(0, 2, 3));
    Variable b = Variable.parameter(input(1, 3, 2));
    Variable f = Variables.einsum("ij,jk->ik", a, b).square().sum();
    Variable ga = Gradients.of(List.of(f), List.of(a), null, Gradients.Options.creatingGraph())
        .get(0);
    Variable hb = Gradients.of(ga.mul(Variable.constant(weights(2, 3))).sum(), b).get(0);
    assertClose(new double[] {-5.3820000000000014, 0.09199999999999986, 1.5160000000000002,
        -1.054, -0.04799999999999999, 0.97}, hb.value(), "d/db <df/da, v>");
  }

  private static void check(String equation, int[][] shapes, int[] dims, double[] y,
      double[]... grads) {
    Variable[] operands = new Variable[shapes.length];
    for (int k = 0; k < shapes.length; k++) {
      operands[k] = Variable.parameter(input(k, shapes[k]));
    }
    Variable result = Variables.einsum(equation, operands);
    assertArrayEquals(dims, result.shape().dims(), equation);
    assertClose(y, result.value(), equation + " value");
    List<Variable> gradients = Gradients.of(
        result.mul(Variable.constant(weights(dims))).sum(), operands);
    for (int k = 0; k < shapes.length; k++) {
      assertClose(grads[k], gradients.get(k).value(), equation + " gradient of operand " + k);
    }
  }

  private static void assertClose(double[] expected, Tensor actual, String what) {
    double[] got = actual.toArray();
    assertTrue(expected.length == got.length, what + ": " + got.length + " elements");
    for (int i = 0; i < got.length; i++) {
      int e = i;
      assertTrue(Math.abs(got[i] - expected[i]) <= TOLERANCE, () -> what + " element " + e
          + ": " + got[e] + " vs torch's " + expected[e] + "\n" + Arrays.toString(got));
    }
  }
}
