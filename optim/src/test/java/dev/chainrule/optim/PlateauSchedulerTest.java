package dev.chainrule.optim;

import static dev.chainrule.optim.Fixtures.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The plateau rule against PyTorch 1.13's {@code ReduceLROnPlateau} fed the same figures: the
 * rates after each {@code step(figure)} on an {@code SGD} built at the same rate. Both sides do
 * the same double arithmetic (rate·factor, max, a subtraction), so the rates are compared exactly.
 * {@code src/test/resources/torch/plateau_rates.py} prints them.
 */
class PlateauSchedulerTest {
  private static final double NAN = Double.NaN;
  private static final double INF = Double.POSITIVE_INFINITY;
  /** A plateau at 0.9 (0.89995 is within the relative 10⁻⁴), one at 0.8, a NaN, one at 0.7. */
  private static final double[] LOSSES = {1.0, 0.9, 0.9, 0.89995, 0.95, 0.8, 0.8, 0.8, 0.8, NAN,
      0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.69, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7};

  private static Sgd sgd(double rate) {
    return Sgd.builder(rate).build(List.of(Variable.parameter(Tensor.vector(1, 2), "w")));
  }

  private static void assertRates(double[] torch, PlateauScheduler scheduler, double[] figures) {
    for (int e = 0; e < figures.length; e++) {
      assertEquals(torch[e], scheduler.step(figures[e]), "after epoch " + e);
      assertEquals(torch[e], scheduler.optimizer().learningRate());
    }
  }

  @Test
  void halvesAfterMoreThanPatienceBadEpochs() {
    // ReduceLROnPlateau(SGD(lr=0.1), factor=0.5, patience=2)
    assertRates(new double[] {0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025,
        0.025, 0.025, 0.0125, 0.0125, 0.0125, 0.00625, 0.00625, 0.00625, 0.00625, 0.003125,
        0.003125, 0.003125, 0.0015625},
        PlateauScheduler.minimizing(sgd(0.1), PlateauReduction.of(0.5, 2)), LOSSES);
  }

  @Test
  void cooldownIgnoresBadEpochsAndTheFloorHolds() {
    // factor=0.5, patience=1, cooldown=2, min_lr=0.02: 0.025·0.5 is raised to the floor.
    assertRates(new double[] {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.025,
        0.025, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02},
        PlateauScheduler.minimizing(sgd(0.1),
            PlateauReduction.of(0.5, 1).withCooldown(2).withMinRate(0.02)), LOSSES);
  }

  /**
   * With groups the reduction, its floor and its eps act on the optimizer's one rate, which each
   * group scales (the README's deliberate difference): a group at scale 0.5 ends at half the
   * floor, 0.01, where PyTorch's {@code min_lr=0.02} floors every group's own rate at 0.02. Plain
   * SGD moves θ by exactly rate·scale·g here (g = 1, θ a small whole number): compared exactly.
   */
  @Test
  void withGroupsTheFloorIsTheOptimizersRateScaled() {
    Variable w = Variable.parameter(Tensor.vector(1.0), "w");
    Variable head = Variable.parameter(Tensor.vector(1.0), "head");
    Sgd sgd = Sgd.builder(0.05).group(ParameterGroup.of(List.of(head)).learningRateScale(0.5))
        .build(List.of(w, head));
    PlateauScheduler plateau = PlateauScheduler.minimizing(sgd,
        PlateauReduction.of(0.5, 0).withMinRate(0.02));
    for (double figure : new double[] {1, 1, 1, 1}) {
      plateau.step(figure);  // 0.05, then 0.025, then the floor 0.02 twice
    }
    assertEquals(0.02, sgd.learningRate());
    Fixtures.step(sgd, Tensor.vector(1.0), Tensor.vector(1.0));
    assertEquals(1 - 0.02, w.value().item());
    assertEquals(1 - 0.5 * 0.02, head.value().item());
  }

  @Test
  void aSchedulerSaysWhichWayItCountsAndWithWhatReduction() {
    PlateauReduction reduction = PlateauReduction.of(0.5, 2);
    PlateauScheduler down = PlateauScheduler.minimizing(sgd(0.1), reduction);
    PlateauScheduler up = PlateauScheduler.maximizing(sgd(0.1), reduction);
    assertFalse(down.higherIsBetter());
    assertTrue(up.higherIsBetter());
    assertSame(reduction, down.reduction());
    assertEquals(Double.NEGATIVE_INFINITY, up.best(), "every finite figure improves on it");
  }

  @Test
  void maximizingWithAnAbsoluteThreshold() {
    // mode='max', factor=0.1, patience=1, threshold=0.01, threshold_mode='abs'
    double[] accuracies = {0.5, 0.6, 0.605, 0.61, 0.62, 0.625, 0.7, 0.7, 0.705, 0.71, 0.72, 0.8,
        0.8, 0.8, 0.8};
    assertRates(new double[] {0.1, 0.1, 0.1, 0.010000000000000002, 0.010000000000000002,
        0.010000000000000002, 0.010000000000000002, 0.010000000000000002, 0.0010000000000000002,
        0.0010000000000000002, 0.0010000000000000002, 0.0010000000000000002,
        0.0010000000000000002, 0.00010000000000000003, 0.00010000000000000003},
        PlateauScheduler.maximizing(sgd(0.1), PlateauReduction.of(0.1, 1)
            .withAbsoluteThreshold(0.01)), accuracies);
  }

  @Test
  void epsSkipsTinyReductions() {
    // lr=1e-7, factor=0.5, patience=0: 1.25e-8 − 6.25e-9 ≤ 1e-8, so the rate stays.
    double[] torch = new double[LOSSES.length];
    Arrays.fill(torch, 1.25e-8);
    System.arraycopy(new double[] {1e-7, 1e-7, 5e-8, 2.5e-8}, 0, torch, 0, 4);
    assertRates(torch, PlateauScheduler.minimizing(sgd(1e-7), PlateauReduction.of(0.5, 0)),
        LOSSES);
  }

  @Test
  void aRelativeThresholdCountsASlightlyWorseNegativeFigureAsBetter() {
    // factor=0.5, patience=0: −0.9999 after −1.00005 "improves" (b·(1 − 10⁻⁴) lies above b),
    // and so does −2 after −2; only −1.5 after −2 is bad.
    PlateauScheduler scheduler = PlateauScheduler.minimizing(sgd(0.1), PlateauReduction.of(0.5, 0));
    assertRates(new double[] {0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.05, 0.025},
        scheduler, new double[] {-1.0, -1.00005, -1.00005, -0.99995, -0.9999, -0.9999, -2.0, -2.0,
            -2.0, -1.5, -1.99});
  }

  @Test
  void infiniteFiguresNeverImprove() {
    PlateauScheduler scheduler = PlateauScheduler.minimizing(sgd(0.1), PlateauReduction.of(0.5, 1));
    assertRates(new double[] {0.1, 0.05, 0.05, 0.05, 0.025, 0.025}, scheduler,
        new double[] {INF, INF, 3.0, INF, 3.0, 3.0});
    assertEquals(3.0, scheduler.best());
    assertEquals(1, scheduler.badEpochs(), "the last 3.0, after the reduction");
  }

  /**
   * The infinity on the side being sought is an improvement, as in PyTorch (−∞ < best·(1 − 10⁻⁴)
   * when minimizing): it becomes the best, which no later figure improves on, so the rate falls
   * from then on. The README once said infinities never improve.
   */
  @Test
  void theInfinityOnTheSideSoughtImprovesAsInPyTorch() {
    PlateauScheduler down = PlateauScheduler.minimizing(sgd(0.1), PlateauReduction.of(0.5, 1));
    assertRates(new double[] {0.1, 0.1, 0.1, 0.05, 0.05, 0.025}, down,
        new double[] {1.0, -INF, 0.5, 0.5, 0.5, 0.5});
    assertEquals(-INF, down.best());
    PlateauScheduler up = PlateauScheduler.maximizing(sgd(0.1), PlateauReduction.of(0.5, 1));
    assertRates(new double[] {0.1, 0.1, 0.1, 0.1, 0.05}, up,
        new double[] {1.0, 0.5, INF, INF, 0.2});
    assertEquals(INF, up.best());
  }

  @Test
  void settingsAreValuesWithPyTorchsDefaults() {
    assertEquals(new PlateauReduction(0.1, 10, 1e-4, true, 0, 0, 1e-8),
        PlateauReduction.of(0.1, 10));
    assertEquals("PlateauReduction[factor=0.5, patience=3, threshold=0.01,"
        + " relativeThreshold=false, cooldown=2, minRate=1.0E-5, eps=0.0]",
        PlateauReduction.of(0.5, 3).withAbsoluteThreshold(0.01).withCooldown(2).withMinRate(1e-5)
            .withEps(0).toString());
  }

  @Test
  void rejectsBadSettings() {
    assertMessage("plateau reduction: the factor must be in (0, 1), got 1.0",
        () -> PlateauReduction.of(1, 10));
    assertMessage("plateau reduction: the factor must be in (0, 1), got 0.0",
        () -> PlateauReduction.of(0, 10));
    assertMessage("plateau reduction: the patience must not be negative, got -1",
        () -> PlateauReduction.of(0.1, -1));
    assertMessage("plateau reduction: the relative threshold must be in [0, 1), got 1.0",
        () -> PlateauReduction.of(0.1, 10).withRelativeThreshold(1));
    assertMessage("plateau reduction: the absolute threshold must be in [0, ∞), got NaN",
        () -> PlateauReduction.of(0.1, 10).withAbsoluteThreshold(NAN));
    assertMessage("plateau reduction: the cooldown must not be negative, got -2",
        () -> PlateauReduction.of(0.1, 10).withCooldown(-2));
    assertMessage("plateau reduction: the minimum rate must be finite and non-negative, got"
        + " Infinity", () -> PlateauReduction.of(0.1, 10).withMinRate(INF));
    assertMessage("plateau reduction: eps must be finite and non-negative, got -1.0E-8",
        () -> PlateauReduction.of(0.1, 10).withEps(-1e-8));
  }

  @Test
  void aFigureExactlyAtTheThresholdIsNoImprovementInEitherDirectionOrKind() {
    // Thresholds of 0.5 around a best of 2 put every edge on a number a double holds exactly:
    // 2·(1 ± 0.5) = 1 and 3, 2 ± 0.5 = 1.5 and 2.5 (PyTorch's is_better compares strictly).
    PlateauReduction relative = PlateauReduction.of(0.5, 1).withRelativeThreshold(0.5);
    assertFalse(relative.improves(1.0, 2.0, false));
    assertTrue(relative.improves(Math.nextDown(1.0), 2.0, false));
    assertFalse(relative.improves(3.0, 2.0, true));
    assertTrue(relative.improves(Math.nextUp(3.0), 2.0, true));
    PlateauReduction absolute = PlateauReduction.of(0.5, 1).withAbsoluteThreshold(0.5);
    assertFalse(absolute.improves(1.5, 2.0, false));
    assertTrue(absolute.improves(Math.nextDown(1.5), 2.0, false), "1.4999… < 1.5, but 2·0.5 = 1");
    assertFalse(absolute.improves(2.5, 2.0, true));
    assertTrue(absolute.improves(Math.nextUp(2.5), 2.0, true), "2.5000… > 2.5, but 2·1.5 = 3");
  }

  @Test
  void aReductionOfExactlyEpsIsSkipped() {
    // 1 − 1·0.5 = 0.5 exactly: a reduction by eps or less is skipped (PyTorch's old − new > eps).
    assertEquals(1.0, PlateauReduction.of(0.5, 1).withEps(0.5).reduce(1.0), 0.0);
    assertEquals(0.5, PlateauReduction.of(0.5, 1).withEps(Math.nextDown(0.5)).reduce(1.0), 0.0);
  }
}
