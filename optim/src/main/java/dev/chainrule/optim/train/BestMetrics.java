package dev.chainrule.optim.train;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.ToDoubleFunction;

/**
 * The best epoch's metrics of one's own in a checkpoint's early-stopping record ({@link
 * RecordMetadata}): {@code metric_names}, the names in declaration order separated by single
 * blanks (which no name holds, {@link MetricNames}), and {@code metric.<name>} with each value,
 * written by {@link Double#toString} so that it reads back bit for bit. The names' entry keeps
 * the order, which a file's metadata need not; a file without it (saved before metrics, or by a
 * run without any) holds none. A resumed run whose best epoch ran before it reports these with
 * the epoch's other figures ({@link History#earlierBest()}), and watches one of them against
 * later epochs.
 */
final class BestMetrics {
  private static final String NAMES = "metric_names";
  private static final String VALUE = "metric.";

  private BestMetrics() {}

  /**
   * The entries of {@code metrics} under {@code at}.
   *
   * @param at the prefix of the best epoch's figures
   * @return none for no metrics
   */
  static Map<String, String> of(String at, Map<String, Double> metrics) {
    Map<String, String> entries = new LinkedHashMap<>();
    if (metrics.isEmpty()) {
      return entries;
    }
    entries.put(at + NAMES, String.join(" ", metrics.keySet()));
    metrics.forEach((name, value) -> entries.put(at + VALUE + name, Double.toString(value)));
    return entries;
  }

  /**
   * The metrics under {@code at}, in the order written.
   *
   * @param metadata the file's entries
   * @param real reads an entry as a number, refusing one missing or malformed
   * @param malformed the refusal of an entry's value, given the key and what it should be
   * @return the metrics by name; empty when the file holds none
   */
  static Map<String, Double> read(Map<String, String> metadata, String at,
      ToDoubleFunction<String> real, BiFunction<String, String, IllegalArgumentException>
      malformed) {
    String names = metadata.get(at + NAMES);
    Map<String, Double> metrics = new LinkedHashMap<>();
    if (names == null) {
      return metrics;
    }
    List<String> listed = Arrays.asList(names.split(" ", -1));
    for (String name : listed) {
      if (!MetricNames.valid(name) || metrics.containsKey(name)) {
        throw malformed.apply(at + NAMES, "metric names, each once, separated by single blanks");
      }
      double value = real.applyAsDouble(at + VALUE + name);
      // The run refuses a metric that is not finite, so no record of one holds it.
      if (!Double.isFinite(value)) {
        throw malformed.apply(at + VALUE + name, "a finite number");
      }
      metrics.put(name, value);
    }
    return metrics;
  }
}
