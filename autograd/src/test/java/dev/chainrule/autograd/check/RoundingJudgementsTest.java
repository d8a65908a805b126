package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Rounding's small judgements on their own, on numbers exact in binary where a test sits on a
 * bound: within rounding's share is inclusive, beyond it is not; central differences agree with
 * each other within the check's tolerance inclusive, as the check's own comparisons pass, and
 * disagree with the engine only beyond it.
 */
class RoundingJudgementsTest {
  @Test
  void onlyADisagreementBeyondRoundingsShareIsBeyondIt() {
    assertTrue(Rounding.beyond(1, 1.5, 0.25));
    assertTrue(Rounding.beyond(1, 0.5, 0.25));
    assertFalse(Rounding.beyond(1, 1.5, 0.5));
    assertFalse(Rounding.beyond(1, 1.25, 0.5));
  }

  /**
   * evident: within 2·2⁻⁵³·2|value| / 2·step, which for a value of 2⁵² at step 1 is exactly 1.
   */
  @Test
  void aDisagreementEvidentlyRoundingIncludesItsBound() {
    double value = 0x1p52;
    assertTrue(Rounding.evident(1, value, 1));
    assertTrue(Rounding.evident(1, -value, 1));
    assertFalse(Rounding.evident(1.5, value, 1));
    assertTrue(Rounding.evident(2, value, 0.5));
  }

  /**
   * With atol 1 and rtol 0 a violation is |a − n| itself. Differences 2 and 3 apart by exactly
   * the tolerance agree, and settle apart from an engine of 0; one exactly a tolerance from the
   * engine (1 against 0, either step's) does not disagree with it; nor does either difference
   * within rounding's share of the engine.
   */
  @Test
  void differencesSettleApartOnlyBeyondTheToleranceAndRounding() {
    Worst worst = new Worst(GradCheck.Options.defaults().withTolerances(1, 0), Optional.empty(),
        (i, w) -> w);
    double[] none = {0, 0};
    assertTrue(Rounding.settledApart(worst, 0, new double[] {2, 3}, none));
    assertFalse(Rounding.settledApart(worst, 0, new double[] {2, 3.5}, none));
    assertFalse(Rounding.settledApart(worst, 0, new double[] {1, 2}, none));
    assertFalse(Rounding.settledApart(worst, 0, new double[] {2, 1}, none));
    assertFalse(Rounding.settledApart(worst, 0, new double[] {2, 3}, new double[] {2, 0}));
    assertFalse(Rounding.settledApart(worst, 0, new double[] {2, 3}, new double[] {0, 4}));
  }

  @Test
  void theReportNamesTheRoundedComparisonsLeftUnexamined() {
    assertEquals("", Rounding.others(3, 0));
    assertEquals("; the other disagreeing comparison is within the rounding of its output's"
        + " value", Rounding.others(0, 1));
    assertEquals("; the other 2 disagreeing comparisons are within the rounding of their"
        + " outputs' values", Rounding.others(0, 2));
    assertEquals(", and 1 more are within the rounding of their outputs' values",
        Rounding.others(1, 1));
  }
}
