package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * StepTrend's readings of central differences at steps h, h/10 and h/100 against the engine's
 * value, on numbers chosen so that each comparison is exact in binary (6.25 = 25 · 0.25,
 * 100 = 400 · 0.25) where a test sits on one of its bounds, which are inclusive or not as the
 * class says.
 */
class StepTrendTest {
  /** The comparison the engine's {@code analytical} and the central difference at h make. */
  private static Worst worst(double analytical, double numerical) {
    Worst worst = new Worst(GradCheck.Options.defaults(), Optional.empty(),
        (i, w) -> w.mul(analytical));
    Tensor one = Tensor.of(new double[] {1}, 1);
    worst.offer(0, 0, 0, one, one, 1e-6, analytical, numerical, 0);
    return worst;
  }

  @Test
  void differencesThatSettleAwayFromTheEngineDoNotScatter() {
    assertFalse(StepTrend.scatters(worst(2, 2.5), new double[] {2.5, 2.5}));
    // They move by 0.03 at most, the engine is 0.5 away: a wrong rule, not rounding.
    assertFalse(StepTrend.scatters(worst(0.5, 1), new double[] {1.01, 1.03}));
  }

  @Test
  void differencesThatSpreadMoreAtTheSmallerStepsScatter() {
    assertTrue(StepTrend.scatters(worst(1, 1), new double[] {1.3, 0.2}));
    // The spread, 1, equals the first difference's distance from the engine: enough.
    assertTrue(StepTrend.scatters(worst(1, 2), new double[] {2.5, 1.5}));
  }

  @Test
  void differencesMovingEquallyAtEachStepDoNotScatter() {
    // 1 → 2 → 3: as far between the smaller steps as between the larger ones, not farther.
    assertFalse(StepTrend.scatters(worst(1, 1), new double[] {2, 3}));
  }

  @Test
  void curvatureFallsBetween25And400TimesPerStep() {
    assertTrue(StepTrend.curves(worst(0, 6.25), new double[] {0.25, 0.01}, 0));
    assertTrue(StepTrend.curves(worst(0, 100), new double[] {0.25, 0.01}, 0));
    assertFalse(StepTrend.curves(worst(0, 1), new double[] {0.1, 0.001}, 0));
    assertFalse(StepTrend.curves(worst(0, 101), new double[] {0.25, 0.01}, 0));
    assertTrue(StepTrend.curves(worst(0, 1), new double[] {0.01, 1e-4}, 1));
  }

  @Test
  void quadraticNeedsMoreThan25TimesAtEachStep() {
    assertTrue(StepTrend.quadratic(new double[] {100, 1, 0.01}));
    assertFalse(StepTrend.quadratic(new double[] {6.25, 0.25, 0.0078125}));
    assertFalse(StepTrend.quadratic(new double[] {200, 6.25, 0.25}));
  }
}
