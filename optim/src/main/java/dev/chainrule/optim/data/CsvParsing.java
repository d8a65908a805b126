package dev.chainrule.optim.data;

import dev.chainrule.core.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;

/** One pass of a {@link CsvReader} over one source: the rows, their checks and the result. */
final class CsvParsing {
  private final CsvReader options;
  private final String source;
  private final Map<String, Integer> fixedClasses;
  private final DoubleStream.Builder features = DoubleStream.builder();
  private final DoubleStream.Builder labels = DoubleStream.builder();
  private final List<String> labelTexts = new ArrayList<>();
  private List<String> columns;
  private int labelColumn;
  private int rows;
  private int lineNumber;

  CsvParsing(CsvReader options, String source) {
    this.options = options;
    this.source = source;
    if (options.classNames == null) {
      this.fixedClasses = null;
    } else {
      this.fixedClasses = new HashMap<>();
      options.classNames.forEach(name -> fixedClasses.put(name, fixedClasses.size()));
    }
  }

  CsvData read(BufferedReader in) throws IOException {
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      lineNumber++;
      if (lineNumber == 1 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      if (lineNumber <= options.skipLines || line.isBlank()) {
        continue;
      }
      List<String> fields = CsvFields.split(line, options.delimiter, where());
      if (columns == null) {
        defineColumns(fields);
        if (options.header) {
          continue;
        }
      }
      addRow(fields);
    }
    if (columns == null) {
      throw new DataFormatException(source + (options.header ? ": no header row" : ": no rows"));
    }
    return result();
  }

  private void defineColumns(List<String> fields) {
    columns = options.header ? fields : Collections.nCopies(fields.size(), "");
    if (options.labelName != null) {
      List<Integer> matches = IntStream.range(0, columns.size())
          .filter(c -> columns.get(c).equals(options.labelName)).boxed().toList();
      if (matches.isEmpty()) {
        throw new DataFormatException(String.format("%s: no column named \"%s\" in the header (%s)",
            where(), options.labelName, String.join(", ", columns)));
      }
      if (matches.size() > 1) {
        throw new DataFormatException(String.format(
            "%s: the header names \"%s\" more than once (columns %s)", where(), options.labelName,
            matches.stream().map(c -> Integer.toString(c + 1)).collect(Collectors.joining(", "))));
      }
      labelColumn = matches.get(0);
    } else {
      int index = options.labelIndex;
      labelColumn = index < 0 ? index + columns.size() : index;
      if (labelColumn < 0 || labelColumn >= columns.size()) {
        throw new DataFormatException(String.format(
            "%s: label column index %d out of range for %d columns (valid: %d to %d)", where(),
            index, columns.size(), -columns.size(), columns.size() - 1));
      }
    }
  }

  private void addRow(List<String> fields) {
    if (fields.size() != columns.size()) {
      throw new DataFormatException(String.format("%s: expected %d fields, found %d", where(),
          columns.size(), fields.size()));
    }
    for (int c = 0; c < fields.size(); c++) {
      String text = fields.get(c);
      if (c != labelColumn) {
        features.add(number(text, c));
      } else if (options.regression) {
        labels.add(number(text, c));
      } else if (text.isEmpty()) {
        throw new DataFormatException(at(c) + ": empty class label");
      } else if (fixedClasses != null) {
        Integer index = fixedClasses.get(text);
        if (index == null) {
          throw new DataFormatException(String.format("%s: \"%s\" is not one of the classes %s",
              at(c), text, options.classNames));
        }
        labels.add(index);
      } else {
        labelTexts.add(text);
      }
    }
    rows++;
  }

  private CsvData result() {
    Tensor x = Tensor.of(features.build().toArray(), rows, columns.size() - 1);
    List<String> featureNames = IntStream.range(0, columns.size())
        .filter(c -> c != labelColumn)
        .mapToObj(c -> options.header ? columns.get(c) : "column " + (c + 1))
        .toList();
    if (options.regression) {
      return new CsvData(new Dataset(x, Tensor.of(labels.build().toArray(), rows, 1)),
          featureNames, List.of());
    }
    if (fixedClasses != null) {
      return new CsvData(new Dataset(x, Tensor.vector(labels.build().toArray())), featureNames,
          options.classNames);
    }
    ClassLabels classes = ClassLabels.infer(labelTexts);
    return new CsvData(new Dataset(x, Tensor.vector(classes.indices())), featureNames,
        classes.names());
  }

  private double number(String text, int column) {
    try {
      return CsvFields.parseNumber(text);
    } catch (NumberFormatException e) {
      throw new DataFormatException(String.format("%s: \"%s\" is not a number", at(column), text),
          e);
    }
  }

  /** {@code iris.csv: line 7}. */
  private String where() {
    return source + ": line " + lineNumber;
  }

  /** {@code iris.csv: line 7, column 3 (petal_length)}; columns count from 1. */
  private String at(int column) {
    String name = columns.get(column);
    return where() + ", column " + (column + 1) + (name.isBlank() ? "" : " (" + name + ")");
  }
}
