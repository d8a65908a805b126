package dev.chainrule.optim.data;

import dev.chainrule.core.Tensor;
import dev.chainrule.optim.data.UnlearnableDataException.Reason;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The refusals of a CSV file's columns that the public checks make once the file has features and
 * labels: a label with classes to tell apart, a target that spreads, and a feature that varies.
 * Kept apart from the split's checks, which are about rows (how many, on which side), though two
 * of them ask {@link #onlyValue} whether a side holds one label only.
 */
final class ColumnChecks {
  /** Distinct numeric labels above which, with few rows each, a label looks continuous. */
  private static final int MAX_CLASSES_BEFORE_SUSPICION = 10;

  /** Rows per class on average below which many numeric classes look continuous. */
  private static final int MIN_ROWS_PER_CLASS = 5;

  private ColumnChecks() {}

  /**
   * Refuses features that hold one value each in every row: the model then sees the same input
   * for every label, so the loss cannot fall below predicting the average, and a run would end
   * without error, wrongly suggesting a learning rate too small.
   */
  static void requireVaryingFeature(CsvData data, String source) {
    var features = data.dataset().features();
    double[] highest = features.max(0, false).toArray();
    double[] lowest = features.min(0, false).toArray();
    for (int column = 0; column < highest.length; column++) {
      if (highest[column] != lowest[column]) {
        return;
      }
    }
    List<String> names = data.featureNames();
    String which = names.size() == 1 ? "the feature " + CsvFields.quote(names.get(0)) + " has"
        : "each of the " + names.size() + " features (" + CsvFields.list(names) + ") has";
    throw new UnlearnableDataException(Reason.CONSTANT_FEATURES, String.format(Locale.ROOT,
        "%s: no feature varies: %s the same value in all %d rows: there is nothing to learn"
            + " from", source, which, data.dataset().size()));
  }

  static void requireClasses(CsvData data, String source) {
    List<String> classes = data.classNames();
    // The labelled rows: an optional label's empty cells hold a placeholder, not a class.
    int rows = data.dataset().size() - data.unlabelledRows().size();
    if (classes.size() == 1) {
      throw new UnlearnableDataException(Reason.ONE_VALUE, String.format(Locale.ROOT, 
          "%s: the label \"%s\" has one class (%s) in all %d rows: there is nothing to tell"
              + " apart", source, data.labelName(), CsvFields.quote(classes.get(0)), rows));
    }
    if (classes.size() <= MAX_CLASSES_BEFORE_SUSPICION) {
      return;
    }
    if (!classes.stream().allMatch(CsvFields::isNumber)) {
      // Texts that are mostly a row's own (names, ids): the split then said only that the rows
      // were too few for the test fraction.
      if (2 * classes.size() > rows) {
        throw new UnlearnableDataException(Reason.IDENTIFYING_LABEL, String.format(Locale.ROOT, 
            "%s: the label \"%s\" has %d different values in %d rows (such as %s), fewer than"
                + " two rows per class: is it a name or an id rather than a label? Classes need"
                + " several rows each", source, data.labelName(), classes.size(), rows,
            CsvFields.quote(classes.get(0))));
      }
      return;
    }
    String fractional = classes.stream()
        .filter(name -> CsvFields.parseNumber(name) != Math.rint(CsvFields.parseNumber(name)))
        .findFirst().orElse(null);
    if (fractional != null || rows < MIN_ROWS_PER_CLASS * classes.size()) {
      throw new UnlearnableDataException(Reason.CONTINUOUS_LABEL, String.format(Locale.ROOT, 
          "%s: the label \"%s\" looks continuous: %d different numbers in %d rows (such as %s);"
              + " classes need several rows each", source, data.labelName(), classes.size(),
          rows, fractional != null ? fractional : classes.get(classes.size() / 2)));
    }
  }

  static void requireSpread(CsvData data, String source) {
    OptionalDouble only = onlyValue(data.dataset().labels());
    if (only.isPresent()) {
      throw new UnlearnableDataException(Reason.ONE_VALUE, String.format(Locale.ROOT,
          "%s: the target \"%s\" is %s in all %d rows: there is nothing to learn", source,
          data.labelName(), only.getAsDouble(), data.dataset().size()));
    }
    requireResolvedTarget(data, source);
  }

  /**
   * Refuses a target with a value so far from the others (1e39 among prices) that, standardised
   * by the spread that value makes, most of the other values become one number in the model's
   * type: the model could learn nothing but that number, and the test targets, taken back to the
   * label's units, would look constant. Half the distinct values merging is the mark: values
   * that differ only in their last digits (the type's own limit) merge a few at most.
   */
  private static void requireResolvedTarget(CsvData data, String source) {
    Tensor targets = data.dataset().labels();
    Tensor standardized;
    try {
      standardized = Standardizer.fit(targets).transform(targets)
          .to(data.dataset().features().dtype());
    } catch (IllegalArgumentException overflow) {
      return;  // refused with its own message where the model's standardiser is fitted
    }
    double[] values = targets.toArray();
    long distinct = Arrays.stream(values).distinct().count();
    long kept = Arrays.stream(standardized.toArray()).distinct().count();
    if (2 * kept > distinct) {
      return;
    }
    double median = Arrays.stream(values).sorted().toArray()[values.length / 2];
    int farthest = 0;
    for (int i = 1; i < values.length; i++) {
      farthest = Math.abs(values[i] - median) > Math.abs(values[farthest] - median) ? i : farthest;
    }
    throw new UnlearnableDataException(Reason.UNRESOLVED_TARGET, String.format(Locale.ROOT,
        "%s: the target \"%s\" holds %s at line %d, so far from its other values (median %s)"
            + " that, standardised by the spread it makes, %d different values become %d in %s:"
            + " the model could not tell them apart; correct or remove that row, or predict the"
            + " target in other units (e.g. its logarithm)", source, data.labelName(),
        values[farthest], data.lines().get(farthest), median, distinct, kept,
        standardized.dtype()));
  }

  /** The one value every target holds, or empty when they differ. */
  static OptionalDouble onlyValue(Tensor labels) {
    double max = labels.max().item();
    return max == labels.min().item() ? OptionalDouble.of(max) : OptionalDouble.empty();
  }
}
