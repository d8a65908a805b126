package dev.chainrule.optim;

import static dev.chainrule.optim.Fixtures.assertMessage;
import static dev.chainrule.optim.Fixtures.setGradient;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.HookHandle;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientClippingTest {
  /** Three parameters: gradients [3, 4] and [[12]] (a joint norm of √(9 + 16 + 144) = 13), none. */
  private static List<Variable> withGradients(Tensor first, Tensor second) {
    Variable a = Variable.parameter(Tensor.vector(0, 0), "a");
    Variable b = Variable.parameter(Tensor.of(new double[] {0}, 1, 1), "b");
    Variable frozen = Variable.parameter(Tensor.vector(1), "frozen");
    setGradient(a, first);
    setGradient(b, second);
    return List.of(a, b, frozen);
  }

  private static List<Variable> threeFourTwelve() {
    return withGradients(Tensor.vector(3, 4), Tensor.of(new double[] {12}, 1, 1));
  }

  @Test
  void globalNormScalesEveryGradientByTheSameFactor() {
    List<Variable> parameters = threeFourTwelve();
    assertEquals(13, GradientClipping.clipByNorm(parameters, 6.5), "the norm before clipping");
    assertEquals(Tensor.vector(1.5, 2), parameters.get(0).grad());   // factor 6.5/13 = 0.5
    assertEquals(Tensor.of(new double[] {6}, 1, 1), parameters.get(1).grad());
    assertNull(parameters.get(2).grad(), "a parameter without a gradient is skipped");
    assertEquals(6.5, GradientClipping.globalNorm(parameters));
  }

  @Test
  void aParameterListedTwiceIsRefused() {
    // Counted twice in the norm and scaled twice: [3, 4] clipped to 1 came out [0.06, 0.08].
    Variable p = threeFourTwelve().get(0);
    assertMessage("clipByNorm: parameter 1 is listed twice (each is clipped once)",
        () -> GradientClipping.clipByNorm(List.of(p, p), 1));
    assertMessage("clipByValue: parameter 1 is listed twice (each is clipped once)",
        () -> GradientClipping.clipByValue(List.of(p, p), 1));
    assertEquals(Tensor.vector(3, 4), p.grad(), "nothing clipped");
  }

  @Test
  void clippedNormIsTheMaximum() {
    List<Variable> parameters = threeFourTwelve();
    GradientClipping.clipByNorm(parameters, 1);
    // [3, 4, 12]/13; the norm of the result is 1 up to rounding in the factor and the squares.
    assertArrayEquals(new double[] {3.0 / 13, 4.0 / 13}, parameters.get(0).grad().toArray(), 1e-16);
    assertEquals(1, GradientClipping.globalNorm(parameters), 1e-15);
  }

  @Test
  void nothingChangesAtOrBelowTheThreshold() {
    for (double maxNorm : new double[] {13, 100}) {
      List<Variable> parameters = threeFourTwelve();
      assertEquals(13, GradientClipping.clipByNorm(parameters, maxNorm));
      assertEquals(Tensor.vector(3, 4), parameters.get(0).grad(), "bitwise");
      assertEquals(Tensor.of(new double[] {12}, 1, 1), parameters.get(1).grad(), "bitwise");
    }
  }

  @Test
  void normOfHugeAndTinyGradients() {
    // Squaring 4e200 overflows and squaring 4e-200 underflows; the norm is still 5e±200.
    assertEquals(5e200, GradientClipping.globalNorm(
        withGradients(Tensor.vector(3e200, 0), Tensor.of(new double[] {4e200}, 1, 1))), 1e185);
    assertEquals(5e-200, GradientClipping.globalNorm(
        withGradients(Tensor.vector(3e-200, 0), Tensor.of(new double[] {4e-200}, 1, 1))), 1e-215);
    assertEquals(0, GradientClipping.globalNorm(
        withGradients(Tensor.vector(0, 0), Tensor.of(new double[] {0}, 1, 1))));
  }

  @Test
  void aNonFiniteNormIsReturnedAndNothingChanges() {
    List<Variable> infinite = withGradients(Tensor.vector(Double.POSITIVE_INFINITY, 1),
        Tensor.of(new double[] {2}, 1, 1));
    assertEquals(Double.POSITIVE_INFINITY, GradientClipping.clipByNorm(infinite, 1));
    assertEquals(Tensor.vector(Double.POSITIVE_INFINITY, 1), infinite.get(0).grad());
    assertEquals(Tensor.of(new double[] {2}, 1, 1), infinite.get(1).grad());

    List<Variable> nan = withGradients(Tensor.vector(1, 1), Tensor.of(new double[] {Double.NaN},
        1, 1));
    assertEquals(Double.NaN, GradientClipping.clipByNorm(nan, 1));
    assertEquals(Tensor.vector(1, 1), nan.get(0).grad());
  }

  @Test
  void byValueClampsEachElement() {
    List<Variable> parameters = withGradients(Tensor.vector(3, -4),
        Tensor.of(new double[] {0.5}, 1, 1));
    GradientClipping.clipByValue(parameters, 2);
    assertEquals(Tensor.vector(2, -2), parameters.get(0).grad());
    assertEquals(Tensor.of(new double[] {0.5}, 1, 1), parameters.get(1).grad(), "inside: kept");
    assertNull(parameters.get(2).grad());
  }

  @Test
  void rejectsBadLimits() {
    assertMessage("clipByNorm: the maximum norm must be positive, got 0.0",
        () -> GradientClipping.clipByNorm(threeFourTwelve(), 0));
    assertMessage("clipByValue: the limit must be positive, got -1.0",
        () -> GradientClipping.clipByValue(threeFourTwelve(), -1));
    assertMessage("clipByValue: the limit must be positive, got 0.0",
        () -> GradientClipping.clipByValue(threeFourTwelve(), 0));
  }

  /** An empty gradient adds nothing to the norm and is left as it is. */
  @Test
  void anEmptyGradientIsSkipped() {
    Variable empty = Variable.parameter(Tensor.vector(), "empty");
    setGradient(empty, Tensor.vector());
    List<Variable> parameters = List.of(empty, threeFourTwelve().get(0));
    assertEquals(5, GradientClipping.globalNorm(parameters));
    assertEquals(5, GradientClipping.clipByNorm(parameters, 2.5));
    assertEquals(Tensor.vector(1.5, 2), parameters.get(1).grad());   // factor 2.5/5 = 0.5
    assertEquals(Tensor.vector(), empty.grad());
    assertEquals(0, GradientClipping.globalNorm(List.of(empty)));
  }

  @Test
  void aParameterUpdatedInBackwardIsRefused() {
    // Its gradient was spent in backward: the norm read 0.0 and nothing was clipped, silently.
    Variable a = Variable.parameter(Tensor.vector(1, 2), "a");
    Variable b = Variable.parameter(Tensor.vector(3, 4), "b");
    Optimizer sgd = Sgd.builder(0.1).build(List.of(a, b));
    try (HookHandle handle = sgd.updateInBackward()) {
      a.mul(b).sum().backward();
      for (Runnable clip : List.<Runnable>of(
          () -> GradientClipping.clipByNorm(sgd.parameters(), 1e-6),
          () -> GradientClipping.clipByValue(sgd.parameters(), 1e-6),
          () -> GradientClipping.globalNorm(sgd.parameters()))) {
        IllegalStateException e = assertThrows(IllegalStateException.class, clip::run);
        assertTrue(e.getMessage().matches("(clipByNorm|clipByValue|globalNorm): parameter 0"
            + " \\(a\\) \\[2\\] is updated in backward \\(Optimizer.updateInBackward\\(\\)\\),"
            + " which keeps no gradient .*"), e.getMessage());
      }
    }
    // Without the update in backward, the parameters keep gradients and clipping reads them.
    sgd.zeroGrad();
    a.mul(b).sum().backward();
    // a's gradient is b's value and b's is a's, both moved by the update in backward.
    double squares = 0;
    for (Variable p : List.of(a, b)) {
      for (double v : p.value().toArray()) {
        squares += v * v;
      }
    }
    assertEquals(Math.sqrt(squares), GradientClipping.globalNorm(sgd.parameters()), 1e-14,
        "four squares, summed in another order, and a root: a few ulps of about 5");
  }
}
