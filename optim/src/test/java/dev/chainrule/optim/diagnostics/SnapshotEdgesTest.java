package dev.chainrule.optim.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import org.junit.jupiter.api.Test;

/**
 * Activation snapshots of an unbounded function: the histogram's bins span the values seen (or a
 * unit range around a single value, or around 0 when none is finite), and empty or misshapen
 * values are refused by name.
 */
class SnapshotEdgesTest {
  /** Centres and fractions are sums of a few binary fractions: exact to a few ulps of 4. */
  private static final double TOLERANCE = 1e-12;

  private static void assertCentres(double first, double last, ActivationSnapshot snapshot) {
    Tensor centres = snapshot.binCentres();
    assertEquals(ActivationSnapshot.BINS, centres.size());
    assertEquals(first, centres.get(0), TOLERANCE);
    assertEquals(last, centres.get(ActivationSnapshot.BINS - 1), TOLERANCE);
  }

  @Test
  void binsSpanTheValuesSeen() {
    // [0, 4] in 40 bins of 0.1: centres 0.05 to 3.95; 0 in the first bin, 4 in the last.
    ActivationSnapshot snapshot = ActivationSnapshot.of("hidden 1", Activation.Kind.RELU,
        Tensor.matrix(new double[][] {{0, 4}, {0, 4}}));
    assertCentres(0.05, 3.95, snapshot);
    assertEquals(0.5, snapshot.fractions().get(0), TOLERANCE);
    assertEquals(0.5, snapshot.fractions().get(ActivationSnapshot.BINS - 1), TOLERANCE);
  }

  @Test
  void aSingleValueGetsAUnitRangeAroundIt() {
    ActivationSnapshot snapshot = ActivationSnapshot.of("hidden 1", Activation.Kind.RELU,
        Tensor.matrix(new double[][] {{2, 2}}));
    assertCentres(1.5 + 0.0125, 2.5 - 0.0125, snapshot);
  }

  @Test
  void noFiniteValueGetsAUnitRangeAroundZero() {
    ActivationSnapshot snapshot = ActivationSnapshot.of("hidden 1", Activation.Kind.RELU,
        Tensor.matrix(new double[][] {{Double.NaN, Double.POSITIVE_INFINITY}}));
    assertCentres(-0.5 + 0.0125, 0.5 - 0.0125, snapshot);
    assertEquals(0.0, snapshot.fractions().sum().item());
  }

  @Test
  void valuesMustBeANonEmptyMatrix() {
    assertEquals("activation snapshot: hidden 2: values must be [N, U] and not empty, got [0, 3]",
        assertThrows(IllegalArgumentException.class, () -> ActivationSnapshot.of("hidden 2",
            Activation.Kind.TANH, Tensors.zeros(0, 3))).getMessage());
    assertEquals("activation snapshot: hidden 2: values must be [N, U] and not empty, got [3]",
        assertThrows(IllegalArgumentException.class, () -> ActivationSnapshot.of("hidden 2",
            Activation.Kind.TANH, Tensors.zeros(3))).getMessage());
  }

  @Test
  void probeInputsNeedARow() {
    Sequential model = Sequential.of(Dense.of(2, 2, 1L), Activation.tanh(), Dense.of(2, 1, 2L));
    assertEquals("gradient flow: probe inputs must be [N, F] with N at least 1, got [0, 2]",
        assertThrows(IllegalArgumentException.class,
            () -> GradientFlow.of(model, Tensors.zeros(0, 2))).getMessage());
  }
}
