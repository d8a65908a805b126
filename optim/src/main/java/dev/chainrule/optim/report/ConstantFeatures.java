package dev.chainrule.optim.report;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.data.Standardizer;
import dev.chainrule.optim.model.HeldOutRows;
import dev.chainrule.optim.model.Problem;
import dev.chainrule.optim.model.Validation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * Feature columns that hold one value in every row trained on. The standardiser gives such a
 * column scale 1 (as scikit-learn's StandardScaler does), so it is 0 in every training row and
 * its first-layer weights get no gradient: they keep their initial random values. The model
 * learns nothing from the column, and a row to predict with another value there is answered
 * through those untrained weights (k = 6 where training saw only 5 moved "yes" from 0.61 to
 * 0.57, k = 50 to 1.00), which the standard-deviation warning of the program's predict described
 * as "5.00e+03 standard deviations" from a spread of 0. train names the columns; the saved file
 * records them, so that predict warns of another value in words that fit. The Spark launcher
 * warns and records them as train does.
 */
public final class ConstantFeatures {
  /** The checkpoint metadata listing the constant columns' indices, comma-separated. */
  public static final String METADATA_KEY = "chainrule.constant_features";

  /**
   * A feature column constant in the rows trained on.
   *
   * @param index its position among the features
   * @param name its name
   * @param value the value it holds in every row trained on
   * @param float32 whether the run holds it as a float32, to be written as one
   */
  public record Column(int index, String name, double value, boolean float32) {
    /**
     * The value as written for people.
     *
     * @return the number, a float32 run's 0.1 rather than 0.10000000149011612
     */
    public String written() {
      return number(value, float32);
    }
  }

  private ConstantFeatures() {}

  /**
   * The feature columns that hold one value in every row the run trains on (the training part
   * less the validation rows, on which the standardiser was fitted).
   *
   * @param problem the standardised data
   * @param validation the run's validation share
   * @param seed the run's seed
   * @return the columns, in order; empty when none, or when the problem is not standardised or
   *     its validation share is refused (the run then stops with that refusal)
   */
  public static List<Column> of(Problem problem, Validation validation, long seed) {
    Standardizer standardizer = problem.preparation().features();
    if (standardizer == null) {
      return List.of();
    }
    Dataset trained;
    try {
      trained = HeldOutRows.of(problem, validation, seed).train();
    } catch (IllegalArgumentException refused) {
      return List.of();
    }
    Tensor x = trained.features();
    double[] highest = x.max(0, false).toArray();
    double[] lowest = x.min(0, false).toArray();
    // The values in the file's units: a fitted column's mean is its value, exactly.
    double[] first = standardizer.inverseTransform(x.slice(0, 0, 1)).toArray();
    List<Column> constant = new ArrayList<>();
    for (int f = 0; f < highest.length; f++) {
      if (highest[f] == lowest[f]) {
        constant.add(new Column(f, problem.columns().features().get(f), first[f],
            x.dtype() == DType.FLOAT32));
      }
    }
    return constant;
  }

  /**
   * The warning train prints for constant columns.
   *
   * @param columns the constant columns, at least one
   * @param rows the number of rows trained on
   * @param leaveOut how the command line leaves these columns out, given their names ("--drop
   *     k")
   * @return the warning, with its "warning: " prefix
   */
  public static String warning(List<Column> columns, int rows,
      Function<List<String>, String> leaveOut) {
    List<String> names = columns.stream().map(Column::name).toList();
    String which = columns.size() == 1
        ? String.format(Locale.ROOT, "the feature \"%s\" is %s", names.get(0),
            columns.get(0).written())
        : "the features " + columns.stream().map(c -> "\"" + c.name() + "\" ("
            + c.written() + ")").collect(Collectors.joining(", "))
            + " each hold one value";
    String it = columns.size() == 1 ? "it" : "them";
    return String.format(Locale.ROOT, "warning: %s in all %,d rows trained on: the model cannot"
        + " learn anything from %s, and would answer a row with another value there through"
        + " weights that never trained; leave %s out (%s)", which, rows, it, it,
        leaveOut.apply(names));
  }

  /**
   * The metadata that records the columns in a saved file.
   *
   * @param columns the constant columns
   * @return the entry, or nothing without constant columns
   */
  public static Map<String, String> metadata(List<Column> columns) {
    return columns.isEmpty() ? Map.of() : Map.of(METADATA_KEY, columns.stream()
        .map(c -> Integer.toString(c.index())).collect(Collectors.joining(",")));
  }

  /**
   * The constant columns a saved file records: none in a file saved before they were recorded
   * (or by another command), or in an entry that does not list column indices.
   *
   * @param metadata the file's metadata
   * @param features the number of feature columns
   * @return the columns' indices
   */
  public static int[] recorded(Map<String, String> metadata, int features) {
    String entry = metadata.get(METADATA_KEY);
    if (entry == null || entry.isEmpty()) {
      return new int[0];
    }
    try {
      int[] columns = Arrays.stream(entry.split(",")).mapToInt(Integer::parseInt).toArray();
      return Arrays.stream(columns).allMatch(c -> c >= 0 && c < features) ? columns : new int[0];
    } catch (NumberFormatException e) {
      return new int[0];
    }
  }

  /**
   * The rows as the model takes them with the constant columns set to 0, for predict's warning
   * of values far from the training data: a column without spread has no standard deviations to
   * measure by.
   *
   * @param standardized the rows, (x − mean) / scale
   * @param constant the constant columns
   * @return the rows without the constant columns' values
   * @throws IllegalArgumentException naming withoutConstant when the rows are not [N, F] or a
   *     column is not one of their F
   */
  public static Tensor withoutConstant(Tensor standardized, int[] constant) {
    checkColumns("withoutConstant", standardized, constant);
    if (constant.length == 0) {
      return standardized;
    }
    double[] keep = new double[standardized.dim(1)];
    Arrays.fill(keep, 1);
    Arrays.stream(constant).forEach(c -> keep[c] = 0);
    return standardized.mul(Tensor.vector(keep).to(standardized.dtype()));
  }

  /**
   * The warning predict prints for rows with another value in a constant column, naming the
   * first.
   *
   * @param standardized the rows as the model takes them: 0 where a constant column holds its
   *     training value
   * @param raw the same rows in the file's units
   * @param constant the constant columns
   * @param mean the training means, a constant column's value
   * @param features the features' names
   * @param rowName a row's name for people, by index ("line 7")
   * @return the warning's text, without the "warning: " prefix, or empty
   * @throws IllegalArgumentException naming warning when the rows are not [N, F], the raw rows
   *     have another shape, a column is not one of the F, or the means or names are not F
   */
  public static Optional<String> warning(Tensor standardized, Tensor raw, int[] constant,
      List<Double> mean, List<String> features, IntFunction<String> rowName) {
    checkColumns("warning", standardized, constant);
    checkNotNull(raw, "warning: the raw rows are null");
    checkArgument(raw.shape().equals(standardized.shape()),
        "warning: the raw rows %s are not the standardized rows' shape %s", raw.shape(),
        standardized.shape());
    checkArgument(mean.size() == standardized.dim(1) && features.size() == standardized.dim(1),
        "warning: %s means and %s names for rows of %s columns", mean.size(), features.size(),
        standardized.dim(1));
    int rows = standardized.dim(0);
    int columns = standardized.dim(1);
    int firstRow = -1;
    int firstColumn = -1;
    int differing = 0;
    boolean[] differs = new boolean[rows];
    for (int c : constant) {
      double[] values = standardized.slice(1, c, c + 1).toArray();
      for (int row = 0; row < rows; row++) {
        // A NaN (a missing value) differs from nothing: missing values have rules of their own.
        if (values[row] != 0 && !Double.isNaN(values[row]) && !differs[row]) {
          differs[row] = true;
          differing++;
          if (firstRow < 0 || row < firstRow) {
            firstRow = row;
            firstColumn = c;
          }
        }
      }
    }
    if (differing == 0) {
      return Optional.empty();
    }
    boolean float32 = raw.dtype() == DType.FLOAT32;
    return Optional.of(String.format(Locale.ROOT, "%s: %s is %s, and was %s in every row the"
        + " model trained on: the model never learned what another value there means, so its"
        + " prediction for that row is unfounded%s", rowName.apply(firstRow),
        features.get(firstColumn), number(raw.flatGet(firstRow * columns + firstColumn), float32),
        number(mean.get(firstColumn), float32), differing == 1 ? ""
            : String.format(Locale.ROOT, "; %,d more %s there", differing - 1,
                differing == 2 ? "row differs" : "rows differ")));
  }

  /**
   * Refuses rows other than [N, F] and a column outside them: an index past F was an
   * ArrayIndexOutOfBoundsException, and rows of rank 3 were warned of by values read across
   * their last axis.
   */
  private static void checkColumns(String op, Tensor standardized, int[] constant) {
    checkNotNull(standardized, "%s: the rows are null", op);
    checkNotNull(constant, "%s: the constant columns are null", op);
    checkArgument(standardized.rank() == 2, "%s: the rows must be [N, F], got %s", op,
        standardized.shape());
    for (int c : constant) {
      checkArgument(c >= 0 && c < standardized.dim(1),
          "%s: constant column %s is not one of the %s columns of the rows %s", op, c,
          standardized.dim(1), standardized.shape());
    }
  }

  /**
   * A value for people: a float32's as the float it is (Float.toString's shortest digits, 0.1),
   * where the widened double wrote 0.10000000149011612.
   */
  private static String number(double value, boolean float32) {
    return ReadableNumber.of(float32 && Double.isFinite(value)
        ? Double.parseDouble(Float.toString((float) value)) : value);
  }
}
