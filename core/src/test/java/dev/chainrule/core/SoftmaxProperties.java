package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Softmax and log-softmax against their definitions, on every axis, and at extreme logits. */
class SoftmaxProperties {

  record Case(Tensor x, int axis) {}

  @Provide
  Arbitrary<Case> cases() {
    return TensorArbitraries.tensors(4, 4).filter(x -> x.rank() > 0)
        .flatMap(x -> Arbitraries.integers().between(-x.rank(), x.rank() - 1)
            .map(axis -> new Case(x, axis)));
  }

  @Property
  void softmaxIsTheExponentialOfLogSoftmaxAndTheDefinition(@ForAll("cases") Case c) {
    Tensor x = c.x();
    Tensor definition = x.exp().div(x.exp().sum(c.axis(), true));
    Tensor softmax = x.softmax(c.axis());
    // Values in [−10, 10]: e^x/Σe^x is well conditioned there; a few roundings apart, 1e-12.
    assertTrue(softmax.allClose(definition, 1e-12, 1e-15), () -> softmax + " vs " + definition);
    assertTrue(x.logSoftmax(c.axis()).exp().allClose(softmax, 1e-12, 1e-15));
    assertTrue(softmax.sum(c.axis(), false).allClose(Tensors.ones(
        softmax.sum(c.axis(), false).shape()), 1e-14, 0));
  }

  /**
   * Rows are shifted by their largest element, wherever it sits: a shift by any other element
   * would overflow e^(x − m) here (e^1600 in float64, e^220 in float32) and give NaN.
   */
  @Example
  void rowsWhoseLargestElementComesLastStayFinite() {
    for (DType dtype : DType.values()) {
      double spread = dtype == DType.FLOAT64 ? 800 : 110;
      Tensor x = Tensor.matrix(new double[][] {{-spread, 0, spread}, {0, -spread, spread}})
          .to(dtype);
      Tensor oneHotLast = Tensor.matrix(new double[][] {{0, 0, 1}, {0, 0, 1}}).to(dtype);
      // e^−spread underflows to 0 in either type, so the results are exact.
      assertEquals(oneHotLast, x.softmax(-1), () -> dtype + " softmax");
      assertEquals(Tensor.matrix(new double[][] {{spread}, {spread}}).to(dtype),
          x.logSumExp(-1, true), () -> dtype + " logSumExp");
      assertEquals(x.sub(spread), x.logSoftmax(-1), () -> dtype + " logSoftmax");
    }
  }

  @Provide
  Arbitrary<Tensor> rowsWithSpecialValues() {
    Arbitrary<Double> element = Arbitraries.oneOf(Arbitraries.doubles().between(-1e3, 1e3),
        Arbitraries.of(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, -0.0,
            Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE));
    return TensorArbitraries.shapes(1, 3, 5).filter(s -> s.size() > 0).flatMap(shape ->
        element.list().ofSize(shape.size()).map(values -> Tensor.of(
            values.stream().mapToDouble(Double::doubleValue).toArray(), shape.dims())));
  }

  /**
   * Along the last axis log-softmax is one pass per row, (x − m) − log Σ e^(x − m) (PyTorch's
   * order; SoftmaxRowsTest checks its bits row by row). Against the composition it replaced, the
   * log-sum-exp subtracted by broadcasting, it differs only by that subtraction's rounding of
   * m + log s: at most an ulp of the larger of |x| and the result, counted twice for the two
   * roundings. Values that are not finite agree exactly, but in a row holding +∞, which has no
   * softmax: NaN throughout, as PyTorch gives it, where the composition has NaN only at the ∞.
   */
  @Property
  void logSoftmaxOfRowsIsTheBroadcastSubtractionToItsRounding(
      @ForAll("rowsWithSpecialValues") Tensor x) {
    for (DType dtype : DType.values()) {
      Tensor typed = x.to(dtype);
      double[] composed = typed.sub(typed.logSumExp(-1, true)).toArray();
      double[] rows = typed.logSoftmax(-1).toArray();
      assertEquals(typed.logSoftmax(-1), typed.logSoftmax(typed.rank() - 1));
      double[] in = typed.toArray();
      int length = typed.dim(typed.rank() - 1);
      for (int i = 0; i < rows.length; i++) {
        int from = i - i % length;
        if (Arrays.stream(in, from, from + length).anyMatch(v -> v == Double.POSITIVE_INFINITY)) {
          composed[i] = Double.NaN;
        }
        double a = composed[i];
        double b = rows[i];
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
          assertEquals(a, b, () -> dtype + " " + typed);
          continue;
        }
        double scale = Math.max(Math.abs(in[i]), Math.abs(a));
        double ulp = dtype == DType.FLOAT32 ? Math.ulp((float) scale) : Math.ulp(scale);
        int at = i;
        assertTrue(Math.abs(a - b) <= 2 * ulp, () -> dtype + " element " + at + " of " + typed
            + ": " + a + " against " + b);
      }
    }
  }

  @Example
  void extremeLogitsStayFinite() {
    Tensor x = Tensor.matrix(new double[][] {{1e4, 0, -1e4}, {-1e4, -1e4, -1e4}});
    Tensor p = x.softmax(-1);
    assertEquals(1.0, p.get(0, 0));
    assertEquals(0.0, p.get(0, 2));
    // Exact: three equal logits give e⁰ = 1 each, so 1/3 rounded once however it divides; and
    // −1e4 − 1e4 − log(1 + e^−1e4 + e^−2e4) is −2e4 − log 1, the exponentials underflowing to 0.
    assertEquals(1.0 / 3, p.get(1, 1));
    assertEquals(-2e4, x.logSoftmax(1).get(0, 2));
  }

  /**
   * Over an empty axis there is nothing to normalise: PyTorch returns an empty tensor of the same
   * shape, where asking logSumExp for the axis's (non-existent) total used to be refused.
   */
  @Example
  void anEmptyAxisGivesAnEmptyResultOfTheSameShapeAndType() {
    for (DType dtype : DType.values()) {
      Tensor rows = Tensors.zeros(Shape.of(2, 0), dtype);
      for (int axis : new int[] {1, -1, 0}) {
        assertEquals(rows, rows.softmax(axis), dtype + " softmax, axis " + axis);
        assertEquals(rows, rows.logSoftmax(axis), dtype + " logSoftmax, axis " + axis);
      }
      Tensor middle = Tensors.zeros(Shape.of(3, 0, 4), dtype);
      assertEquals(middle, middle.softmax(1), dtype + " softmax, a middle axis");
      assertEquals(middle, middle.logSoftmax(1), dtype + " logSoftmax, a middle axis");
    }
  }

  @Example
  void namesTheOperationForABadAxis() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> Tensors.zeros(2, 3).softmax(2));
    assertEquals("softmax: axis 2 out of range for shape [2, 3]", e.getMessage());
  }
}
