package dev.chainrule.examples.plot;

import java.util.List;

/**
 * One line of a {@link LineChart}: a name for the legend and a value per epoch, the first at epoch
 * 1. Values that are not finite are gaps the line passes over.
 *
 * @param name the legend entry
 * @param values the value at each epoch; NaN where there is none
 */
record Curve(String name, List<Double> values) {
  Curve {
    values = List.copyOf(values);
  }

  /** Whether the value at {@code index} (epoch {@code index + 1}) is drawn. */
  boolean hasValue(int index) {
    return Double.isFinite(values.get(index));
  }
}
