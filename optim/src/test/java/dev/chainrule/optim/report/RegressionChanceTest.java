package dev.chainrule.optim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A regression no better than a constant, the analogue of a classifier at chance: a test R² of
 * at most 0, which always predicting the test targets' mean scores. Such a run passed silently.
 */
class RegressionChanceTest {
  @Test
  void anR2OfAtMostZeroIsChanceAndAnUndefinedOneIsNot() {
    assertTrue(ChanceLevel.atChance(-0.036));
    assertTrue(ChanceLevel.atChance(0.0));
    assertFalse(ChanceLevel.atChance(0.01));
    // Constant test targets leave R² undefined: nothing to compare with, so no claim.
    assertFalse(ChanceLevel.atChance(Double.NaN));
    assertEquals("test R² -0.0360 is no better than 0, the score of always predicting the test"
        + " targets' mean: the network learned nothing it can use",
        ChanceLevel.describe(-0.036));
  }

  @Test
  void theFieldIsTheClassifiersName() {
    Map<String, Object> report = new LinkedHashMap<>(Map.of("task", "toy"));
    ChanceLevel.addTo(report, -0.5);
    assertEquals(List.of("task", "at_chance"), List.copyOf(report.keySet()));
    assertEquals(Boolean.TRUE, report.get("at_chance"));
  }
}
