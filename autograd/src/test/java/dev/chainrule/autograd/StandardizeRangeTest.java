package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * standardize (layer and batch normalization) where the variance leaves the type's range: the
 * squares of huge values overflowed, so every output was 0 where it is about ±1 (PyTorch 1.13:
 * 0 in float32, NaN in float64), and at ε = 0 the squares of tiny ones underflowed, giving ±∞ and
 * NaN. The outputs are scale-free, so the expected values are those of the same values scaled
 * to 1 (computed here in float64); the gradients are the rule's closed form at those outputs.
 */
class StandardizeRangeTest {
  private static final double ROOT_TWO = Math.sqrt(2);

  /** y of [a, −a, 0, 0] over the last axis: (√2, −√2, 0, 0) whatever a (ε negligible). */
  private static void assertStandardOutputs(Tensor y, double relative, String what) {
    double[] want = {ROOT_TWO, -ROOT_TWO, 0, 0};
    for (int i = 0; i < want.length; i++) {
      assertEquals(want[i], y.flatGet(i), relative * ROOT_TWO, what + ", element " + i);
    }
  }

  /**
   * The gradient of Σ wᵢyᵢ for [a, −a, 0, 0]: (w − mean(w) − y·mean(w·y)) / σ, σ = a/√2.
   */
  private static double[] gradient(double a, double[] w) {
    double[] y = {ROOT_TWO, -ROOT_TWO, 0, 0};
    double meanW = 0;
    double meanWy = 0;
    for (int i = 0; i < 4; i++) {
      meanW += w[i] / 4;
      meanWy += w[i] * y[i] / 4;
    }
    double[] g = new double[4];
    for (int i = 0; i < 4; i++) {
      g[i] = (w[i] - meanW - y[i] * meanWy) / (a / ROOT_TWO);
    }
    return g;
  }

  private static Variable run(Tensor x, double eps) {
    return run(Variable.parameter(x), eps);
  }

  @Test
  void hugeFloat32ValuesStandardizeToAboutOneNotZero() {
    float a = 1e20f;
    Tensor x = Tensor.of(new float[] {a, -a, 0, 0}, 1, 4);
    Variable p = Variable.parameter(x);
    Variable y = p.standardize(new int[] {1}, 1e-5);
    // float32: a handful of roundings in u, its mean square, the root: 1e-6 relative.
    assertStandardOutputs(y.value(), 1e-6, "float32 at 1e20");
    y.mul(Variable.constant(Tensor.of(new float[] {1, 2, 3, 4}, 1, 4))).sum().backward();
    double[] want = gradient(a, new double[] {1, 2, 3, 4});
    for (int i = 0; i < 4; i++) {
      // 1e-6 of the largest entry: the rule's differences of float32 values near 1.
      assertEquals(want[i], p.grad().flatGet(i), 1e-6 * Math.abs(want[3]), "gradient " + i);
    }
    assertEquals(DType.FLOAT32, p.grad().dtype());
  }

  @Test
  void hugeFloat64ValuesStandardizeToAboutOneNotZero() {
    Variable y = run(Tensor.of(new double[] {1e200, -1e200, 0, 0}, 1, 4), 1e-5);
    // a few float64 roundings: 1e-15 relative
    assertStandardOutputs(y.value(), 1e-15, "float64 at 1e200");
  }

  @Test
  void tinyValuesAtEpsZeroStandardizeToAboutOne() {
    // The squares underflowed to 0: ±∞ and NaN.
    assertStandardOutputs(run(Tensor.of(new double[] {1e-200, -1e-200, 0, 0}, 1, 4), 0).value(),
        1e-15, "float64 at 1e-200");
    // The mean square was a subnormal 5e-321, with 3 significant digits: 6e-6 off.
    assertStandardOutputs(run(Tensor.of(new double[] {1e-160, -1e-160, 0, 0}, 1, 4), 0).value(),
        1e-15, "float64 at 1e-160");
    float a = 1e-30f;
    assertStandardOutputs(run(Tensor.of(new float[] {a, -a, 0, 0}, 1, 4), 0).value(), 1e-6,
        "float32 at 1e-30");
  }

  /**
   * A recorded rule (for a higher order) recomputes the scale from x as variables: it rescales as
   * the forward does, so its first-order gradient is the unrecorded rule's, not 0 from var = ∞.
   */
  @Test
  void theRecordedRuleRescalesAsTheForwardDoes() {
    for (double a : new double[] {1e200, 1e-200}) {
      Tensor x = Tensor.of(new double[] {a, -a, 0, 0}, 1, 4);
      Variable p = Variable.parameter(x);
      Variable y = p.standardize(new int[] {1}, 0);
      Variable loss = y.mul(Variable.constant(Tensor.of(new double[] {1, 2, 3, 4}, 1, 4))).sum();
      Tensor recorded = Gradients.of(List.of(loss), List.of(p), null,
          Gradients.Options.creatingGraph()).get(0).value();
      double[] want = gradient(a, new double[] {1, 2, 3, 4});
      for (int i = 0; i < 4; i++) {
        // a few float64 roundings of values near 1, over σ: 1e-15 of the largest entry
        assertEquals(want[i], recorded.flatGet(i), 1e-15 * Math.abs(want[3]), a + ", " + i);
      }
    }
  }

  /**
   * Beside a group out of range, the others are computed as they would be alone: a tiny but
   * in-range group divided by its own largest |x − x̄| (1e-160) made (√ε/p)² overflow and its
   * outputs and gradient 0, where they are about 1e-160/√ε and 1/√ε.
   */
  @Test
  void groupsInRangeBesideOneOutOfRangeAreUntouched() {
    Tensor x = Tensor.of(new double[] {1e200, -1e200, 0, 0, 1e-160, -1e-160, 0, 0, 5, 5, 5, 5},
        3, 4);
    Variable p = Variable.parameter(x);
    run(p, 1e-5);
    for (int row = 1; row < 3; row++) {
      Tensor alone = x.slice(0, row, row + 1);
      Variable q = Variable.parameter(alone);
      Variable y = run(q, 1e-5);
      for (int i = 0; i < 4; i++) {
        // The same operations on the same numbers (a divisor of 1, ε itself): the same bits.
        assertEquals(y.value().flatGet(i), standardized(x).flatGet(4 * row + i), 0,
            "output " + row + ", " + i);
        assertEquals(q.grad().flatGet(i), p.grad().flatGet(4 * row + i), 0,
            "gradient " + row + ", " + i);
      }
    }
    assertStandardOutputs(standardized(x), 1e-15, "the group at 1e200 beside them");
  }

  @Test
  void constantGroupsKeepTheirUsualValues() {
    // ε > 0: 0 / √ε = 0. ε = 0: 0 / 0 = NaN, as before and as PyTorch; beside a group out of
    // range (the rescaled pass) as alone.
    for (double[] rows : new double[][] {{5, 5, 5, 5}, {5, 5, 5, 5, 1e200, -1e200, 0, 0}}) {
      Tensor x = Tensor.of(rows, rows.length / 4, 4);
      assertEquals(0, run(x, 1e-5).value().flatGet(0), 0);
      assertEquals(Double.NaN, run(x, 0).value().flatGet(0));
    }
    // An infinite input stays NaN (∞ − ∞ in the centring).
    assertEquals(Double.NaN, run(Tensor.of(new double[] {Double.POSITIVE_INFINITY, 0, 0, 0}, 1,
        4), 1e-5).value().flatGet(1));
  }

  private static Tensor standardized(Tensor x) {
    return Variable.constant(x).standardize(new int[] {1}, 1e-5).value();
  }

  private static Variable run(Variable p, double eps) {
    Variable y = p.standardize(new int[] {1}, eps);
    Tensor w = Tensor.of(new double[] {1, 2, 3, 4}, 1, 4).to(p.dtype());
    y.mul(Variable.constant(w)).sum().backward();
    return y;
  }
}
