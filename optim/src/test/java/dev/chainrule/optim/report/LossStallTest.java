package dev.chainrule.optim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.optim.train.EpochResult;
import dev.chainrule.optim.train.History;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a run's training loss counts as standing still, at the rule's edges. */
class LossStallTest {
  @Test
  void aChangeOfAtMostAMillionthOfTheLossIsStandingStill() {
    // 1e6 · 1e-6 is exactly 1 in binary: a change of exactly the threshold stands still.
    assertTrue(LossStall.stalled(history(1e6, 1e6 - 1)));
    assertTrue(LossStall.stalled(history(1e6, 1e6 + 1)), "up or down");
    assertFalse(LossStall.stalled(history(1e6, 1e6 - 2)));
    assertTrue(LossStall.stalled(history(-1e6, -1e6 + 1)), "a loss of either sign");
    assertEquals("the training loss did not move in 2 epochs (1.00000e+06, then 999999)",
        LossStall.describe(history(1e6, 1e6 - 1)));
  }

  @Test
  void aSolvedLossOrTooLittleToJudgeIsNotStandingStill() {
    assertFalse(LossStall.stalled(history(1e-9, 1e-9)), "at the solved limit");
    assertTrue(LossStall.stalled(history(2e-9, 2e-9)), "just above it");
    assertFalse(LossStall.stalled(null));
    assertFalse(LossStall.stalled(history(0.7)), "one epoch");
    assertFalse(LossStall.stalled(history(Double.NaN, Double.NaN)));
    assertFalse(LossStall.stalled(history(0.7, Double.POSITIVE_INFINITY)));
    assertFalse(LossStall.stalled(history(Double.POSITIVE_INFINITY, 0.7)));
  }

  /**
   * The JSON field says whether two or more epochs stalled, and is null (not false) where there
   * is nothing to compare: no run, or a single epoch.
   */
  @Test
  void theFieldIsNullWithFewerThanTwoEpochs() {
    assertNull(LossStall.field(null), "no run");
    assertNull(LossStall.field(history(0.7)), "one epoch");
    assertEquals(Boolean.TRUE, LossStall.field(history(0.7, 0.7)));
    assertEquals(Boolean.FALSE, LossStall.field(history(0.7, 0.5)));
  }

  private static History history(double... losses) {
    List<EpochResult> epochs = new ArrayList<>();
    for (int e = 0; e < losses.length; e++) {
      epochs.add(new EpochResult(e, losses[e], 0.5, Double.NaN, Double.NaN, 0.1, 0.01, 4));
    }
    return new History(epochs, false, losses.length - 1);
  }
}
