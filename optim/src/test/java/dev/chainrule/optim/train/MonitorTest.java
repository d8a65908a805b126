package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Monitor} as a class: the three constants read and print as the enum's did (old
 * checkpoints name them so), a metric's monitor is a value of its name and mode, and the keys
 * checkpoints write read back to the same monitor; {@link EpochMetric}'s built-ins give
 * scikit-learn's figures.
 */
class MonitorTest {
  @Test
  void theBuiltInsReadAndPrintAsTheEnumsConstants() {
    assertEquals(List.of(Monitor.VALIDATION_LOSS, Monitor.VALIDATION_ACCURACY,
        Monitor.TRAINING_LOSS), List.of(Monitor.values()));
    for (Monitor builtIn : Monitor.values()) {
      assertSame(builtIn, Monitor.valueOf(builtIn.name()));
      assertEquals(builtIn.name(), builtIn.toString());
      assertSame(builtIn, Monitor.ofKey(builtIn.key()), "the key old checkpoints hold");
      assertFalse(builtIn.isMetric());
    }
    assertEquals(Monitor.Mode.MAX, Monitor.VALIDATION_ACCURACY.mode());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Monitor.valueOf("F1"))
        .getMessage().contains("Monitor.metric(name, mode)"));
  }

  @Test
  void aMetricsMonitorIsAValueOfItsNameAndMode() {
    Monitor f1 = Monitor.metric("f1", Monitor.Mode.MAX);
    assertEquals(f1, Monitor.metric("f1", Monitor.Mode.MAX));
    assertEquals(f1.hashCode(), Monitor.metric("f1", Monitor.Mode.MAX).hashCode());
    assertNotEquals(f1, Monitor.metric("f1", Monitor.Mode.MIN));
    assertNotEquals(f1, Monitor.metric("F1", Monitor.Mode.MAX));
    assertEquals("metric f1 (max)", f1.toString());
    assertEquals("metric:f1:max", f1.key());
    assertEquals(f1, Monitor.ofKey("metric:f1:max"));
    assertEquals(Monitor.metric("val.mae-2", Monitor.Mode.MIN),
        Monitor.ofKey("metric:val.mae-2:min"));
    for (String key : List.of("metric:", "metric::max", "metric:f1", "metric:f1:", "metric:f1:up",
        "metric:a:b:max", "validation_loss", "F1")) {
      assertNull(Monitor.ofKey(key), key);
    }
    EpochResult epoch = new EpochResult(0, 1, 0.5, 2, 0.25, 0.1, 1, 8, Map.of("f1", 0.6));
    assertEquals(0.6, f1.of(epoch), 0.0);
    assertTrue(f1.improves(0.7, 0.6, 0.05) && !f1.improves(0.64, 0.6, 0.05));
    Monitor mae = Monitor.metric("f1", Monitor.Mode.MIN);
    assertTrue(mae.improves(0.5, 0.6, 0.05) && !mae.improves(0.7, 0.6, 0));
    assertTrue(mae.needsValidation());
  }

  /**
   * An improvement is by more than minDelta, never by exactly it (Keras's rule); the values are
   * sums of halves and quarters, so the boundary is exact in binary.
   */
  @Test
  void improvingNeedsMoreThanMinDeltaAndANumberOverNoBest() {
    Monitor max = Monitor.metric("f1", Monitor.Mode.MAX);
    Monitor min = Monitor.metric("mae", Monitor.Mode.MIN);
    assertFalse(max.improves(0.75, 0.5, 0.25), "by exactly minDelta");
    assertTrue(max.improves(0.875, 0.5, 0.25));
    assertFalse(min.improves(0.25, 0.5, 0.25), "by exactly minDelta");
    assertFalse(min.improves(0.375, 0.5, 0.25), "better, but by less than minDelta");
    assertTrue(min.improves(0.125, 0.5, 0.25));
    assertTrue(min.improves(3.0, Double.NaN, 0.25), "the first figure is the best so far");
    assertFalse(min.improves(Double.NaN, Double.NaN, 0), "no figure improves on none");
    assertFalse(Monitor.TRAINING_LOSS.needsValidation());
    assertTrue(Monitor.VALIDATION_LOSS.needsValidation()
        && Monitor.VALIDATION_ACCURACY.needsValidation());
  }

  /**
   * Targets 0 0 1 1 2 against predictions 0 1 1 1 0, over 4 columns (class 3 neither present
   * nor predicted): F1 ½, ⅘ and 0, macro 0.4333 (scikit-learn's f1_score(average="macro")
   * gives 13/30); recalls ½, 1 and 0, balanced accuracy ½. Sums of a few small counts: exact
   * but for the division's rounding, compared to an ulp's order.
   */
  @Test
  void theBuiltInMetricsGiveScikitLearnsFigures() {
    Tensor scores = Tensor.matrix(new double[][] {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 1, 0, 0},
        {0, 1, 0, 0}, {1, 0, 0, 0}});
    Tensor targets = Tensor.vector(0, 0, 1, 1, 2);
    assertEquals(13.0 / 30, EpochMetric.macroF1().compute(scores, targets), 1e-15);
    assertEquals(0.5, EpochMetric.balancedAccuracy().compute(scores, targets), 1e-15);
    // Two columns are class scores too (a binary classifier's), the fewest the metric takes.
    assertEquals(1.0, EpochMetric.macroF1().compute(Tensor.matrix(new double[][] {{2, 1},
        {0, 3}}), Tensor.vector(0, 1)), 0.0);
    assertEquals(0.25, EpochMetric.meanAbsoluteError().compute(Tensor.vector(1, 2),
        Tensor.vector(1.5, 2)), 0.0);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> EpochMetric.macroF1()
        .compute(Tensor.vector(1, 2), Tensor.vector(1, 0))).getMessage()
        .startsWith("macroF1: the outputs [2] are not class scores [N, K]"));
  }
}
