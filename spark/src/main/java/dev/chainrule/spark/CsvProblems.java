package dev.chainrule.spark;

import dev.chainrule.core.DType;
import dev.chainrule.optim.data.CaseVariantClasses;
import dev.chainrule.optim.data.ColumnChoiceException;
import dev.chainrule.optim.data.CsvCommandLine;
import dev.chainrule.optim.data.CsvData;
import dev.chainrule.optim.data.CsvReader;
import dev.chainrule.optim.data.CsvRowChecks;
import dev.chainrule.optim.data.DataFormatException;
import dev.chainrule.optim.data.FeatureOutliers;
import dev.chainrule.optim.data.FirstLine;
import dev.chainrule.optim.data.GivenAwayLabels;
import dev.chainrule.optim.data.InvisibleClassNames;
import dev.chainrule.optim.data.MissingValueCodes;
import dev.chainrule.optim.data.MissingValueException;
import dev.chainrule.optim.data.MissingValues;
import dev.chainrule.optim.data.NotANumberException;
import dev.chainrule.optim.data.RepeatedRows;
import dev.chainrule.optim.data.SingleRowClasses;
import dev.chainrule.optim.data.Split;
import dev.chainrule.optim.data.UnlearnableDataException;
import dev.chainrule.optim.model.HeldOutRows;
import dev.chainrule.optim.model.Problem;
import dev.chainrule.optim.model.Problems;
import dev.chainrule.optim.model.Validation;
import dev.chainrule.optim.report.ConstantFeatures;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * A CSV file read as the program's {@code train} reads it: a header row, the label by name or
 * 0-based index (negative from the end), features by {@code --features} or all but {@code
 * --drop}ped columns, missing values rejected or dropped; refused, with train's words, when it
 * has no rows, is unlearnable or too large to standardise; then split (stratified for classes)
 * and standardised with the statistics of the rows trained on: the training part less the rows
 * {@code --validation} holds out, as train's. A split refused for what it trains on names the
 * options that mend it ({@link CsvCommandLine#remedy}). The checks, notes and warnings are
 * train's own, shared in optim's data and report packages, in train's order.
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
   * What a file gave: its problem, the rows left out for a missing value (the JSON line's {@code
   * dropped_rows}, as train's), and the features constant in the rows trained on (recorded in
   * {@code --save}'s file, as train records them).
   *
   * @param problem the problem the file poses
   * @param droppedRows rows left out with {@code --missing drop}
   * @param constant the feature columns that hold one value in every row trained on
   */
  record Read(Problem problem, int droppedRows, List<ConstantFeatures.Column> constant) {}

  /**
   * The problem the file poses, named {@code train} as the program's command names it. Notes and
   * warnings go to {@code warnings}: the run's output, or standard error under {@code --json},
   * where train's go.
   *
   * @throws ColumnChoiceException when the label or features named are not the file's, or
   *     {@code --features} or {@code --drop} leave no feature: a usage error, as train's
   */
  static Read read(Request r, PrintWriter warnings) throws IOException {
    String source = String.valueOf(r.csv().getFileName());
    CsvData data;
    try {
      data = readChecked(r, source, warnings);
    } catch (UnlearnableDataException e) {
      // --drop or --features that leave no feature: the command line is what to correct.
      if (e.reason() == UnlearnableDataException.Reason.NO_FEATURES
          && (r.drop() != null || r.features() != null)) {
        throw new ColumnChoiceException(e.getMessage());
      }
      throw explained(e, r);
    } catch (ColumnChoiceException e) {
      // A --label name missing from a summary line is the line's fault as much as the name's.
      throw new ColumnChoiceException(explained(e, r).getMessage(), e.delimiterSuspected());
    } catch (DataFormatException | LaunchFailure e) {
      throw explained(e, r);
    }
    // A numeric --label that took a header name, a first line that looks like no header (a
    // summary, or a data row whose label is one of the classes).
    FirstLine.of(r.csv(), r.delimiter()).ifPresent(first -> first
        .runNotes(r.label(), "train", data.classNames()).forEach(warnings::println));
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
    // Once the split is made, as train: data it refuses gets its one line of error alone.
    SingleRowClasses.warning(data, source).ifPresent(warnings::println);
    InvisibleClassNames.warning(data, source).ifPresent(warnings::println);
    CaseVariantClasses.warning(data, source).ifPresent(warnings::println);
    GivenAwayLabels.warnings(data,
        name -> CsvCommandLine.leaveOut(name, r.features(), r.drop())).forEach(warnings::println);
    RepeatedRows.warning(new Split(problem.train(), problem.test())).ifPresent(warnings::println);
    List<ConstantFeatures.Column> constant = ConstantFeatures.of(problem, r.validation(),
        r.seed());
    if (!constant.isEmpty()) {
      int rows = HeldOutRows.trainedRows(problem.train(), problem.regression(), r.validation(),
          r.seed()).size();
      warnings.println(ConstantFeatures.warning(constant, rows,
          names -> CsvCommandLine.leaveOut(names, r.features(), r.drop())));
    }
    return new Read(problem, data.droppedRows(), constant);
  }

  /**
   * Reads the file and refuses, before any split, a file without rows, unlearnable data or a
   * column too large to standardise, as train does and in its words.
   */
  private static CsvData readChecked(Request r, String source, PrintWriter warnings)
      throws IOException {
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
    CsvData data;
    try {
      data = reader.build().read(r.csv());
    } catch (MissingValueException e) {
      // true: no --load here, so --dtype always chooses the type, and is named as train names it.
      // A column with no value in any row is left out by its options, not by --missing drop.
      throw new LaunchFailure(CsvCommandLine.missingValueAdvice(e, true,
          names -> CsvCommandLine.leaveOut(names, r.features(), r.drop())), e);
    } catch (NotANumberException e) {
      throw new LaunchFailure(e.getMessage() + e.commandLineAdvice(r.drop(), r.features() != null),
          e);
    }
    CsvCommandLine.droppedRowsNote(data, source, true).ifPresent(warnings::println);
    // Without rows the first statistic taken of them failed in its own words.
    CsvRowChecks.requireRows(data, source, "to train on",
        names -> CsvCommandLine.leaveOut(names, r.features(), r.drop()));
    CsvCommandLine.requireLearnable(data, source, LaunchFailure::new);
    FeatureOutliers.find(data, source).ifPresent(far -> warnings.println(far.warning(
        CsvCommandLine.leaveOut(far.column(), r.features(), r.drop()))));
    MissingValueCodes.warnings(data, source).forEach(warnings::println);
    // On every row before the split: the line is the file's, whatever --seed.
    CsvRowChecks.requireStandardisable(data, source, r.regression());
    return data;
  }

  /**
   * {@code e} with what the file's first line explains (the column a numeric {@code --label}
   * took by its name, a first line that looks like a summary rather than a header), as train
   * explains it; {@code e} itself when the line explains nothing.
   */
  private static RuntimeException explained(RuntimeException e, Request r) {
    return FirstLine.explained(e, r.csv(), r.delimiter(), r.label(), "train",
        LaunchFailure::new);
  }
}
