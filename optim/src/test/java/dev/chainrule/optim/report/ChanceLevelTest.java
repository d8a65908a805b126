package dev.chainrule.optim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.optim.metrics.ConfusionMatrix;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A classifier no better than the most common class's share is at chance, at the rule's edge:
 * the program's commands and the Spark launcher both decide it here.
 */
class ChanceLevelTest {
  /** Six rows, true classes 0 0 0 1 1 2: the most common class is half of them. */
  private static final Tensor TRUTH = Tensor.vector(0, 0, 0, 1, 1, 2);

  @Test
  void answeringTheMostCommonClassIsChance() {
    ConfusionMatrix always = ConfusionMatrix.tally(Tensor.vector(0, 0, 0, 0, 0, 0), TRUTH, 3);
    assertTrue(ChanceLevel.atChance(always));
    assertEquals(0.5, ChanceLevel.majorityShare(always), 0.0);
    assertEquals("test accuracy 0.5000 is no better than always answering the most common class"
        + " (0.5000 of the test rows): the network learned nothing it can use",
        ChanceLevel.describe(always));
  }

  /**
   * A run trained with class weights is judged by its balanced accuracy: answering the rare
   * classes right and the common one wrong is at chance by accuracy (3 of 6, the majority's
   * share) and not by the mean recall (0, 1 and 1: 2/3 against 1/3); always answering one class
   * is at chance both ways.
   */
  @Test
  void balancedAccuracyJudgesAWeightedRun() {
    ConfusionMatrix rareRight = ConfusionMatrix.tally(Tensor.vector(1, 2, 2, 1, 1, 2), TRUTH, 3);
    assertTrue(ChanceLevel.atChance(rareRight));
    assertEquals(2.0 / 3, rareRight.balancedAccuracy(), "(0 + 1 + 1)/3, rounded once: exact");
    assertFalse(ChanceLevel.atChanceBalanced(rareRight));
    ConfusionMatrix always = ConfusionMatrix.tally(Tensor.vector(2, 2, 2, 2, 2, 2), TRUTH, 3);
    assertTrue(ChanceLevel.atChanceBalanced(always));
    assertEquals("balanced accuracy 0.3333 (the mean of the classes' recalls) is no better than"
        + " always answering one class (1/3): the network learned nothing it can use",
        ChanceLevel.describeBalanced(always));
    // A class the test rows do not hold counts in neither the mean nor the 1/C.
    ConfusionMatrix twoHeld = ConfusionMatrix.tally(Tensor.vector(0, 0, 1, 1), Tensor.vector(0,
        0, 1, 0), 3);
    assertEquals((2.0 / 3 + 1) / 2, twoHeld.balancedAccuracy(), 1e-15);
    assertFalse(ChanceLevel.atChanceBalanced(twoHeld));
    Map<String, Object> report = new LinkedHashMap<>();
    ChanceLevel.addBalancedTo(report, always);
    assertEquals(Map.of(ChanceLevel.FIELD, true), report);
  }

  @Test
  void worseThanTheMostCommonClassIsChanceTooAndOneRowBetterIsNot() {
    // Always answering the rarest class: 1 of 6, below the majority's 3 of 6.
    assertTrue(ChanceLevel.atChance(
        ConfusionMatrix.tally(Tensor.vector(2, 2, 2, 2, 2, 2), TRUTH, 3)));
    assertFalse(ChanceLevel.atChance(
        ConfusionMatrix.tally(Tensor.vector(0, 0, 0, 1, 0, 0), TRUTH, 3)));
  }

  @Test
  void theFieldIsAppendedUnderItsOneName() {
    Map<String, Object> report = new LinkedHashMap<>(Map.of("task", "toy"));
    ChanceLevel.addTo(report, ConfusionMatrix.tally(Tensor.vector(0, 0, 0, 0, 0, 0), TRUTH, 3));
    assertEquals(List.of("task", "at_chance"), List.copyOf(report.keySet()));
    assertEquals(Boolean.TRUE, report.get("at_chance"));
  }

  /**
   * Test rows of one class: always answering it scores 1.0, so no accuracy beats it, and a
   * perfect score was called "learned nothing" (99 rows at --test-fraction 0.01 hold out one).
   */
  @Test
  void testRowsOfOneClassAreNotCalledChance() {
    ConfusionMatrix one = ConfusionMatrix.tally(Tensor.vector(1), Tensor.vector(1), 2);
    assertFalse(ChanceLevel.atChance(one));
    assertTrue(ChanceLevel.oneClass(one));
    assertFalse(ChanceLevel.oneClass(
        ConfusionMatrix.tally(Tensor.vector(0, 0, 0, 0, 0, 0), TRUTH, 3)));
    assertEquals("the test rows hold only one class (all 1 of them), so test accuracy 1.0000"
        + " cannot tell a network that learned from one that always answers that class",
        ChanceLevel.describeOneClass(one));
    Map<String, Object> report = new LinkedHashMap<>();
    ChanceLevel.addTo(report, one);
    assertEquals(Boolean.FALSE, report.get("at_chance"));
  }
}
