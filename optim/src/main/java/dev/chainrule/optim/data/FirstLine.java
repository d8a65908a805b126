package dev.chainrule.optim.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * A CSV file's first line, read again by the program's {@code train} and {@code predict} and by
 * the Spark launcher to explain a header that is no header. Only a regular file is read again
 * ({@link #rereadable}): a pipe's second read took rows the run's own read needed, and a named
 * FIFO whose writer had finished blocked the run forever when it was opened again.
 * The rule for {@code --label} is a header name first, then a 0-based index; scikit-learn's
 * iris.csv begins {@code 150,4,setosa,versicolor,virginica} (rows, features, class names), so
 * {@code --label 4} took the second column, the one named "4", and the refusal that followed
 * ("the label "4" looks continuous") named neither that column nor the odd first line. Only the
 * words of messages come from here: the reader's own choice of column is left as documented.
 * The notes and messages are the same for every launcher; each adds its own prefix and exit.
 *
 * @param fields the first line's fields, trimmed and unquoted
 * @param nextFields the number of fields on the second line (0 without one)
 * @param rows the number of non-blank lines after the first, or -1 when not counted (the first
 *     field is no whole number)
 * @param delimiter the file's delimiter, between the fields when line 1 is shown in a message
 */
public record FirstLine(List<String> fields, int nextFields, int rows, char delimiter) {
  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern INDEX = CsvColumns.POSITION;
  /** Characters of line 1 shown in a message; a longer line ends in "…". */
  private static final int SHOWN = 80;

  /**
   * Whether {@code file} can be read again for its first line: a regular file can; a pipe
   * ({@code /dev/stdin}, a shell's {@code <(...)}), a named FIFO or a device cannot, for its bytes
   * are the run's one read of the data. {@link #of}, {@link #header} and {@link #explained} give
   * nothing for such a file; a caller that needs the header before the run's read (to compare
   * options with a loaded model) asks here whether it can have it.
   *
   * @param file the CSV file
   * @return whether it is a regular file (or a link to one)
   */
  public static boolean rereadable(Path file) {
    return Files.isRegularFile(file);
  }

  /**
   * The first line of {@code file}, or empty when it cannot be read or is not read again (a
   * pipe: {@link #rereadable}): a note must never replace the failure it explains. Lines are read
   * as the reader reads them ({@link TextLines}), cut short a little after a character no text
   * holds: {@code BufferedReader.readLine} read a binary file with no line break ({@code
   * /dev/zero}) to the end of memory, and the user was told the model was too large instead of
   * the reader's "not text".
   *
   * @param file the CSV file, compressed or not
   * @param delimiter the character between fields
   * @return the line, or empty
   */
  public static Optional<FirstLine> of(Path file, char delimiter) {
    return read(file, delimiter, true);
  }

  /**
   * The fields of the first line of {@code file} (its header), read as {@link #of} reads them but
   * without counting the rows after it: a caller that wants the header's names alone ({@code
   * train --load}'s check of the options against the model) read the whole file once more when
   * the first name was a whole number.
   *
   * @param file the CSV file, compressed or not
   * @param delimiter the character between fields
   * @return the fields, or empty when the line cannot be read
   */
  public static Optional<List<String>> header(Path file, char delimiter) {
    return read(file, delimiter, false).map(FirstLine::fields);
  }

  private static Optional<FirstLine> read(Path file, char delimiter, boolean countRows) {
    if (!rereadable(file)) {
      return Optional.empty();
    }
    // The file's stream is a resource of its own: for a file that begins as gzip does but whose
    // gzip header is cut short, decompressed() throws before the reader exists to close it.
    try (InputStream raw = Files.newInputStream(file);
        InputStreamReader in = new InputStreamReader(Compression.decompressed(raw),
            StandardCharsets.UTF_8)) {
      TextLines lines = new TextLines(in);
      String first = lines.next();
      // A line that is not text explains nothing: the reader has refused it as such, and its
      // bytes echoed in a message are noise (a zip archive's, hundreds of them).
      if (first == null || !lines.allText()) {
        return Optional.empty();
      }
      List<String> fields = split(first, delimiter);
      String second = lines.next();
      if (second != null && !lines.allText()) {
        second = null;
      }
      int rows = second == null || CsvFields.isBlankLine(second, delimiter) ? 0 : 1;
      // The rows are counted only for a line that begins with a count: a second pass over a
      // large file for every run would cost as much as reading its numbers.
      boolean count = countRows && INDEX.matcher(fields.get(0)).matches();
      // A line that is not text ends the count: the reader refuses the file there, and the rest
      // of a binary file would be read in cut pieces to its end (/dev/zero has none).
      for (String line = count ? lines.next() : null; line != null && lines.allText();
          line = lines.next()) {
        rows += CsvFields.isBlankLine(line, delimiter) ? 0 : 1;
      }
      List<String> next = second == null ? List.of() : split(second, delimiter);
      // Rows ending in a delimiter the header lacks (a spreadsheet's empty last column) have
      // one field more, and no summary line explains them: the reader's refusal says so.
      boolean trailing = next.size() == fields.size() + 1 && next.get(fields.size()).isEmpty();
      return Optional.of(new FirstLine(fields, trailing ? fields.size() : next.size(),
          count ? rows : -1, delimiter));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * {@code e} with what the first line of {@code file} explains ({@link #explain}), as the
   * launcher's failure, or {@code e} itself when the line explains nothing (or cannot be read):
   * the program's {@code train} and {@code predict} and the Spark launcher each wrap it in their
   * own failure, for their own exit.
   *
   * @param e the refusal to explain
   * @param file the CSV file, compressed or not
   * @param delimiter the character between fields
   * @param label the {@code --label} value, or null, as {@link #explain}
   * @param command the command that read the file, as {@link #summary}
   * @param failure the launcher's failure, given the explained message and its cause {@code e}
   * @return the explained failure, or {@code e}
   */
  public static RuntimeException explained(RuntimeException e, Path file, char delimiter,
      String label, String command,
      BiFunction<String, Throwable, ? extends RuntimeException> failure) {
    return of(file, delimiter)
        .map(first -> first.explain(e.getMessage(), label, command))
        .filter(message -> !message.equals(e.getMessage()))
        .<RuntimeException>map(message -> failure.apply(message, e)).orElse(e);
  }

  /**
   * The lines a run that goes ahead prints about this line, each with its prefix: a note when a
   * numeric {@code --label} named a column other than the one at that index, and a warning when
   * the line looks like no header.
   *
   * @param label the {@code --label} value
   * @param command the command that read the file, as {@link #summary}
   * @return the lines, "note: ..." before "warning: ..."; empty when the line explains nothing
   */
  public List<String> runNotes(String label, String command) {
    return runNotes(label, command, List.of());
  }

  /**
   * As {@link #runNotes(String, String)}, and a warning when line 1 looks like a data row whose
   * label is text ({@link #dataRow}), which no all-numbers test sees.
   *
   * @param label the {@code --label} value
   * @param command the command that read the file, as {@link #summary}
   * @param classes the classes read from the rows after line 1; empty for a regression
   * @return the lines, "note: ..." before "warning: ..."; empty when the line explains nothing
   */
  public List<String> runNotes(String label, String command, List<String> classes) {
    List<String> lines = new ArrayList<>();
    // Noted only where the index names another column: "-1" named by the last column's name is
    // that column either way, and was noted as "not the column at index -1".
    numericName(label)
        .filter(named -> position(label) >= 0 && position(label) != fields.indexOf(label))
        .ifPresent(named -> lines.add(String.format(Locale.ROOT, "note: --label %s is %s, not"
            + " the column at index %s: a header name comes before an index", label, named,
            label)));
    summary(command).or(() -> dataRow(label, classes, command))
        .ifPresent(why -> lines.add("warning: " + why));
    return lines;
  }

  /**
   * Why line 1 looks like a data row rather than a header although some field on it is text: a
   * file without a header whose label is text, such as UCI's iris.data
   * ({@code 5.1,3.5,1.4,0.2,Iris-setosa}), lost its first row to the header without a word. Two
   * signs, both needed (either alone is a real header's: {@code len,links,spam} over the classes
   * spam and ham; {@code 400,410,420,430,species}, a spectrum's wavelengths): the label column's
   * name on line 1 is one of the classes (of the rows below it, or a loaded model's); and every
   * other column's name is a number, unless those numbers are consecutive whole numbers ({@code
   * 0,1,...,63,target}, as pandas names a NumPy array's columns, or years {@code 2019,2020,2021}),
   * which name columns rather than hold values. A name that is a number among names that are not
   * ({@code country,2019,label}) is a header's.
   *
   * @param label the label column as {@code --label} gives it: a name on line 1, else a position
   *     from 0 (negative from the end); null or neither: no label column is known
   * @param classes the classes read from the rows after line 1, or a loaded model's; empty for
   *     a regression
   * @param command the command that read the file as having a header, named in the advice
   * @return why, or empty
   */
  public Optional<String> dataRow(String label, List<String> classes, String command) {
    int at = labelIndex(label);
    if (at < 0 || NUMBER.matcher(fields.get(at)).matches()) {
      return Optional.empty();  // a line of numbers only is summary()'s
    }
    List<String> others = new ArrayList<>(fields);
    others.remove(at);
    // Either sign alone is a header's too: len,links,spam over the classes spam and ham, or
    // 400,410,420,430,species (a spectrum's wavelengths).
    if (!classes.contains(fields.get(at)) || others.isEmpty()
        || !others.stream().allMatch(f -> NUMBER.matcher(f).matches()) || consecutive(others)) {
      return Optional.empty();
    }
    String why = String.format(Locale.ROOT,
        "its label, %s, is one of the classes, and every column's name"
        + " but the label's is a number", CsvFields.quote(fields.get(at)));
    return Optional.of(String.format(Locale.ROOT,
        "line 1 (%s) looks like a data row rather than a header: %s;"
        + " %s reads line 1 as the columns' names, not as a row: if the file has no header, add"
        + " one that names each column", shown(), why, command));
  }

  /**
   * The label column's index as the reader finds it ({@link CsvColumns#labelIndex}), or -1.
   */
  private int labelIndex(String label) {
    return label == null ? -1 : CsvColumns.labelIndex(fields, label);
  }

  /** Whether {@code names} are whole numbers that count up by one: names of columns, not values. */
  private static boolean consecutive(List<String> names) {
    for (int i = 0; i < names.size(); i++) {
      if (!INDEX.matcher(names.get(i)).matches()
          || i > 0 && Long.parseLong(names.get(i)) != Long.parseLong(names.get(i - 1)) + 1) {
        return false;
      }
    }
    return true;
  }

  /**
   * The column {@code label}, a whole number ({@link #numericName}), names as a 0-based index
   * (negative from the end, as the reader takes it), or -1 when no column is at that index.
   */
  private int position(String label) {
    long index = Long.parseLong(label);
    long column = index < 0 ? index + fields.size() : index;
    return column >= 0 && column < fields.size() ? (int) column : -1;
  }

  /**
   * Line 1 for a message, cut at {@link #SHOWN} characters: its fields joined by the file's
   * delimiter (a semicolon file's line was shown with commas, as no line of it is), and in double
   * quotes (inner ones doubled) where a field holds the delimiter or a quote, as a CSV file has
   * them: "name, full" was shown as two fields. A tab is shown as {@code \t}, as {@code
   * --delimiter} takes it: raw tabs in a message ran the fields together as blanks.
   */
  private String shown() {
    String separator = String.valueOf(delimiter);
    String between = delimiter == '\t' ? "\\t" : separator;
    String joined = String.join(between, fields.stream().map(f -> f.contains(separator)
        || f.indexOf('"') >= 0 ? "\"" + f.replace("\"", "\"\"") + "\"" : f).toList());
    // Cut before a surrogate pair rather than inside it.
    int cut = joined.length() > SHOWN && Character.isHighSurrogate(joined.charAt(SHOWN - 1))
        ? SHOWN - 1 : SHOWN;
    return joined.length() > SHOWN ? joined.substring(0, cut) + "…" : joined;
  }

  /**
   * The line's fields as the reader splits them: split at every delimiter, a row such as {@code
   * "Smith, J",0.3,1} counted 4 fields under a header of 3, and a right header was called a
   * summary line. A line the reader refuses (an unterminated quote) throws, and {@link #of}
   * explains nothing then: the reader's own error says what is wrong.
   */
  private static List<String> split(String line, char delimiter) {
    return CsvReader.fields(line.replace("\uFEFF", ""), delimiter, "the first lines");
  }

  /**
   * Where {@code label} (a {@code --label} value) was found when it is a number that is also a
   * header name, e.g. {@code the column named 4, at index 1}; empty otherwise.
   *
   * @param label the {@code --label} value, or null
   * @return where it was found, or empty
   */
  public Optional<String> numericName(String label) {
    if (label == null || !INDEX.matcher(label).matches() || !fields.contains(label)) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT, "the column named %s, at index %d", label,
        fields.indexOf(label)));
  }

  /**
   * Why the first line looks like a summary line (counts, class names) rather than a header, or
   * empty when it may well be a header.
   *
   * @param command the command that read the file as having a header, named in the advice
   * @return why, or empty
   */
  public Optional<String> summary(String command) {
    String line = shown();
    // 0,1,2,3,... is the header pandas writes for columns named by position (to_csv of a frame
    // made from an array), where a data row counting up from 0 over four columns or more is
    // rare; 0,1 is a two-column file's first row of 0/1 data as often.
    if (fields.stream().allMatch(f -> NUMBER.matcher(f).matches())
        && !(fields.size() >= 4 && fields.get(0).equals("0") && consecutive(fields))) {
      // The remedy as the other two shapes give theirs: digits.csv.gz, no header, was refused
      // for a header naming "0" thirty times, and the note said what line 1 looked like only.
      return Optional.of(String.format(Locale.ROOT,
          "line 1 (%s) is all numbers, like a data row or a summary"
          + " line rather than a header; %s reads line 1 as the columns' names: if the file has"
          + " no header, add one that names each column", line, command));
    }
    String why;
    if (INDEX.matcher(fields.get(0)).matches() && Long.parseLong(fields.get(0)) == rows) {
      why = String.format(Locale.ROOT,
          "it begins with %s, the number of rows after it", fields.get(0));
    } else if (nextFields > fields.size()) {
      why = String.format(Locale.ROOT,
          "it has %d fields where line 2 has %d", fields.size(), nextFields);
    } else {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT,
        "line 1 (%s) looks like a summary line rather than a header:"
        + " %s (scikit-learn's CSV files begin with the counts of rows and features, then the"
        + " class names); %s reads line 1 as the columns' names: replace it with a header"
        + " that names each column", line, why, command));
  }

  /**
   * {@code message} with what this line explains: the column a numeric {@code --label} named,
   * after the label's first mention (or at the end), and then why line 1 looks like no header.
   *
   * @param message a refusal's message
   * @param label the {@code --label} value, or null for a command without one ({@code predict},
   *     whose columns the model names)
   * @param command the command that read the file, as {@link #summary}
   * @return the message, explained; {@code message} itself when the line explains nothing
   */
  public String explain(String message, String label, String command) {
    String explained = message;
    Optional<String> named = numericName(label);
    if (named.isPresent()) {
      String mention = "the label \"" + label + "\"";
      int at = explained.indexOf(mention);
      explained = at >= 0
          ? explained.substring(0, at + mention.length()) + " (" + named.get() + ")"
              + explained.substring(at + mention.length())
          : explained + "; --label " + label + " took " + named.get() + " (a header name comes"
              + " before an index)";
    }
    Optional<String> summary = summary(command);
    return summary.isPresent() ? explained + "; " + summary.get() : explained;
  }
}
