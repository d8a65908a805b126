package dev.chainrule.spark;

import dev.chainrule.core.DType;
import dev.chainrule.optim.data.CsvCommandLine;
import dev.chainrule.optim.data.CsvData;
import dev.chainrule.optim.data.CsvReader;
import dev.chainrule.optim.data.DataChecks;
import dev.chainrule.optim.data.FeatureOutliers;
import dev.chainrule.optim.data.MissingValueException;
import dev.chainrule.optim.data.NotANumberException;
import dev.chainrule.optim.data.MissingValues;
import dev.chainrule.optim.data.UnlearnableDataException;
import dev.chainrule.optim.model.Problem;
import dev.chainrule.optim.model.Problems;
import dev.chainrule.optim.model.Validation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * A CSV file read as the program's {@code train} reads it: a header row, the label by name or
 * 0-based index (negative from the end), features by {@code --features} or all but {@code
 * --drop}ped columns, missing values rejected or dropped; refused when unlearnable; then split
 * (stratified for classes) and standardised with the statistics of the rows trained on: the
 * training part less the rows {@code --validation} holds out, as train's. A split refused for
 * what it trains on names the options that mend it ({@link CsvCommandLine#remedy}).
 */
final class CsvProblems {
  private CsvProblems() {}

  /**
   * What to read.
   *
   * @param features the feature columns, or null for all but the label and {@code drop}
   * @param drop columns that are not features, or null
   * @param validation the share of the training part the run holds out, which the statistics
   *     leave out
   */
  record Request(Path csv, char delimiter, String label, boolean regression,
      double testFraction, List<String> features, List<String> drop, MissingValues missing,
      DType dtype, long seed, Validation validation) {}

  /**
   * What a file gave: its problem, and the rows left out for a missing value (the JSON line's
   * {@code dropped_rows}, as train's).
   *
   * @param problem the problem the file poses
   * @param droppedRows rows left out with {@code --missing drop}
   */
  record Read(Problem problem, int droppedRows) {}

  /**
   * The problem the file poses, named {@code train} as the program's command names it; notes go
   * to {@code out}, warnings (a feature's far value, as train warns of it) to {@code warnings}.
   */
  static Read read(Request r, PrintWriter out, PrintWriter warnings) throws IOException {
    CsvReader.Builder reader = CsvReader.builder().header(true).delimiter(r.delimiter())
        .missingValues(r.missing()).dtype(r.dtype());
    // As the program's train command: a column's exact name first, then a position.
    reader.labelColumnNamedOrAt(r.label());
    if (r.features() != null) {
      reader.features(r.features());
    } else if (r.drop() != null) {
      reader.drop(r.drop());
    }
    if (r.regression()) {
      reader.regression();
    }
    String source = String.valueOf(r.csv().getFileName());
    CsvData data;
    try {
      data = reader.build().read(r.csv());
    } catch (MissingValueException e) {
      throw new LaunchFailure(e.getMessage() + (e.beyondFloat32() ? "; --dtype float64 reads it,"
          + " and" : ";") + " --missing drop leaves such rows out", e);
    } catch (NotANumberException e) {
      throw new LaunchFailure(e.getMessage() + e.commandLineAdvice(r.drop(), r.features() != null),
          e);
    }
    // No --load here: --dtype always chooses the type, so it is named as train names it.
    CsvCommandLine.droppedRowsNote(data, source, true).ifPresent(out::println);
    try {
      DataChecks.requireLearnable(data, source);
    } catch (UnlearnableDataException e) {
      if (e.reason() == UnlearnableDataException.Reason.CONTINUOUS_LABEL) {
        throw new LaunchFailure(e.getMessage() + "; to predict a number, use --task regression",
            e);
      }
      throw e;
    }
    FeatureOutliers.find(data, source).ifPresent(far -> warnings.println("warning: "
        + far.description() + ", or leave the column out ("
        + CsvCommandLine.leaveOut(far.column(), r.features(), r.drop()) + ")"));
    Problem.Columns columns = new Problem.Columns(data.featureNames(), data.labelName());
    Problem problem;
    try {
      problem = r.regression()
          ? Problems.regression("train", data.dataset(), columns, r.testFraction(), r.seed(),
              source, null, r.validation())
          : Problems.classification("train", data.dataset(), columns, data.classNames(),
              r.testFraction(), r.seed(), source, null, r.validation());
    } catch (UnlearnableDataException e) {
      // A split trained on one class or one value: the library's remedies name no option.
      if (e.remedies().isEmpty()) {
        throw e;
      }
      // Every remedy has an option here, as the launcher always splits the file itself.
      throw new LaunchFailure(e.message(remedy -> CsvCommandLine.remedy(remedy, true)), e);
    }
    return new Read(problem, data.droppedRows());
  }
}
