package dev.chainrule.examples.commands;

import dev.chainrule.examples.cli.Defaults;
import dev.chainrule.examples.cli.Failure;
import dev.chainrule.examples.cli.PathChecks;
import dev.chainrule.examples.cli.Settings;
import dev.chainrule.examples.cli.TrainingOptions;
import dev.chainrule.examples.cli.Usage;
import dev.chainrule.examples.cli.Words;
import dev.chainrule.optim.data.CaseVariantClasses;
import dev.chainrule.optim.data.ColumnChoiceException;
import dev.chainrule.optim.data.CsvCommandLine;
import dev.chainrule.optim.data.CsvData;
import dev.chainrule.optim.data.CsvReader;
import dev.chainrule.optim.data.CsvRowChecks;
import dev.chainrule.optim.data.DataFormatException;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.data.FirstLine;
import dev.chainrule.optim.data.GivenAwayLabels;
import dev.chainrule.optim.data.InvisibleClassNames;
import dev.chainrule.optim.data.NotANumberException;
import dev.chainrule.optim.data.RepeatedRows;
import dev.chainrule.optim.data.SingleRowClasses;
import dev.chainrule.optim.data.Split;
import dev.chainrule.optim.data.UnlearnableDataException;
import dev.chainrule.optim.model.HeldOutRows;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.model.Problem;
import dev.chainrule.optim.model.Problems;
import dev.chainrule.optim.report.ConstantFeatures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Trains a standardised MLP on any CSV file with a header row: numeric"
        + " features, and a label column of classes (numbers or text) or real values.",
        "Reports the held-out accuracy (classification), or RMSE, MAE and R² in the label's units"
            + " (regression).",
        "Refuses data that cannot be learned: too few rows, one class, a label that looks"
            + " continuous, no feature columns."})
final class TrainCommand extends TrainingCommand {
  @Option(names = "--csv", required = true, paramLabel = "FILE", description = "The data.")
  Path csv;

  @Option(names = "--label", paramLabel = "COLUMN",
      description = "The label column: the column of exactly this header name; only if no"
          + " column has that name, a 0-based index (negative from the end), so with a header"
          + " f,0,1 '--label 1' is the column named 1; no default: required, but with --load,"
          + " the file's model's.")
  String label;

  @Option(names = "--task", converter = Words.Task.class, paramLabel = "TASK",
      defaultValue = "classification",
      description = "classification or regression (default: ${DEFAULT-VALUE}; with --load, the"
          + " file's model's).")
  String task;

  @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0.2",
      description = "Share of rows held out for testing, in (0, 1) (default: ${DEFAULT-VALUE};"
          + " with --load, the file's split's, when it records one).")
  double testFraction;

  @Option(names = "--features", split = ",", paramLabel = "COLUMNS",
      description = "Only these columns are features, in this order (default: every column but"
          + " the label; with --load, the file's model's)" + CsvCommandLine.COLUMN_LIST_HELP)
  List<String> features;

  @Option(names = "--drop", split = ",", paramLabel = "COLUMNS",
      description = "Columns that are not features, such as names or ids (default: none)"
          + CsvCommandLine.COLUMN_LIST_HELP)
  List<String> drop;

  @Option(names = "--delimiter", paramLabel = "CHAR", defaultValue = ",",
      description = CsvFiles.DELIMITER_HELP)
  String delimiter;

  @Option(names = "--missing", converter = Words.Missing.class, paramLabel = "POLICY",
      defaultValue = "reject",
      description = "Rows with an empty, NaN, NA, N/A, null, ?, #N/A (or another marker pandas"
          + " reads as missing; None is a class) or infinite cell: reject (stop with its place) or"
          + " drop (leave them out) (default: ${DEFAULT-VALUE}).")
  String missing;

  /** The rows {@code --missing drop} left out of the file, for the JSON line. */
  private int droppedRows;

  /** The feature columns constant in the rows trained on, for the saved file. */
  private List<ConstantFeatures.Column> constantFeatures = List.of();

  @Override
  public Defaults defaults() {
    return new Defaults(50, 32, 0.003, "adam", List.of(32), "relu", 42L);
  }

  @Override
  Map<String, Object> dataReport() {
    return Map.of("dropped_rows", droppedRows);
  }

  @Override
  Map<String, String> dataMetadata() {
    return ConstantFeatures.metadata(constantFeatures);
  }

  @Override
  void checkOptions() {
    Usage.check(Words.TASKS.contains(task), spec,
        "--task must be classification or regression, got '%s'", task);
    Usage.check(testFraction > 0 && testFraction < 1, spec,
        "--test-fraction must lie between 0 and 1 (exclusive), got %s", testFraction);
    Usage.check(features == null || drop == null, spec,
        "--features and --drop cannot be used together");
    CsvFiles.missingValues(missing, spec);
    CsvFiles.delimiter(delimiter, spec);
    Usage.check(label != null || TrainingOptions.given(spec).contains("--load"), spec,
        "Missing required option: '--label=COLUMN'");
    CsvFiles.checkColumnOptions(spec, label, features, drop);
  }

  @Override
  Problem problem(Settings settings, ModelDescription loaded) throws Exception {
    boolean regression = task.equals("regression");
    CsvReader.Builder reader = CsvReader.builder().header(true)
        .delimiter(CsvFiles.delimiter(delimiter, spec))
        .missingValues(CsvFiles.missingValues(missing, spec))
        .dtype(loaded != null ? loaded.dtype() : settings.dtype());
    double fraction = testFraction;
    if (loaded != null) {
      regression = TrainLoadedModel.requireOptions(this, settings, loaded);
      reader.labelColumn(loaded.label()).features(loaded.features());
      if (!regression) {
        reader.classNames(loaded.classes());
      }
      fraction = loaded.split() == null ? testFraction : loaded.split().testFraction();
    } else {
      reader.labelColumnNamedOrAt(label);
      if (features != null) {
        reader.features(features);
      } else if (drop != null) {
        reader.drop(drop);
      }
    }
    if (regression) {
      reader.regression();
    }
    PathChecks.requireReadableFile("--csv", csv);
    PathChecks.requireNotTheInput("--save", settings.save(), "--csv", csv);
    String source = String.valueOf(csv.getFileName());
    CsvData data;
    try {
      data = readLearnable(reader.build(), settings, loaded, regression, source);
    } catch (DataFormatException | UnlearnableDataException | Failure e) {
      throw loaded != null ? e : explained(e);
    }
    List<String> classNames = data.classNames();
    if (loaded == null) { // a numeric --label that took a header name, a summary or data line
      FirstLine.of(csv, CsvFiles.delimiter(delimiter, spec))
          .ifPresent(first -> first.runNotes(label, "train", classNames)
              .forEach(console().forJson(settings.json())::println));
    }
    Problem.Columns columns = new Problem.Columns(data.featureNames(), data.labelName());
    // Said once the split is made, so that data it refuses gets its one line of error alone,
    // but found before it: the file's rows then go to the split and are held nowhere else, and
    // Problems lets them go before it standardises the parts (a float32 file of 60,000 × 784
    // is 188 MB: a wide file's run needed that much more memory).
    List<String> warnings = warnings(data, source, loaded);
    AtomicReference<Dataset> rows = new AtomicReference<>(data.dataset());
    data = null;
    Problem problem = regression
        ? Problems.regression("train", rows.getAndSet(null), columns, fraction, settings.seed(),
            source, loaded, settings.validation())
        : Problems.classification("train", rows.getAndSet(null), columns, classNames, fraction,
            settings.seed(), source, loaded, settings.validation());
    warnings.forEach(console().forJson(settings.json())::println);
    RepeatedRows.warning(new Split(problem.train(), problem.test()), heldOut(problem, settings))
        .ifPresent(console().forJson(settings.json())::println);
    warnOfConstantFeatures(problem, settings, loaded == null);
    return problem;
  }

  /**
   * The rows trained on and the validation rows, the run's own ({@link HeldOutRows#of}), for the
   * copies among them; null when none are held out, or when the share is refused (the run then
   * stops with its own words).
   */
  private static Split heldOut(Problem problem, Settings settings) {
    if (!settings.validation().holdsOut()) {
      return null;
    }
    try {
      HeldOutRows rows = HeldOutRows.of(problem, settings.validation(), settings.seed());
      return new Split(rows.train(), rows.watched());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * The warnings of the file's rows: classes of one row, class names that differ only in
   * invisible characters or in letter case, a feature that gives the label away.
   */
  private List<String> warnings(CsvData data, String source, ModelDescription loaded) {
    List<String> warnings = new ArrayList<>();
    SingleRowClasses.warning(data, source).ifPresent(warnings::add);
    InvisibleClassNames.warning(data, source).ifPresent(warnings::add);
    if (loaded == null) { // a loaded model's classes are its own, named already
      CaseVariantClasses.warning(data, source).ifPresent(warnings::add);
    }
    // A loaded model fixes its features: no option of this run leaves one out.
    warnings.addAll(GivenAwayLabels.warnings(data, name -> loaded == null ? leaveOut(name)
        : "train a new model without it, as --load cannot"));
    return warnings;
  }

  /**
   * Warns of feature columns that hold one value in every row trained on, and keeps them for
   * the saved file, whose predictions warn of other values there ({@link ConstantFeatures}).
   */
  private void warnOfConstantFeatures(Problem problem, Settings settings, boolean fresh) {
    List<ConstantFeatures.Column> constant = ConstantFeatures.of(problem, settings.validation(),
        settings.seed());
    constantFeatures = constant;
    if (!constant.isEmpty()) {
      int rows = HeldOutRows.trainedRows(problem.train(), problem.regression(),
          settings.validation(), settings.seed()).size();
      // A loaded model fixes its features: no option of this run leaves one out.
      console().forJson(settings.json()).println(ConstantFeatures.warning(constant, rows,
          names -> fresh ? CsvCommandLine.leaveOut(names, features, drop)
              : "train a new model without --load"));
    }
  }

  /** Reads the file and refuses data that cannot be learned, in the command line's terms. */
  private CsvData readLearnable(CsvReader reader, Settings settings, ModelDescription loaded,
      boolean regression, String source) throws IOException {
    CsvData data;
    try {
      data = CsvFiles.read(reader, csv, console().forJson(settings.json()),
          loaded == null, loaded == null ? names -> CsvCommandLine.leaveOut(names, features, drop)
              : null);
    } catch (ColumnChoiceException e) {
      // --label, --features and --drop name the columns: the command line is what to correct.
      // A loaded model names them itself, and a file without them is the file's fault, unless
      // the file is one column holding another delimiter: then --delimiter is (exit 2).
      if (loaded != null && !e.delimiterSuspected()) {
        throw new Failure(e.getMessage() + " (a column the loaded model was trained on)", e);
      }
      // A --label name missing from a summary line (breast_cancer.csv's "569,30,malignant,
      // benign") is the line's fault as much as the name's: say so, as other refusals do.
      throw Usage.error(spec, "%s", explained(e).getMessage());
    } catch (NotANumberException e) {
      throw loaded != null ? e
          : new Failure(e.getMessage() + e.commandLineAdvice(drop, features != null), e);
    }
    droppedRows = data.droppedRows();
    CsvRowChecks.requireRows(data, source, "to train on",
        loaded == null ? names -> CsvCommandLine.leaveOut(names, features, drop) : null);
    if (loaded != null) {
      TrainLoadedModel.requireRows(console().forJson(settings.json()), settings, loaded,
          data.dataset(), csv);
    }
    try {
      CsvFiles.requireLearnable(data, source, console().forJson(settings.json()),
          column -> loaded == null ? leaveOut(column) : null);
    } catch (UnlearnableDataException e) {
      // --drop or --features that leave no feature: the command line is what to correct.
      if (e.reason() == UnlearnableDataException.Reason.NO_FEATURES && loaded == null
          && (drop != null || features != null)) {
        throw Usage.error(spec, "%s", e.getMessage());
      }
      throw e;
    }
    if (loaded == null) { // a loaded model brings its own standardisation
      CsvRowChecks.requireStandardisable(data, source, regression);
    }
    return data;
  }

  /**
   * How this command line leaves a feature column out: {@code --drop k}, or, given {@code
   * --features} or {@code --drop} already (which cannot be used together), the change to make.
   */
  String leaveOut(String column) {
    return CsvCommandLine.leaveOut(column, features, drop);
  }

  /**
   * {@code e} with what the file's first line explains: the column a numeric {@code --label}
   * took by its name, and a first line that looks like a summary rather than a header.
   */
  private RuntimeException explained(RuntimeException e) {
    return FirstLine.explained(e, csv, CsvFiles.delimiter(delimiter, spec), label, "train",
        Failure::new);
  }
}
