package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
  /** A tolerance of {@code share} of |expected|; 0 at NaN, which must then be NaN itself. */
  private static double relative(double share, double expected) {
    return Double.isNaN(expected) ? 0 : share * Math.abs(expected);
  }

  @Test
  void finiteLogitsNextToInfinityGetZeroPastExpsOverflow() {
    // A finite logit past exp's overflow in a group holding +∞ had ∞/∞ = NaN (the shift was 0).
    // PyTorch 1.13, torch.logsumexp(x, 0).backward(): [0, nan, 0] in both types.
    Variable single = Variable.parameter(Tensor.of(new float[] {100, Float.POSITIVE_INFINITY, 1},
        3));
    single.logSumExp().backward();
    assertArrayEquals(new double[] {0, Double.NaN, 0}, single.grad().toArray());
    assertEquals(DType.FLOAT32, single.grad().dtype());
    Variable axis = Variable.parameter(Tensor.vector(710, Double.POSITIVE_INFINITY, 1));
    axis.logSumExp(0, false).backward();
    assertArrayEquals(new double[] {0, Double.NaN, 0}, axis.grad().toArray());
  }

  @Test
  void onlyTheGroupsHoldingInfinityChangeTheirShift() {
    double inf = Double.POSITIVE_INFINITY;
    Variable x = Variable.parameter(Tensor.matrix(new double[][] {
        {710, inf, 1}, {710, 709, 1}, {inf, -inf, -inf}, {-inf, -inf, -inf}}));
    x.logSumExp(1, false).sum().backward();
    // PyTorch 1.13, torch.logsumexp(x, 1).sum().backward(), gives rows 0, 2 and 3 as here; its
    // row 1, e^(x − y), carries y's rounding (0.7310585786300168, 1.6e-14 off): the exact
    // softmax is expected there, as in the tests above.
    double[] finiteRow = softmax(0, -1, -709);
    double[][] rows = {{0, Double.NaN, 0}, finiteRow,
        {Double.NaN, 0, 0}, {Double.NaN, Double.NaN, Double.NaN}};
    for (int row = 0; row < 4; row++) {
      for (int col = 0; col < 3; col++) {
        // A few float64 roundings in exp, sum and division: 1e-15 relative.
        assertEquals(rows[row][col], x.grad().get(row, col), relative(1e-15, rows[row][col]),
            "element " + row + ", " + col);
      }
    }
    // Over the first axis of float32, columns: PyTorch gives [[0, 0.2119416], [nan, 0.5761170],
    // [0, 0.2119416]].
    Variable columns = Variable.parameter(Tensor.of(
        new float[] {100, 1, Float.POSITIVE_INFINITY, 2, 1, 1}, 3, 2));
    columns.logSumExp(0, false).sum().backward();
    double[] want = {0, 0.21194159984588623, Double.NaN, 0.5761169791221619, 0,
        0.21194159984588623};
    for (int i = 0; i < want.length; i++) {
      // A float32 exp, sum and division: 1e-6 relative.
      assertEquals(want[i], columns.grad().flatGet(i), relative(1e-6, want[i]), "element " + i);
    }
  }
}
