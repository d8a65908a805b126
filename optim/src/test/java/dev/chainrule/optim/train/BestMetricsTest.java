package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link BestMetrics}: the best epoch's metrics written as checkpoint entries read back to the
 * same metrics in the same order, and no metrics write no entries.
 */
class BestMetricsTest {
  @Test
  void theEntriesReadBackToTheMetricsInTheirOrder() {
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("f1", 0.75);
    metrics.put("mae", 0.125);
    Map<String, String> entries = BestMetrics.of("best_", metrics);
    assertEquals(Map.of("best_metric_names", "f1 mae", "best_metric.f1", "0.75",
        "best_metric.mae", "0.125"), entries);
    Map<String, Double> read = BestMetrics.read(entries, "best_",
        key -> Double.parseDouble(entries.get(key)),
        (key, expected) -> new IllegalArgumentException(key + ": " + expected));
    assertEquals(metrics, read);
    assertEquals(java.util.List.of("f1", "mae"), java.util.List.copyOf(read.keySet()));
    assertTrue(BestMetrics.of("best_", Map.of()).isEmpty());
  }
}
