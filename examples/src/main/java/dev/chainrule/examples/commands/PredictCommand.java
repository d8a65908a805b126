package dev.chainrule.examples.commands;

import dev.chainrule.core.Tensor;
import dev.chainrule.examples.cli.Console;
import dev.chainrule.examples.cli.Failure;
import dev.chainrule.examples.cli.PathChecks;
import dev.chainrule.examples.cli.TrainingOptions;
import dev.chainrule.examples.cli.Usage;
import dev.chainrule.examples.cli.Words;
import dev.chainrule.examples.run.FarFeatures;
import dev.chainrule.examples.run.FiniteOutputs;
import dev.chainrule.examples.run.LoadedConversions;
import dev.chainrule.examples.run.PixelScale;
import dev.chainrule.optim.checkpoint.AtomicFile;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.data.ColumnChoiceException;
import dev.chainrule.optim.data.CsvData;
import dev.chainrule.optim.data.CsvReader;
import dev.chainrule.optim.data.CsvRowChecks;
import dev.chainrule.optim.data.DataFormatException;
import dev.chainrule.optim.data.FirstLine;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.model.Task;
import dev.chainrule.optim.report.ConstantFeatures;
import dev.chainrule.optim.report.JsonLine;
import dev.chainrule.optim.train.Evaluation;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "predict", mixinStandardHelpOptions = true,
    description = {"Applies a saved model (--save of a training command) to the rows of a CSV"
        + " file: one prediction per row, with the class name and its probability, or the value"
        + " in the label's units.",
        "The file needs a header naming the model's feature columns, in any order; other columns"
            + " are ignored, and when the label column is there too the accuracy (or RMSE, MAE and"
            + " R²) over the rows with a label ends the output."})
final class PredictCommand implements Callable<Integer> {
  @Option(names = "--load", required = true, paramLabel = "FILE",
      description = "The saved model (safetensors with a model description).")
  Path load;

  @Option(names = "--csv", required = true, paramLabel = "FILE", description = "The rows.")
  Path csv;

  @Option(names = "--output", paramLabel = "FILE",
      description = "Write the predictions there as CSV, or as JSON lines with --json (default,"
          + " or -: print them).")
  Path output;

  @Option(names = "--delimiter", paramLabel = "CHAR", defaultValue = ",",
      description = CsvFiles.DELIMITER_HELP)
  String delimiter;

  @Option(names = "--missing", converter = Words.Missing.class, paramLabel = "POLICY",
      defaultValue = "reject",
      description = "Rows with an empty, NaN, NA, N/A, null, ?, #N/A (or another marker pandas"
          + " reads as missing; None is a class) or infinite feature: reject (stop with its place)"
          + " or drop (predict the others) (default: ${DEFAULT-VALUE}). A row whose label is"
          + " missing or infinite is predicted and left out of the scores.")
  String missing;

  @Option(names = "--json", description = "Print each prediction, then a summary, as a line of"
      + " JSON; with --output, the predictions' lines go to that file and the summary is"
      + " printed (default: off).")
  boolean json;

  @Option(names = "--verbose", description = "Show stack traces of errors (default: off).")
  boolean verbose;

  @Spec
  CommandSpec spec;

  /** The header lines of predict's CSV output (see {@link Predictions#writeCsv}). */
  private static final Pattern PREDICTION_HEADER =
      Pattern.compile("line,predicted(,probability)?|line(,predicted_[0-9]+)+");

  /** How much of an existing --output file is read for its header. */
  private static final int PREDICTION_HEADER_BYTES = 1 << 16;

  /** The predictions of the last call, for tests. */
  Predictions predictions;

  @Override
  public Integer call() throws IOException {
    char separator = CsvFiles.delimiter(delimiter, spec);
    if (output != null && output.toString().equals("-")) {
      output = null;  // the usual name of standard output, not a file called "-"
    }
    PathChecks.requireReadableFile("--load", load);
    PathChecks.requireReadableFile("--csv", csv);
    if (output != null) {
      PathChecks.requireWritableFile("--output", output, "predictions.csv");
      // p.csv/ names a folder, but the Path is p.csv: the file would be written.
      PathChecks.requireFileName("--output", TrainingOptions.typed(spec, "--output"));
      PathChecks.requireNotTheInput("--output", output, "--load", load);
      PathChecks.requireNotTheInput("--output", output, "--csv", csv);
      // As train's --save keeps a file that is no checkpoint: a checkpoint or a data file named
      // by mistake was replaced without a word.
      Usage.check(holdsPredictionsOrNothing(output), spec, "--output %s would replace a file"
          + " that predict did not write (its first line is not a header predict writes,"
          + " 'line,predicted,...'); give the path of a new file, or of earlier predictions to"
          + " replace (remove the file first if it is meant to go)", output);
    }
    // With --json, the JSON lines are all it prints: notes (rows left out, the file written)
    // would break a script's parser. The same holds for the predictions as CSV on standard
    // output (predict > out.csv): the notes and the scores then go to standard error.
    // Its warnings (a first line that looks like no header) go to standard error under --json.
    Console console = new Console(output == null && !json ? spec.commandLine().getErr()
        : spec.commandLine().getOut(), Terminal.isInteractive()).forJson(json)
        .withNotesTo(spec.commandLine().getErr());
    ModelCheckpoint.DescribedModel model = ModelCheckpoint.loadDescribed(load);
    LoadedConversions.note(String.valueOf(load.getFileName()), model.report())
        .ifPresent(console::println);
    ModelDescription d = model.description();
    // Read in the model's type, as training read: a float32 model refuses a cell beyond
    // float32's range, which it would otherwise take as infinite and answer with NaN.
    CsvReader.Builder reader = CsvReader.builder().header(true).delimiter(separator)
        .labelColumn(d.label())
        .optionalLabel().features(d.features()).dtype(d.dtype())
        .missingValues(CsvFiles.missingValues(missing, spec));
    if (d.task() == Task.REGRESSION) {
      reader.regression();
    } else {
      reader.classNames(d.classes());
    }
    CsvData data;
    try {
      data = read(reader.build(), separator, d.features(), console);
    } catch (DataFormatException | Failure e) {
      // A file whose line 1 is scikit-learn's summary (iris.csv: 150,4,setosa,...) has none of
      // the model's columns: the error says so, as train's does. There is no --label to place.
      throw FirstLine.explained(e, csv, separator, null, "predict", Failure::new);
    }
    // A run that goes ahead has taken line 1 as the columns' names, and not predicted it: a
    // file without a header, as the model's own training file may have been (its label and
    // features named by a row's values).
    List<String> classes = d.task() == Task.REGRESSION ? List.of() : d.classes();
    FirstLine.of(csv, separator).flatMap(first -> first.summary("predict")
            .or(() -> first.dataRow(d.label(), classes, "predict")))
        .ifPresent(why -> console.printf("warning: %s", why));
    CsvFiles.noteDroppedRows(data, csv, console, false);
    Tensor x = data.dataset().features();
    if (d.featureScaling() != null) {
      // In the model's type, as training standardised: float64 statistics would widen a
      // float32 model's rows and round some an ulp off the values it was trained on.
      x = d.featureScaling().toStandardizer(d.dtype()).transform(x);
    }
    Tensor outputs = Evaluation.predict(model.model(), x);
    Tensor scaled = x;
    IntFunction<String> rowName = row -> "line " + data.lines().get(row) + " of "
        + csv.getFileName();
    FiniteOutputs.require(outputs, row -> scaled.slice(0, row, row + 1), rowName, d.features());
    // After the refusal of outputs that are not finite: a warning before an error is noise.
    if (d.featureScaling() != null) {
      // A column constant in training has no spread to measure a distance by: another value
      // there has a warning of its own words, not one of standard deviations.
      int[] constant = ConstantFeatures.recorded(model.report().metadata(), d.features().size());
      ConstantFeatures.warning(scaled, data.dataset().features(), constant,
          d.featureScaling().mean(), d.features(), rowName)
          .ifPresent(why -> console.printf("warning: %s", why));
      FarFeatures.warning(ConstantFeatures.withoutConstant(scaled, constant),
          data.dataset().features(), d.featureScaling(), d.features(), rowName)
          .ifPresent(why -> console.printf("warning: %s", why));
    }
    // Pixels taken as they are have a scale instead: 0..255 bytes where the model saw bytes /
    // 255 were answered with certainty and no word.
    if (PixelScale.bytesOver255(model.report().metadata(), d)) {
      PixelScale.warning(data.dataset().features(), d.features(),
          String.valueOf(load.getFileName()), rowName)
          .ifPresent(why -> console.printf("warning: %s", why));
    }
    predictions = Predictions.of(d, outputs, data);
    if (output != null) {
      StringWriter text = new StringWriter();
      if (json) {
        // --json asks for JSON lines: the file gets the predictions as such, standard output the
        // summary (a CSV file under --json surprised its reader).
        predictions.rows().forEach(row -> text.append(JsonLine.of(row)).append('\n'));
      } else {
        predictions.writeCsv(new PrintWriter(text));
      }
      byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      // As --save does: a write that fails part-way (disk full, file-size limit) must not leave
      // the previous predictions truncated.
      try {
        AtomicFile.write(output, out -> out.write(bytes));
      } catch (IOException e) {
        throw PathChecks.writeFailed("--output", output, e);
      }
      console.printf("wrote %,d prediction%s to %s", data.dataset().size(),
          data.dataset().size() == 1 ? "" : "s", output);
    } else if (json) {
      predictions.rows().forEach(row -> console.result(JsonLine.of(row)));
    } else {
      PrintWriter out = spec.commandLine().getOut();
      predictions.writeCsv(out);
      if (out.checkError()) {
        // Standard output refused the predictions (predict > /dev/full): the scores, on standard
        // error, would read as a run that delivered them before the failure was told. The
        // program reports the lost output when the command ends.
        return 1;
      }
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("rows", data.dataset().size());
    summary.put("dropped_rows", data.droppedRows());
    summary.putAll(predictions.scores());
    if (json) {
      console.result(JsonLine.of(summary));
    } else if (!predictions.scores().isEmpty()) {
      console.println(predictions.describeScores());
    }
    return 0;
  }

  /**
   * Whether {@code file} may be replaced by predictions: nothing is there, or an empty file, or
   * predictions this command wrote, as CSV (its whole header line: {@code line,predicted},
   * {@code line,predicted,probability} or {@code line,predicted_1,predicted_2,...}) or JSON
   * lines. The first word alone let a data file whose first column is called "line" (a header
   * {@code line,station,reading}) be replaced with exit 0.
   */
  private static boolean holdsPredictionsOrNothing(Path file) throws IOException {
    if (!Files.isRegularFile(file) || Files.size(file) == 0) {
      return true;
    }
    // Longer than any header predict writes for a network of a few thousand outputs; a longer
    // first line is no header of predict's and fails the match, as it should.
    byte[] start = new byte[PREDICTION_HEADER_BYTES];
    int read;
    try (InputStream in = Files.newInputStream(file)) {
      read = in.readNBytes(start, 0, start.length);
    }
    String first = new String(start, 0, read, StandardCharsets.ISO_8859_1);
    if (first.startsWith("{\"line\":")) {
      return true;
    }
    int end = first.indexOf('\n');
    String header = (end < 0 ? first : first.substring(0, end)).replaceFirst("\r$", "");
    return PREDICTION_HEADER.matcher(header).matches();
  }

  /** The rows of {@code --csv}, at least one, with the model's columns ({@code features}). */
  private CsvData read(CsvReader reader, char separator, List<String> features,
      Console console) throws IOException {
    CsvData data;
    try {
      // Its note of rows left out comes below, once there are rows: an error is one line. A
      // quiet console without notes drops it here.
      data = CsvFiles.read(reader, csv, console.forJson(true).withNotesTo(null), false);
    } catch (ColumnChoiceException e) {
      // The model names the columns, so a file without one is the file's fault, as in train;
      // a file of one column holding another delimiter is --delimiter's, as in train (exit 2).
      if (e.delimiterSuspected()) {
        throw Usage.error(spec, "%s", e.getMessage());
      }
      throw new Failure(e.getMessage() + " (a column the model in " + load.getFileName()
          + " was trained on" + MissingModelColumns.clause(csv, separator, features,
              e.getMessage()) + ")", e);
    }
    // An empty answer with exit 0 would pass, in a script, for the predictions of the rows.
    CsvRowChecks.requireRows(data, String.valueOf(csv.getFileName()), "to predict");
    return data;
  }
}
