package dev.chainrule.optim;

import static dev.chainrule.optim.Fixtures.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every record {@link PlateauScheduler#state()} gives loads into a new scheduler, which goes on
 * as the saved one would have, with NaN and infinite figures too: a loss of −∞ improves on every
 * best and then stays the best (no figure improves on it), +∞ and NaN never improve. PyTorch's
 * {@code load_state_dict} takes such a record as it is.
 */
class PlateauSchedulerStateTest {
  private static final double NAN = Double.NaN;
  private static final double INF = Double.POSITIVE_INFINITY;
  /** Figures for a minimizing scheduler; a maximizing one is fed their negations. */
  private static final double[][] FIGURES = {
      {1.0, -INF, 0.5, 0.5, -INF, 0.4, 0.4, 0.4, 0.3},
      {NAN, NAN, INF, 2.0, NAN, 1.5, INF, -INF, NAN, 1.0, 1.0},
      {INF, INF, INF, NAN, 3.0, 3.0, 2.0, 2.0, 2.0, 2.0},
  };
  private static final PlateauReduction[] REDUCTIONS = {PlateauReduction.of(0.5, 1),
      PlateauReduction.of(0.5, 0).withCooldown(2), PlateauReduction.of(0.1, 2)
          .withAbsoluteThreshold(0.1).withCooldown(1)};

  private static Sgd sgd(double rate) {
    return Sgd.builder(rate).build(List.of(Variable.parameter(Tensor.vector(1.0), "w")));
  }

  private static PlateauScheduler scheduler(Optimizer optimizer, PlateauReduction reduction,
      boolean maximizing) {
    return maximizing ? PlateauScheduler.maximizing(optimizer, reduction)
        : PlateauScheduler.minimizing(optimizer, reduction);
  }

  /**
   * The rates after each figure, the scheduler saved and loaded into a new one after {@code at}.
   */
  private static List<Double> rates(double[] figures, PlateauReduction reduction,
      boolean maximizing, int at) {
    PlateauScheduler scheduler = scheduler(sgd(0.1), reduction, maximizing);
    List<Double> rates = new ArrayList<>();
    for (int e = 0; e < figures.length; e++) {
      if (e == at) {
        // A new optimizer at the saved rate (its state would bring it back) and a new scheduler.
        PlateauScheduler resumed = scheduler(sgd(scheduler.optimizer().learningRate()), reduction,
            maximizing);
        resumed.loadState(scheduler.state());
        assertEquals(scheduler.state(), resumed.state());
        scheduler = resumed;
      }
      rates.add(scheduler.step(maximizing ? -figures[e] : figures[e]));
    }
    return rates;
  }

  /** Rates compared exactly: the same doubles multiplied in the same order. */
  @Test
  void aRecordSavedAfterAnyFigureGoesOnAsTheUninterruptedScheduler() {
    for (boolean maximizing : new boolean[] {false, true}) {
      for (PlateauReduction reduction : REDUCTIONS) {
        for (double[] figures : FIGURES) {
          List<Double> whole = rates(figures, reduction, maximizing, -1);
          for (int at = 1; at < figures.length; at++) {
            assertEquals(whole, rates(figures, reduction, maximizing, at), (maximizing ? "max "
                : "min ") + reduction + ", saved after " + at + " figures of "
                + java.util.Arrays.toString(figures));
          }
        }
      }
    }
  }

  /** The audit's case: a loss of −∞, saved and loaded, then plain figures that cannot improve. */
  @Test
  void aBestOfTheInfinityNoFigureImprovesOnLoadsInEitherDirection() {
    PlateauScheduler minimizing = PlateauScheduler.minimizing(sgd(0.1), PlateauReduction.of(0.5,
        2));
    minimizing.step(1.0);
    minimizing.step(-INF);
    PlateauScheduler loaded = PlateauScheduler.minimizing(sgd(0.1), PlateauReduction.of(0.5, 2));
    loaded.loadState(minimizing.state());
    assertEquals(new PlateauScheduler.State(-INF, 0, 0), loaded.state());
    for (double rate : new double[] {0.1, 0.1, 0.05, 0.05, 0.05, 0.025}) {
      assertEquals(rate, loaded.step(-1e300), "nothing improves on −∞: a fall every 3 epochs");
    }
    PlateauScheduler maximizing = PlateauScheduler.maximizing(sgd(0.1), PlateauReduction.of(0.5,
        2));
    maximizing.loadState(new PlateauScheduler.State(INF, 1, 0));
    assertEquals(INF, maximizing.best());
    assertEquals(1, maximizing.badEpochs());
  }

  /** NaN is the one best no step gives: the record itself refuses it. */
  @Test
  void aNanBestAndRecordsOfOtherSettingsAreStillRefused() {
    assertMessage("PlateauScheduler: the best figure must not be NaN",
        () -> new PlateauScheduler.State(NAN, 0, 0));
    PlateauScheduler scheduler = PlateauScheduler.minimizing(sgd(0.1), PlateauReduction.of(0.5,
        2));
    assertMessage("PlateauScheduler: a record of 3 bad epochs cannot come from a patience of 2 (a"
        + " step past it reduces and counts from 0): it was kept under other settings than "
        + PlateauReduction.of(0.5, 2), () -> scheduler.loadState(
            new PlateauScheduler.State(-INF, 3, 0)));
    assertEquals(INF, scheduler.best(), "nothing changes on a refusal");
    // A cooldown longer than the scheduler's own would hold its reductions back for longer than
    // it was built to.
    PlateauReduction cooling = PlateauReduction.of(0.5, 2).withCooldown(2);
    PlateauScheduler cooled = PlateauScheduler.minimizing(sgd(0.1), cooling);
    assertMessage("PlateauScheduler: a record with 3 cooldown epochs left cannot come from a"
        + " cooldown of 2: it was kept under other settings than " + cooling,
        () -> cooled.loadState(new PlateauScheduler.State(1.0, 0, 3)));
    assertEquals(INF, cooled.best(), "nothing changes on a refusal");
  }
}
