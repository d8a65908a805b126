package dev.chainrule.optim.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.Tensor;
import dev.chainrule.optim.data.UnlearnableDataException.Reason;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Refusals of data that would train without error and mean nothing. Each check throws an {@link
 * UnlearnableDataException} whose message starts with the data's source and says why in terms of
 * the data, e.g. {@code prices.csv: the label "price" looks continuous: 84 different numbers in
 * 105 rows (such as 3.25); classes need several rows each}.
 */
public final class DataChecks {
  /** Rows a split must leave to train on: one row has no spread for the standardiser. */
  public static final int MIN_TRAIN_ROWS = 2;

  /** Distinct numeric labels above which, with few rows each, a label looks continuous. */
  static final int MAX_CLASSES_BEFORE_SUSPICION = 10;

  /** Rows per class on average below which many numeric classes look continuous. */
  static final int MIN_ROWS_PER_CLASS = 5;

  private DataChecks() {}

  /**
   * Refuses data read from a CSV file that has no feature column, whose classes are one, or look
   * like a continuous quantity, or (for a regression target, labels {@code [N, 1]}) whose target
   * has a single value, or whose features each hold a single value in every row. Data without
   * labels (new rows to predict) is checked for feature columns only: one row to predict is as
   * constant as it gets.
   *
   * @param data features and labels
   * @param source the name errors give for the input
   */
  public static void requireLearnable(CsvData data, String source) {
    checkNotNull(data, "requireLearnable: data is null");
    checkNotNull(source, "requireLearnable: source is null");
    if (data.featureNames().isEmpty()) {
      throw new UnlearnableDataException(Reason.NO_FEATURES, String.format(
          "%s: no feature columns: only the label \"%s\" is left to read", source,
          data.labelName()));
    }
    if (!data.hasLabels() || data.dataset().size() == 0) {
      return;
    }
    if (data.dataset().hasClassIndices()) {
      requireClasses(data, source);
    } else {
      requireSpread(data, source);
    }
    requireVaryingFeature(data, source);
  }

  /**
   * Refuses features that hold one value each in every row: the model then sees the same input
   * for every label, so the loss cannot fall below predicting the average, and a run would end
   * without error, wrongly suggesting a learning rate too small.
   */
  private static void requireVaryingFeature(CsvData data, String source) {
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

  private static void requireClasses(CsvData data, String source) {
    List<String> classes = data.classNames();
    // The labelled rows: an optional label's empty cells hold a placeholder, not a class.
    int rows = data.dataset().size() - data.unlabelledRows().size();
    if (classes.size() == 1) {
      throw new UnlearnableDataException(Reason.ONE_VALUE, String.format(
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
        throw new UnlearnableDataException(Reason.IDENTIFYING_LABEL, String.format(
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
      throw new UnlearnableDataException(Reason.CONTINUOUS_LABEL, String.format(
          "%s: the label \"%s\" looks continuous: %d different numbers in %d rows (such as %s);"
              + " classes need several rows each", source, data.labelName(), classes.size(),
          rows, fractional != null ? fractional : classes.get(classes.size() / 2)));
    }
  }

  private static void requireSpread(CsvData data, String source) {
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
  private static OptionalDouble onlyValue(Tensor labels) {
    double max = labels.max().item();
    return max == labels.min().item() ? OptionalDouble.of(max) : OptionalDouble.empty();
  }

  /**
   * Refuses a split with no test row or fewer than {@value #MIN_TRAIN_ROWS} training rows, naming
   * the smallest number of rows that would do.
   *
   * @param source the name errors give for the input
   * @param split how the data was split
   * @param testFraction the share of samples held out for testing, in (0, 1)
   */
  public static void requireSplit(Split split, double testFraction, String source) {
    requireSplit(split, testFraction, false, source);
  }

  /**
   * As {@link #requireSplit(Split, double, String)}, for a split made class by class ({@link
   * Split#stratified}) when {@code byClass}: no test row then means no class large enough to give
   * one, whatever the rows in all, and the refusal quotes the rows a class needs. It quoted the
   * rows in all ("at least 50 are needed" at a fraction of 0.01), and 50 rows of two classes were
   * then refused again: each class must hold 50 itself.
   *
   * @param source the name errors give for the input
   * @param split how the data was split
   * @param testFraction the share of samples held out for testing, in (0, 1)
   * @param byClass whether each class held out its own share
   */
  public static void requireSplit(Split split, double testFraction, boolean byClass,
      String source) {
    checkNotNull(split, "requireSplit: split is null");
    // 0 or 1 leaves a part empty by request: no split of any size has a test row and training.
    checkArgument(testFraction > 0 && testFraction < 1,
        "requireSplit: test fraction must lie in (0, 1), got %s", testFraction);
    int test = split.test().size();
    int train = split.train().size();
    if (test >= 1 && train >= MIN_TRAIN_ROWS) {
      return;
    }
    int rows = test + train;
    long minimum = minimumRows(testFraction);
    String why;
    if (rows < minimum && !byClass) {
      why = String.format("at least %d are needed for a test row and %d training rows", minimum,
          MIN_TRAIN_ROWS);
    } else if (test == 0) {
      long perClass = Math.max(1, (long) classRowsLowerBound(testFraction) - 1);
      while (Split.testRows(testFraction, perClass) < 1) {
        perClass++;
      }
      why = String.format("each class holds out its own share, and none is large enough to give"
          + " a test row (a class needs %d rows)", perClass);
    } else {
      why = String.format("they leave %d to train on, and at least %d are needed", train,
          MIN_TRAIN_ROWS);
    }
    throw new UnlearnableDataException(Reason.TOO_FEW_ROWS, String.format(Locale.ROOT,
        "%s: %d rows are too few for a test fraction of %s: %s", source, rows, testFraction, why));
  }

  /**
   * Refuses a regression split whose training part holds one target value, though the data holds
   * more (the others all fell in the test part): the model would learn a constant, and the
   * target's standardiser, with no spread to divide by, would keep its units.
   *
   * @param split how the data was split
   * @param target the target's name, for the message
   * @param source the name errors give for the input
   */
  public static void requireTrainingSpread(Split split, String target, String source) {
    checkNotNull(split, "requireTrainingSpread: split is null");
    OptionalDouble only = onlyValue(split.train().labels());
    if (only.isPresent()) {
      throw new UnlearnableDataException(Reason.ONE_VALUE, String.format(Locale.ROOT,
          "%s: the target \"%s\" is %s in all %d training rows of the split (the other values"
              + " are all in the %d test rows): there is nothing to learn; give more rows, a"
              + " smaller test fraction or another seed", source, target, only.getAsDouble(),
          split.train().size(), split.test().size()));
    }
  }

  /**
   * Refuses a regression run whose rows trained on hold one target value, though its training part
   * holds more (the others all fell in the validation rows): as {@link #requireTrainingSpread},
   * for the rows left once the validation share is held out.
   *
   * @param trained the rows the run trains on
   * @param validationRows the rows of the training part it holds out
   * @param target the target's name, for the message
   * @param source the name errors give for the input
   */
  public static void requireSpreadTrainedOn(Dataset trained, int validationRows, String target,
      String source) {
    checkNotNull(trained, "requireSpreadTrainedOn: the rows trained on are null");
    OptionalDouble only = onlyValue(trained.labels());
    if (only.isPresent()) {
      throw new UnlearnableDataException(Reason.ONE_VALUE, String.format(Locale.ROOT,
          "%s: the target \"%s\" is %s in all %d rows trained on (the other values of the"
              + " training part are all in its %d validation rows): there is nothing to learn;"
              + " give more rows, a smaller validation share or another seed", source, target,
          only.getAsDouble(), trained.size(), validationRows));
    }
  }

  /**
   * The fewest rows from which a random split with this test fraction holds out at least one row
   * and leaves at least {@value #MIN_TRAIN_ROWS} to train on.
   *
   * @param testFraction in (0, 1)
   * @return the fewest rows a split with this test fraction accepts
   */
  public static long minimumRows(double testFraction) {
    checkArgument(testFraction > 0 && testFraction < 1,
        "minimumRows: test fraction must lie in (0, 1), got %s", testFraction);
    long rows = Math.max(1, (long) minimumRowsLowerBound(testFraction) - 2);
    while (Split.testRows(testFraction, rows) < 1
        || rows - Split.testRows(testFraction, rows) < MIN_TRAIN_ROWS) {
      rows++;
    }
    return rows;
  }

  /**
   * A bound below a class's fewest rows, where their search starts: round(f·n) >= 1 needs
   * f·n >= 1/2. Only a shortcut: the search steps up to the same answer from any lower start.
   */
  private static double classRowsLowerBound(double testFraction) {
    return 0.5 / testFraction;
  }

  /**
   * A bound near {@link #minimumRows}, where its search starts: round(f·n) >= 1 needs f·n >= 1/2,
   * and n − round(f·n) >= 2 needs about (1 − f)·n >= 3/2. Only a shortcut: the search steps up
   * past the rounding to the same answer from any lower start.
   */
  private static double minimumRowsLowerBound(double testFraction) {
    return Math.max(0.5 / testFraction, 1.5 / (1 - testFraction));
  }
}
