package dev.chainrule.examples.run;

import dev.chainrule.core.Tensor;
import dev.chainrule.optim.model.Scaling;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The warning of a prediction far outside the training data. A row with a feature of 1e30 where
 * training saw values near 14 got "benign, 1.0000" and exit 0: the answer of a network driven
 * where it never learned anything, printed as confidently as any other. The rows are still
 * predicted (an outlier may be the point of the question); the warning names the first.
 */
public final class FarFeatures {
  /**
   * Standard deviations from the training mean beyond which a value lies outside the training
   * data: no value of n rows lies farther than √(n − 1) from their mean (Samuelson's
   * inequality), so 100 is beyond every training value for up to 10,001 rows, and far beyond the
   * tails of real data (the 569 rows of breast_cancer.csv reach 12).
   */
  public static final double LIMIT = 100;

  private FarFeatures() {}

  /**
   * The warning for {@code standardized} rows, or empty when every value lies within {@link
   * #LIMIT} standard deviations of its training mean.
   *
   * @param standardized the rows as the model takes them, (x − mean) / scale
   * @param raw the same rows in the file's units
   * @param scaling the training data's means and scales
   * @param features the features' names, in column order
   * @param rowName a row's name for people, by index ("line 7")
   * @return the warning's text, without the "warning: " prefix
   */
  public static Optional<String> warning(Tensor standardized, Tensor raw, Scaling scaling,
      List<String> features, IntFunction<String> rowName) {
    if (standardized.indexOutside(-LIMIT, LIMIT) < 0) {
      return Optional.empty();
    }
    // A NaN is not far (the comparison is false): missing values have rules of their own.
    Tensor distances = standardized.abs();
    Tensor farRows = distances.gt(LIMIT).max(1, false);
    int rows = (int) farRows.sum().item();
    if (rows == 0) {
      return Optional.empty();
    }
    int first = (int) farRows.argmax(0, false).item();
    int column = (int) distances.slice(0, first, first + 1).argmax(1, false).item();
    int columns = features.size();
    return Optional.of(String.format(Locale.ROOT, "%s: %s is %.4g, %.3g standard deviations"
        + " from its training mean %.4g, farther than any value of a training set of up to 10,001"
        + " rows can lie (%.0f): its prediction there is an extrapolation%s",
        rowName.apply(first), features.get(column), raw.flatGet(first * columns + column),
        distances.flatGet(first * columns + column), scaling.mean().get(column), LIMIT,
        rows == 1 ? "" : String.format(Locale.ROOT, "; %,d more %s as far", rows - 1,
            rows == 2 ? "row lies" : "rows lie")));
  }
}
