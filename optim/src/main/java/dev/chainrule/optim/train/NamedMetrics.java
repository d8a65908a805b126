package dev.chainrule.optim.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.Tensor;
import dev.chainrule.optim.TypeNames;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The metrics of one's own a trainer computes on its validation data after each epoch ({@link
 * Trainer.Builder#metric}), by name in the order they were declared, and the checks of them:
 * their names ({@link MetricNames}) and no name twice, as they are declared; a monitor that
 * names one, at {@link Trainer.Builder#build()}; finite values, as each epoch ends.
 */
final class NamedMetrics {
  private final Map<String, EpochMetric> metrics;

  private NamedMetrics(Map<String, EpochMetric> metrics) {
    this.metrics = metrics;
  }

  /** None yet. */
  static NamedMetrics none() {
    return new NamedMetrics(new LinkedHashMap<>());
  }

  /**
   * Adds a metric under {@code name}.
   *
   * @throws IllegalArgumentException when the name is not one a metric can have, or is taken
   */
  void add(String name, EpochMetric metric) {
    MetricNames.require("trainer", name);
    checkNotNull(metric, "trainer: the metric %s is null", name);
    checkArgument(!metrics.containsKey(name), "trainer: a metric named %s is declared already"
        + " (%s); each name gives one value per epoch, so give this one (%s) another",
        name, TypeNames.of(metrics.getOrDefault(name, metric).getClass()),
        TypeNames.of(metric.getClass()));
    metrics.put(name, metric);
  }

  /** Whether none are declared. */
  boolean isEmpty() {
    return metrics.isEmpty();
  }

  /** The names, in the order they were declared. */
  List<String> names() {
    return List.copyOf(metrics.keySet());
  }

  /** Adds every metric of {@code other}, for a trainer's copy of a builder's options. */
  void addAll(NamedMetrics other) {
    metrics.putAll(other.metrics);
  }

  /**
   * Refuses a monitor of a metric not declared here.
   *
   * @param watcher what watches it, as the message names it ({@code "early stopping"})
   * @throws IllegalArgumentException naming the metric and those declared
   */
  void requireDeclared(String watcher, Monitor monitor) {
    if (monitor == null || !monitor.isMetric() || metrics.containsKey(monitor.name())) {
      return;
    }
    throw new IllegalArgumentException(String.format(Locale.ROOT, "trainer: %s watches the"
        + " metric \"%s\", and the trainer declares %s; declare it with metric(\"%s\", ...)"
        + " (names are compared exactly)", watcher, monitor.name(), metrics.isEmpty()
        ? "no metric" : "only " + String.join(", ", metrics.keySet()), monitor.name()));
  }

  /**
   * Every metric of the validation outputs, after {@code epoch}.
   *
   * @param outputs the model's outputs on the whole validation set
   * @param targets the validation set's labels
   * @param epoch the epoch just trained, from 0
   * @return the values by name, in declaration order; empty when none are declared
   * @throws Refused when a metric fails, or gives NaN or an infinity
   */
  Map<String, Double> compute(Tensor outputs, Tensor targets, int epoch) {
    if (metrics.isEmpty()) {
      return Map.of();
    }
    Map<String, Double> values = new LinkedHashMap<>();
    for (Map.Entry<String, EpochMetric> metric : metrics.entrySet()) {
      double value;
      try {
        value = metric.getValue().compute(outputs, targets);
      } catch (RuntimeException e) {
        // Its own words kept, with what only the trainer knows: which metric, after which epoch.
        throw new Refused(String.format(Locale.ROOT, "trainer: the metric \"%s\" failed on the"
            + " validation data after epoch %d: %s", metric.getKey(), epoch + 1, e), e);
      }
      if (!Double.isFinite(value)) {
        throw new Refused(String.format(Locale.ROOT, "trainer: the metric \"%s\" gave %s on"
            + " the validation data after epoch %d; early stopping and the best epoch cannot"
            + " compare it, so the run stops here (make the metric return a finite value where"
            + " its ratio is 0/0, as scikit-learn's zero_division does)", metric.getKey(),
            value, epoch + 1), null);
      }
      values.put(metric.getKey(), value);
    }
    return Collections.unmodifiableMap(values);
  }

  /**
   * Runs every metric once on the untrained model's validation outputs, so that one that cannot
   * take them (the wrong shape for a regression, say) is refused before the first step, with
   * its name, rather than at the end of the first epoch; its value is not judged, as an
   * untrained model may rightly give a 0/0.
   *
   * @param ignored the loss's ignoreIndex, named when the targets hold it
   * @throws IllegalArgumentException naming the metric, its own refusal the cause
   */
  void requireComputable(Tensor outputs, Tensor targets, OptionalInt ignored) {
    for (Map.Entry<String, EpochMetric> metric : metrics.entrySet()) {
      try {
        metric.getValue().compute(outputs, targets);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("trainer: the metric \"" + metric.getKey()
            + "\" fails on the untrained model's validation outputs " + outputs.shape()
            + " and targets " + targets.shape() + ", before the first step: " + e.getMessage()
            + ignoredRows(targets, ignored), e);
      }
    }
  }

  /**
   * Where a failing metric may have met a class it cannot take: the loss's ignoreIndex, whose
   * rows the loss and the accuracy leave out and the metrics are given (a built-in metric's own
   * refusal asks for a count of classes, which its user cannot give). Empty when the targets
   * hold no such row.
   */
  private static String ignoredRows(Tensor targets, OptionalInt ignored) {
    if (ignored.isEmpty() || targets.eq(ignored.getAsInt()).sum().item() == 0) {
      return "";
    }
    return "; the loss ignores the targets of class " + ignored.getAsInt() + " (ignoreIndex),"
        + " as the accuracy does, but a metric is given every validation row: leave those rows"
        + " out in the metric";
  }

  /**
   * A metric that failed or gave a value that is not finite after an epoch: an {@link
   * IllegalStateException} for the caller, which the run ends on with its listeners told.
   */
  static final class Refused extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    Refused(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
