package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * logSumExp's gradient is the softmax of its input, which depends only on differences of x. Taken
 * as e^(x − y) from the rounded output y it carried y's rounding, |y| times the type's epsilon:
 * 3e-4 relative in float32 at logits near −1e4 (PyTorch 1.13's rule gives the same), 1e-6 in
 * float64 at 1e10. Expected values are softmaxes of the exact differences, in float64.
 */
class LogSumExpGradientTest {
  /** softmax(d) for the differences d, in float64. */
  private static double[] softmax(double... d) {
    double total = 0;
    for (double v : d) {
      total += Math.exp(v);
    }
    double[] p = new double[d.length];
    for (int i = 0; i < d.length; i++) {
      p[i] = Math.exp(d[i]) / total;
    }
    return p;
  }

  private static void assertRelative(double[] expected, Tensor got, double relative) {
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], got.flatGet(i), relative * expected[i], "element " + i);
    }
  }

  @Test
  void float32GradientKeepsItsDigitsAtLargeLogits() {
    Variable x = Variable.parameter(Tensor.of(new float[] {-1e4f, -9999, -1e4f}, 3));
    x.logSumExp().backward();
    // A float32 exp, sum and division, each within a few ulps: 1e-6 relative (it was 3e-4).
    assertRelative(softmax(-1, 0, -1), x.grad(), 1e-6);
    assertEquals(DType.FLOAT32, x.grad().dtype());

    // Over an axis, without the kept dimension: e^−710 underflows float32 to 0, as it should.
    Variable rows = Variable.parameter(Tensor.of(new float[] {710, 709, 0}, 1, 3));
    rows.logSumExp(1, false).sum().backward();
    double[] want = softmax(0, -1, -710);
    assertRelative(new double[] {want[0], want[1]}, rows.grad(), 1e-6);
    assertEquals(0, rows.grad().flatGet(2), 0);
  }

  @Test
  void float64GradientKeepsItsDigitsAtLargeLogits() {
    Variable x = Variable.parameter(Tensor.vector(1e10, 1e10 + 1));
    x.logSumExp().backward();
    // A few float64 roundings: 1e-15 relative (it was 1e-6: y = 1e10 + 1.31 to half an ulp).
    assertRelative(softmax(-1, 0), x.grad(), 1e-15);
  }

  @Test
  void infiniteLogitsGiveWhatTheyGaveBefore() {
    // A +∞ logit takes the whole mass: its own share is ∞/∞ = NaN, the others' 0, as before and
    // as PyTorch's; an all −∞ group is NaN throughout (PyTorch: NaN).
    Variable x = Variable.parameter(Tensor.vector(Double.POSITIVE_INFINITY, 0));
    x.logSumExp().backward();
    assertEquals(Double.NaN, x.grad().flatGet(0));
    assertEquals(0, x.grad().flatGet(1), 0);
    Variable masked = Variable.parameter(Tensor.vector(Double.NEGATIVE_INFINITY,
        Double.NEGATIVE_INFINITY));
    masked.logSumExp().backward();
    assertEquals(Double.NaN, masked.grad().flatGet(0));
  }
}
