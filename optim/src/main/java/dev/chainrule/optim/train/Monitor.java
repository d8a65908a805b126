package dev.chainrule.optim.train;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * The figure of each epoch that early stopping, the best epoch and the reduction of the learning
 * rate on a plateau watch: one of the trainer's own ({@link #VALIDATION_LOSS}, {@link
 * #VALIDATION_ACCURACY}, {@link #TRAINING_LOSS}), or a metric of one's own declared on the
 * trainer ({@link Trainer.Builder#metric}) with the direction that is better ({@link
 * #metric(String, Mode)}, Keras's {@code monitor="val_f1", mode="max"}).
 *
 * <p>A final class with the three constants rather than an enum, so that a metric's monitor,
 * which carries its name and direction, is a monitor too and callers' {@code
 * Monitor.VALIDATION_LOSS} reads as before; an enum cannot carry a name chosen at run time, and a
 * separate overload of every setter that watches a figure would double them and the records
 * checkpoints keep. Monitors are values: two of one metric and direction are equal.
 */
public final class Monitor {
  /** The loss on the validation data; lower is better. */
  public static final Monitor VALIDATION_LOSS =
      new Monitor("VALIDATION_LOSS", Figure.VALIDATION_LOSS, Mode.MIN);
  /** The accuracy on the validation data; higher is better. */
  public static final Monitor VALIDATION_ACCURACY =
      new Monitor("VALIDATION_ACCURACY", Figure.VALIDATION_ACCURACY, Mode.MAX);
  /**
   * The epoch's training loss (Keras's {@code "loss"}); lower is better. Needs no validation data,
   * but measures fit, not generalisation: it keeps falling while a model overfits.
   */
  public static final Monitor TRAINING_LOSS =
      new Monitor("TRAINING_LOSS", Figure.TRAINING_LOSS, Mode.MIN);

  /** Which way a metric of one's own is better, as Keras's and Lightning's {@code mode} says. */
  public enum Mode {
    /** Lower is better: an error (mean absolute error, say). */
    MIN,
    /** Higher is better: a score (F1, recall, AUC). */
    MAX
  }

  /** Where the watched value comes from. */
  private enum Figure { VALIDATION_LOSS, VALIDATION_ACCURACY, TRAINING_LOSS, METRIC }

  private final String name;
  private final Figure figure;
  private final Mode mode;

  private Monitor(String name, Figure figure, Mode mode) {
    this.name = name;
    this.figure = figure;
    this.mode = mode;
  }

  /**
   * Watches the metric of one's own declared under {@code name} ({@link Trainer.Builder#metric}),
   * computed on the validation data after each epoch, so it needs validation data. The trainer
   * refuses, at {@link Trainer.Builder#build()}, a name it declares no metric under.
   *
   * @param name the metric's name, as declared
   * @param mode whether lower ({@link Mode#MIN}) or higher ({@link Mode#MAX}) is better
   * @return the monitor
   * @throws IllegalArgumentException when the name is not one a metric can have (a letter, then
   *     letters, digits, {@code _}, {@code .} or {@code -}, up to 64 characters)
   */
  public static Monitor metric(String name, Mode mode) {
    MetricNames.require("monitor", name);
    checkNotNull(mode, "monitor: the mode of metric %s is null", name);
    return new Monitor(name, Figure.METRIC, mode);
  }

  /**
   * The trainer's own monitors, as the enum this class replaced gave them.
   *
   * @return validation loss, validation accuracy and training loss, in a new array
   */
  public static Monitor[] values() {
    return new Monitor[] {VALIDATION_LOSS, VALIDATION_ACCURACY, TRAINING_LOSS};
  }

  /**
   * The trainer's own monitor of a name, as the enum this class replaced read it.
   *
   * @param name {@code "VALIDATION_LOSS"}, {@code "VALIDATION_ACCURACY"} or {@code
   *     "TRAINING_LOSS"}
   * @return the monitor
   * @throws IllegalArgumentException for any other name, naming those it takes and how to watch
   *     a metric
   */
  public static Monitor valueOf(String name) {
    for (Monitor builtIn : values()) {
      if (builtIn.name.equals(name)) {
        return builtIn;
      }
    }
    throw new IllegalArgumentException("monitor: no built-in monitor is named " + name + " (they"
        + " are " + Arrays.toString(values()) + "); a metric of one's own is watched with"
        + " Monitor.metric(name, mode)");
  }

  /**
   * The monitor's name: a built-in one's constant ({@code "VALIDATION_LOSS"}, as the enum's
   * {@code name()} gave it), or the metric's.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Whether this watches a metric of one's own.
   *
   * @return true for {@link #metric(String, Mode)}'s monitors
   */
  public boolean isMetric() {
    return figure == Figure.METRIC;
  }

  /**
   * Which way is better.
   *
   * @return {@link Mode#MAX} for an accuracy or a metric so declared, else {@link Mode#MIN}
   */
  public Mode mode() {
    return mode;
  }

  /**
   * The watched value of an epoch.
   *
   * @throws IllegalArgumentException when the epoch's figures hold no value of this metric
   */
  double of(EpochResult r) {
    return switch (figure) {
      case VALIDATION_LOSS -> r.validationLoss();
      case VALIDATION_ACCURACY -> r.validationAccuracy();
      case TRAINING_LOSS -> r.trainLoss();
      case METRIC -> r.metric(name);
    };
  }

  /** Whether the figure is to be maximised: an accuracy, or a metric declared so. */
  boolean higherIsBetter() {
    return mode == Mode.MAX;
  }

  /** Whether the figure exists only when validation data is scored. */
  boolean needsValidation() {
    return figure != Figure.TRAINING_LOSS;
  }

  /** Whether {@code value} beats {@code best} by more than {@code minDelta}. */
  boolean improves(double value, double best, double minDelta) {
    if (Double.isNaN(best)) {
      return !Double.isNaN(value);
    }
    return higherIsBetter() ? value > best + minDelta : value < best - minDelta;
  }

  /**
   * The monitor as a checkpoint's metadata records it: a built-in one's name, or {@code
   * metric:<name>:min} (or {@code :max}), which no built-in name can be read as.
   */
  String key() {
    return isMetric() ? "metric:" + name + ":" + mode.name().toLowerCase(Locale.ROOT) : name;
  }

  /**
   * The monitor a {@link #key()} names.
   *
   * @return the monitor, or null when the text names none (the caller names the file and entry)
   */
  static Monitor ofKey(String key) {
    for (Monitor builtIn : values()) {
      if (builtIn.name.equals(key)) {
        return builtIn;
      }
    }
    if (!key.startsWith("metric:")) {
      return null;
    }
    int last = key.lastIndexOf(':');
    String metric = key.substring("metric:".length(), Math.max(last, "metric:".length()));
    String mode = key.substring(last + 1);
    if (!MetricNames.valid(metric) || !mode.equals("min") && !mode.equals("max")) {
      return null;
    }
    return metric(metric, mode.equals("max") ? Mode.MAX : Mode.MIN);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Monitor m && m.figure == figure && m.mode == mode
        && m.name.equals(name);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, figure, mode);
  }

  /**
   * A built-in monitor's name, as the enum printed it; a metric's name and mode ({@code metric
   * f1 (max)}), as refusals name the monitor.
   */
  @Override
  public String toString() {
    return isMetric() ? "metric " + name + " (" + mode.name().toLowerCase(Locale.ROOT) + ")"
        : name;
  }
}
