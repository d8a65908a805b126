package dev.chainrule.optim.report;

import dev.chainrule.core.Tensor;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Both launchers' refusal of a model's outputs that are not finite. A NaN row's largest score is
 * no score: its argmax is class 0 and its probability NaN, and a test accuracy counted over such
 * rows is the share of class 0, all with exit 0. It happens when a row's features overflow the
 * model (a value near float64's or float32's limit in some column), which the reader lets
 * through as finite. The program's {@code train} and {@code predict} refused such outputs while
 * the Spark launcher passed them to {@code Metrics.confusion}, whose refusal of NaN scores then
 * escaped it unexplained; one check and one message for both.
 */
public final class FiniteOutputs {
  private FiniteOutputs() {}

  /**
   * Why {@code outputs} cannot be reported, when they hold a NaN or an infinity: the message
   * names the first such row, its largest feature and how many rows are affected.
   *
   * @param outputs the model's outputs, one row per sample
   * @param featuresOf a row's features as the model took them, by index
   * @param rowName a row's name for people, by index ("line 7", "test row 3")
   * @param featureNames the features' column names, in input order
   * @return the message, or empty when every output is finite
   */
  public static Optional<String> problem(Tensor outputs, IntFunction<Tensor> featuresOf,
      IntFunction<String> rowName, List<String> featureNames) {
    int element = outputs.indexOutside(-Double.MAX_VALUE, Double.MAX_VALUE);
    if (element < 0) {
      return Optional.empty();
    }
    Tensor byRow = outputs.reshape(outputs.dim(0), -1);
    int row = element / byRow.dim(1);
    long rows = countRows(byRow);
    Tensor rowFeatures = featuresOf.apply(row).reshape(-1);
    int largest = (int) rowFeatures.abs().argmax(0, false).item();
    return Optional.of(String.format(Locale.ROOT, "the model's outputs are not finite for %,d"
        + " row%s (the first: %s, whose \"%s\" is %.6g after scaling): features that large"
        + " overflow the model, and its answers for them would mean nothing", rows,
        rows == 1 ? "" : "s", rowName.apply(row), largest < featureNames.size()
            ? PrintableText.of(featureNames.get(largest)) : "feature " + largest,
        rowFeatures.flatGet(largest)));
  }

  private static long countRows(Tensor rowOutputs) {
    // x − x is 0 for a finite x and NaN for NaN and ±∞; a row's sum is NaN if any element is.
    Tensor perRow = rowOutputs.sub(rowOutputs).sum(1, false);
    // Counted, not summed: a float32 sum past 2^24 rounds to an even number.
    return perRow.ne(perRow).countNonZero();
  }
}
