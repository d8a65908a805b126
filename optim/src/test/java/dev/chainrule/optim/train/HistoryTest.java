package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link History}'s per-epoch views read each epoch's own figure, in the epochs' order, and the
 * seconds add up. The figures are binary fractions, so the sum is exact.
 */
class HistoryTest {
  @Test
  void theViewsListEachEpochsFigureInOrder() {
    History history = new History(List.of(
        new EpochResult(0, 1.5, 0.25, 2.5, 0.5, 0.125, 1.25, 8, Map.of("f1", 0.375)),
        new EpochResult(1, 0.75, 0.5, 1.25, 0.875, 0.0625, 2.5, 8, Map.of("f1", 0.625))),
        false, 1);
    assertEquals(List.of(1.5, 0.75), history.trainLosses());
    assertEquals(List.of(0.5, 0.875), history.validationAccuracies());
    assertEquals(List.of(0.125, 0.0625), history.learningRates());
    assertEquals(List.of(0.375, 0.625), history.metric("f1"));
    assertEquals(3.75, history.seconds(), 0.0);
    assertEquals(1, history.last().epoch());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> history.metric("mae"))
        .getMessage().contains("f1"), "names the metrics the epoch has");
  }
}
