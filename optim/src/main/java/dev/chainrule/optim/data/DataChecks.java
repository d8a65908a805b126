package dev.chainrule.optim.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.optim.data.UnlearnableDataException.Reason;
import dev.chainrule.optim.data.UnlearnableDataException.Remedy;
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
  /**
   * Where the searches for a count of rows stop: from a start this large they would step past
   * {@link Long#MAX_VALUE} and wrap (below it, the steps past the start are a few thousand at
   * most, the spacing of doubles there).
   */
  private static final double SEARCHED_ROWS = 0x1p62;

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
      throw new UnlearnableDataException(Reason.NO_FEATURES, String.format(Locale.ROOT, 
          "%s: no feature columns: only the label \"%s\" is left to read", source,
          data.labelName()));
    }
    if (!data.hasLabels() || data.dataset().size() == 0) {
      return;
    }
    if (data.dataset().hasClassIndices()) {
      ColumnChecks.requireClasses(data, source);
    } else {
      ColumnChecks.requireSpread(data, source);
    }
    ColumnChecks.requireVaryingFeature(data, source);
  }

  /**
   * Refuses a split with no test row or fewer than {@value #MIN_TRAIN_ROWS} training rows, naming
   * the smallest number of rows that would do.
   *
   * @param split how the data was split
   * @param testFraction the share of samples held out for testing, in (0, 1)
   * @param source the name errors give for the input
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
   * @param split how the data was split
   * @param testFraction the share of samples held out for testing, in (0, 1)
   * @param byClass whether each class held out its own share
   * @param source the name errors give for the input
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
      why = minimum == Long.MAX_VALUE ? "a test row alone needs " + beyondAnyData(testFraction)
          : String.format(Locale.ROOT,
              "at least %d are needed for a test row and %d training rows", minimum,
              MIN_TRAIN_ROWS);
    } else if (test == 0) {
      long perClass = classRowsForATestRow(testFraction);
      why = "each class holds out its own share, and none is large enough to give a test row (a"
          + " class needs " + (perClass == Long.MAX_VALUE ? beyondAnyData(testFraction)
              : perClass + " rows") + ")";
    } else {
      why = String.format(Locale.ROOT,
          "they leave %d to train on, and at least %d are needed", train,
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
    OptionalDouble only = ColumnChecks.onlyValue(split.train().labels());
    if (only.isPresent()) {
      throw new UnlearnableDataException(Reason.ONE_VALUE, String.format(Locale.ROOT,
          "%s: the target \"%s\" is %s in all %d training rows of the split (the other values"
              + " are all in the %d test rows): there is nothing to learn", source, target,
          only.getAsDouble(), split.train().size(), split.test().size()),
          List.of(Remedy.MORE_ROWS, Remedy.SMALLER_TEST_FRACTION, Remedy.ANOTHER_SEED));
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
    OptionalDouble only = ColumnChecks.onlyValue(trained.labels());
    if (only.isPresent()) {
      throw new UnlearnableDataException(Reason.ONE_VALUE, String.format(Locale.ROOT,
          "%s: the target \"%s\" is %s in all %d rows trained on (the other values of the"
              + " training part are all in its %d validation rows): there is nothing to learn",
          source, target, only.getAsDouble(), trained.size(), validationRows),
          List.of(Remedy.MORE_ROWS, Remedy.SMALLER_VALIDATION_SHARE, Remedy.ANOTHER_SEED));
    }
  }

  /**
   * Refuses a classification split whose training part holds one class, though the data holds
   * more (the others' rows all fell in the test part, a small class at a large test fraction):
   * the network would learn to answer that class, and its test accuracy, the class's share, would
   * pass for a result. As {@link #requireTrainingSpread} for a regression's target.
   *
   * @param split how the data was split (labels are class indices)
   * @param classNames a name per class index, for the message
   * @param label the label's name, for the message
   * @param source the name errors give for the input
   */
  public static void requireTrainingClasses(Split split, List<String> classNames, String label,
      String source) {
    checkNotNull(split, "requireTrainingClasses: split is null");
    checkNotNull(classNames, "requireTrainingClasses: classNames is null");
    TrainingClasses.require(split.train(), split.test(), classNames, label, source,
        "rows of the split's training part", "test",
        List.of(Remedy.MORE_ROWS, Remedy.SMALLER_TEST_FRACTION));
  }

  /**
   * Refuses a classification run whose rows trained on hold one class, though its training part
   * holds more (the others' rows all fell in the validation rows): as {@link
   * #requireTrainingClasses}, for the rows left once the validation share is held out.
   *
   * @param trained the rows the run trains on
   * @param validation the rows of the training part it holds out
   * @param classNames a name per class index, for the message
   * @param label the label's name, for the message
   * @param source the name errors give for the input
   */
  public static void requireClassesTrainedOn(Dataset trained, Dataset validation,
      List<String> classNames, String label, String source) {
    checkNotNull(trained, "requireClassesTrainedOn: the rows trained on are null");
    checkNotNull(validation, "requireClassesTrainedOn: the validation rows are null");
    checkNotNull(classNames, "requireClassesTrainedOn: classNames is null");
    TrainingClasses.require(trained, validation, classNames, label, source,
        "rows trained on", "validation",
        List.of(Remedy.MORE_ROWS, Remedy.SMALLER_VALIDATION_SHARE));
  }

  /**
   * The fewest rows from which a random split with this test fraction holds out at least one row
   * and leaves at least {@value #MIN_TRAIN_ROWS} to train on.
   *
   * @param testFraction in (0, 1)
   * @return the fewest rows a split with this test fraction accepts, or {@link Long#MAX_VALUE}
   *     when they are 2⁶² or more (a fraction below about 1.1e-19), far beyond any data set
   */
  public static long minimumRows(double testFraction) {
    checkArgument(testFraction > 0 && testFraction < 1,
        "minimumRows: test fraction must lie in (0, 1), got %s", testFraction);
    if (minimumRowsLowerBound(testFraction) >= SEARCHED_ROWS) {
      return Long.MAX_VALUE;
    }
    long rows = Math.max(1, (long) minimumRowsLowerBound(testFraction) - 2);
    while (Split.testRows(testFraction, rows) < 1
        || rows - Split.testRows(testFraction, rows) < MIN_TRAIN_ROWS) {
      rows++;
    }
    return rows;
  }

  /**
   * The fewest rows a class needs to hold out a test row of its own, or {@link Long#MAX_VALUE}
   * when they are 2⁶² or more. The search starts at a bound below them: round(f·n) >= 1 needs
   * f·n >= 1/2.
   */
  private static long classRowsForATestRow(double testFraction) {
    double bound = 0.5 / testFraction;
    if (bound >= SEARCHED_ROWS) {
      return Long.MAX_VALUE;
    }
    long perClass = Math.max(1, (long) bound - 1);
    while (Split.testRows(testFraction, perClass) < 1) {
      perClass++;
    }
    return perClass;
  }

  /**
   * Why a fraction too small for any search gives no test row: from 2⁶², the bound's conversion
   * to a long saturated at its largest value and the count of rows stepped on past it, 2⁶⁴ steps
   * (a test fraction of 1e-20 hung the program). No data set comes near such a count.
   */
  private static String beyondAnyData(double testFraction) {
    return String.format(Locale.ROOT, "%.2g rows, more than any data set holds",
        0.5 / testFraction);
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
