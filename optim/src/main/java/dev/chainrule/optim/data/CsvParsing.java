package dev.chainrule.optim.data;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;

/** One pass of a {@link CsvReader} over one source: the rows, their checks and the result. */
final class CsvParsing {
  private final CsvOptions options;
  private final String source;
  private final Map<String, Integer> fixedClasses;
  /** The fixed classes by value when every name is a distinct number, else null. */
  private final Map<BigDecimal, Integer> fixedValues;
  private final GrowingValues features;
  /** Whether float32 keeps the features' differences; null when they are read as float64. */
  private Float32Resolution resolution;
  private ThousandsDots dots;
  private final DoubleStream.Builder labels = DoubleStream.builder();
  private final List<String> labelTexts = new ArrayList<>();
  private final List<Integer> unlabelledRows = new ArrayList<>();
  private final List<Integer> lines = new ArrayList<>();
  private CsvColumns columns;
  private int rows;
  private int dropped;
  /** Of the rows dropped, those with a number the dtype cannot hold (1e39 in float32). */
  private int droppedBeyondRange;
  private final EmptyInDroppedRows emptyInDropped = new EmptyInDroppedRows();
  /** Whether the row being read holds such a number. */
  private boolean beyondRange;
  private int lineNumber;
  /** The lines, read on past a refused cell for the other columns the same way out needs. */
  private TextLines text;

  CsvParsing(CsvOptions options, String source) {
    this(options, source, Tensors.LONGEST_ARRAY);
  }

  /** A parsing that holds at most {@code mostValues} feature values (fewer in tests). */
  CsvParsing(CsvOptions options, String source, int mostValues) {
    this.options = options;
    this.source = source;
    this.features = new GrowingValues(options.dtype(), mostValues);
    if (options.classNames() == null) {
      this.fixedClasses = null;
      this.fixedValues = null;
    } else {
      this.fixedClasses = new HashMap<>();
      options.classNames().forEach(name -> fixedClasses.put(name, fixedClasses.size()));
      this.fixedValues = ClassLabels.indicesByValue(options.classNames());
    }
  }

  CsvData read(Reader in) throws IOException {
    text = new TextLines(in);
    for (String line = nextLine(text); line != null; line = nextLine(text)) {
      if (lineNumber == 1 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      if (text.cut()) {
        // Refused even where skipped: the line was cut at a character that is not text.
        NotText.refuse(line, lineNumber == 1, where());
      }
      if (lineNumber <= options.skipLines()
          || CsvFields.isBlankLine(line, options.delimiter())) {
        continue;
      }
      if (!text.allText()) {
        NotText.refuse(line, lineNumber == 1, where());
      }
      List<String> fields = CsvFields.split(line, options.delimiter(), where());
      if (columns == null) {
        columns = CsvColumns.of(options, fields, where());
        if (options.header()) {
          continue;
        }
      }
      addRow(fields);
    }
    if (columns == null) {
      throw new DataFormatException(source + (options.header() ? ": no header row" : ": no rows"));
    }
    return result();
  }

  private String nextLine(TextLines in) throws IOException {
    String line = in.next();
    lineNumber++;
    return line;
  }

  private void addRow(List<String> fields) throws IOException {
    if (fields.size() != columns.names().size()) {
      boolean trailing = fields.size() == columns.names().size() + 1
          && fields.get(fields.size() - 1).isEmpty();
      throw new DataFormatException(String.format(Locale.ROOT,
          "%s: expected %d fields, found %d%s", where(), columns.names().size(), fields.size(),
          trailing ? ", the last one empty: the line ends in a delimiter the header does not"
              + " (an empty last column?); remove the trailing delimiters" : ""));
    }
    if (RefusedColumns.repeatsHeader(options, columns, fields)) {
      // Each cell refused in turn said '"x" is not a number; leave it out with --drop x', and a
      // label read as classes took the header's name for one more class.
      throw new DataFormatException(String.format(Locale.ROOT,
          "%s repeats the header (%s): were files"
          + " joined, each with its header? Remove the line", where(), CsvFields.list(fields)));
    }
    int[] featureColumns = columns.features();
    double[] row = new double[featureColumns.length];
    beyondRange = false;
    if (dots == null) { // the features, then a regression's target
      dots = new ThousandsDots(featureColumns.length + 1);
    }
    for (int k = 0; k < row.length; k++) {
      int column = featureColumns[k];
      try {
        row[k] = number(fields.get(column), column, options.dtype());
        if (!Double.isNaN(row[k])) {
          dots.add(k, fields.get(column), lineNumber);
        }
      } catch (NotANumberException e) {
        throw new RefusedColumns(options, columns, source)
            .withOtherText(e, column, fields, lineNumber, text);
      } catch (MissingValueException e) {
        MissingValueException refused = CsvFields.emptyLine(e, fields, options.delimiter());
        // Earlier rows held a value in this column, or the reader would have refused them.
        throw rows > 0 || !CsvFields.isMissing(fields.get(column)) ? refused
            : new RefusedColumns(options, columns, source)
                .withEmptyColumns(refused, column, fields, lineNumber, text);
      }
    }
    int label = columns.label();
    String labelText = label < 0 ? null : fields.get(label);
    double target = 0;
    // New rows to predict may have a label column with some labels not known yet: such a row is
    // read as unlabelled (its label a placeholder), whatever the policy for features says. An
    // infinite label (inf, 1e400) scores nothing either: it stopped the file by default, and
    // --missing drop left its row unpredicted, where an empty label's row was predicted.
    boolean unlabelled = label >= 0 && options.optionalLabel()
        && (CsvFields.isMissing(labelText) || CsvFields.isInfinite(labelText));
    String classProblem = label < 0 || options.regression() || unlabelled ? null
        : CsvFields.labelProblem(labelText);
    if (label >= 0 && options.regression() && !unlabelled) {
      try {
        target = number(labelText, label, DType.FLOAT64);  // labels are float64 whatever dtype
        if (!Double.isNaN(target)) {
          dots.add(row.length, labelText, lineNumber);
        }
      } catch (NotANumberException e) {
        throw new NotANumberException(e.getMessage() + onlyScored(), e.column(), true, e);
      }
    } else if (classProblem != null) {
      if (options.missing() != MissingValues.DROP) {
        throw new MissingValueException(at(label) + ": " + classProblem);
      }
      target = Double.NaN;
    }
    if (options.missing() == MissingValues.DROP
        && (Double.isNaN(target) || Arrays.stream(row).anyMatch(Double::isNaN))) {
      dropped++;
      droppedBeyondRange += beyondRange ? 1 : 0;
      emptyInDropped.note(row, Double.isNaN(target));
      return;
    }
    if (!features.fits(row.length)) {
      throw new DataFormatException(String.format(Locale.ROOT, "%s: %,d rows of %d features"
          + " are read, and this row would make more values than one tensor holds (%,d): read a"
          + " part of the file, or fewer columns", where(), rows, row.length, features.most()));
    }
    for (double value : row) {
      features.add(value);
    }
    // Data to learn from only: new rows to predict (the label optional) are few, and their own
    // spread says nothing of the spread the model learnt, which it judges them by.
    if (options.dtype() == DType.FLOAT32 && !options.optionalLabel()) {
      if (resolution == null) {
        resolution = new Float32Resolution(row.length);
      }
      resolution.add(row);
    }
    if (unlabelled) {
      unlabelledRows.add(rows);
      if (options.regression() || fixedClasses != null) {
        labels.add(0);
      } else {
        labelTexts.add(null);
      }
    } else if (label >= 0) {
      addLabel(labelText, label, target);
    }
    lines.add(lineNumber);
    rows++;
  }

  private void addLabel(String text, int column, double target) {
    if (options.regression()) {
      labels.add(target);
    } else if (fixedClasses != null) {
      Integer index = fixedClasses.get(text);
      if (index == null && fixedValues != null && CsvFields.isDecimal(text)) {
        index = fixedValues.get(ClassLabels.value(text));
      }
      if (index == null) {
        throw new DataFormatException(String.format(Locale.ROOT,
            "%s: %s is not one of the classes %s%s",
            at(column), CsvFields.quote(text), options.classNames(), onlyScored()));
      }
      labels.add(index);
    } else {
      labelTexts.add(text);
    }
  }

  private CsvData result() {
    CsvData data = parsed();
    List<String> notes = HeaderRow.notes(options, columns, data, rows + dropped);
    return notes.isEmpty() ? data : new CsvData(data.dataset(), data.featureNames(),
        data.labelName(), data.classNames(), data.droppedRows(), data.droppedBeyondRange(),
        data.lines(), data.unlabelledRows(), data.emptyInDroppedRows(), notes);
  }

  private CsvData parsed() {
    int[] featureColumns = columns.features();
    Tensor x = features.toTensor(rows, featureColumns.length);
    List<String> featureNames = Arrays.stream(featureColumns)
        .mapToObj(c -> columns.nameOf(c, options.header())).toList();
    if (resolution != null) {
      resolution.check(featureNames.stream().map(name -> options.header()
          ? "column " + CsvFields.quote(name) : name).toList(), source);
    }
    int label = columns.label();
    String labelName = label < 0 ? options.labelName() : columns.nameOf(label, options.header());
    if (dots != null) {
      dots.check(Stream.concat(featureNames.stream(), Stream.of(String.valueOf(labelName)))
          .map(name -> options.header() ? "column " + CsvFields.quote(name) : name).toList(),
          source);
    }
    List<String> empty = emptyInDropped.names(featureNames, labelName);
    if (label < 0) {
      return new CsvData(new Dataset(x, Tensor.of(new double[0], rows, 0)), featureNames,
          labelName, List.of(), dropped, droppedBeyondRange, lines,
          unlabelledRows, empty);
    }
    if (options.regression()) {
      return new CsvData(new Dataset(x, Tensor.of(labels.build().toArray(), rows, 1)),
          featureNames, labelName, List.of(), dropped, droppedBeyondRange, lines,
          unlabelledRows, empty);
    }
    if (fixedClasses != null) {
      return new CsvData(new Dataset(x, Tensor.vector(labels.build().toArray())), featureNames,
          labelName, options.classNames(), dropped, droppedBeyondRange, lines,
          unlabelledRows, empty);
    }
    ClassLabels classes = ClassLabels.infer(
        labelTexts.stream().filter(Objects::nonNull).toList());
    double[] indices = new double[rows];
    for (int i = 0, k = 0; i < rows; i++) {
      indices[i] = labelTexts.get(i) == null ? 0 : classes.indices()[k++];
    }
    return new CsvData(new Dataset(x, Tensor.vector(indices)), featureNames,
        labelName, classes.names(), dropped, droppedBeyondRange, lines,
          unlabelledRows, empty);
  }

  /**
   * The number in a cell; NaN marks a row to drop. Missing and infinite values follow the
   * reader's {@link MissingValues} policy; text that is no number at all is always an error. A
   * finite number beyond the range of {@code dtype} is infinite there, as 1e400 is in float64,
   * and is treated as an infinity.
   */
  private double number(String text, int column, DType dtype) {
    boolean missing = CsvFields.isMissing(text);
    double value;
    if (missing) {
      value = Double.NaN;
    } else {
      try {
        value = CsvFields.parseNumber(text);
      } catch (NumberFormatException e) {
        throw new NotANumberException(String.format(Locale.ROOT,
            "%s: %s is not a number%s", at(column),
            CsvFields.quote(text), CsvFields.numberHint(text)),
            options.header() ? columns.nameOf(column, true) : null, column == columns.label(), e);
      }
    }
    boolean overflows = dtype == DType.FLOAT32 && Double.isFinite(value)
        && Float.isInfinite((float) value);
    if (overflows) {
      value = (float) value;
    }
    if (Double.isFinite(value)) {
      return value;
    }
    switch (options.missing()) {
      case REJECT -> throw new MissingValueException(at(column) + ": " + (text.isEmpty()
          ? "empty cell" : missing ? CsvFields.quote(text) + " marks a missing value"
          : CsvFields.quote(text) + " is not a finite number" + (overflows
              ? " in float32 (largest " + Float.MAX_VALUE + ")" : "")), overflows);
      case DROP -> {
        // A number, not a missing value: the note of the dropped rows tells them apart.
        beyondRange |= overflows;
        return Double.NaN;
      }
      default -> {
        return value;
      }
    }
  }

  /**
   * Where the label is optional (new rows to predict), it is read only to score them: a label
   * that cannot be scored stops the file, and its reader should learn that the rows can still be
   * read without it.
   */
  private String onlyScored() {
    return options.optionalLabel() ? "; labels are only scored here: without the column "
        + CsvFields.quote(options.labelName()) + " (removed or renamed) the rows are predicted,"
        + " not scored" : "";
  }

  /** {@code iris.csv: line 7}. */
  private String where() {
    return source + ": line " + lineNumber;
  }

  /** {@code iris.csv: line 7, column 3 (petal_length)}; columns count from 1. */
  private String at(int column) {
    return where() + columns.describe(column);
  }
}
