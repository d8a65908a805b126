package dev.chainrule.optim.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.DType;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a table of numbers with one label column from CSV text into a {@link Dataset}:
 *
 * <pre>{@code
 * CsvData iris = CsvReader.builder().labelColumn("species").build().read(Path.of("iris.csv"));
 * }</pre>
 *
 * <p>Every column except the label column is a numeric feature (or only those {@linkplain
 * Builder#features chosen}, or all but those {@linkplain Builder#drop dropped}; columns not used
 * are not read, and those read need distinct header names): plain decimal notation (as {@code
 * 5.1}, {@code -2}, {@code 1e-3}). A cell that is empty, marks a missing value ({@code NaN},
 * {@code NA}, {@code N/A}, {@code null}, {@code ?}, {@code #N/A}: those pandas reads as missing
 * but {@code None}, a category in many data sets; see {@link MissingValues}) or holds an infinity
 * ({@code inf}, {@code -Infinity}) is rejected with its place by default; see {@link MissingValues}
 * for dropping such rows or keeping the values. Class labels may be any text and are categories:
 * the K distinct labels become classes 0 to K − 1 in an order that depends only on the set of
 * labels (see {@link Builder#classNames} to fix it instead): numeric labels in ascending order of
 * value, any other labels by name ({@link String#compareTo}). With {@link Builder#regression()} the
 * label column is a numeric target instead.
 *
 * <p>Blank lines (only spaces, none of them the delimiter: a line of tabs in a tab-separated file
 * is a row of empty cells) are skipped; fields are separated by the delimiter, stripped of
 * surrounding whitespace (no-break spaces such as U+00A0 included), and may be enclosed in double
 * quotes (RFC 4180: a doubled quote inside stands for one; a quoted field cannot span lines). Input
 * that is gzip-compressed (recognised by its first bytes) is decompressed; text is UTF-8, a leading
 * byte-order mark is ignored. Bytes that are not UTF-8 (and the replacement character U+FFFD that
 * stands for them), and control characters other than tab, are rejected as "not text" without being
 * echoed.
 *
 * <p>A malformed file throws {@link DataFormatException} naming the source, the line (counting
 * every line from 1, as editors do), the column (from 1, with its header name) and the text, e.g.
 * {@code iris.csv: line 7, column 3 (petal_length): "abc" is not a number}. A reader is immutable
 * and may be shared.
 */
public final class CsvReader {
  private final CsvOptions options;

  private CsvReader(CsvOptions options) {
    this.options = options;
  }

  /**
   * Options starting from the defaults: a header row, commas, the class label last.
   *
   * @return a builder with the defaults
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * One line's fields as this reader splits them: a field in double quotes may hold the
   * delimiter, a doubled quote inside stands for one, and fields are stripped of surrounding
   * whitespace. For a program that reads a file's first lines itself, to explain a header that
   * is none, and must count its fields as the reader does.
   *
   * @param line the line, without its line break
   * @param delimiter the field separator
   * @param where the start of an error message, e.g. {@code iris.csv: line 1}
   * @return the fields, unquoted
   * @throws DataFormatException naming {@code where} and the column for an unterminated quoted
   *     field or text after a closing quote
   */
  public static List<String> fields(String line, char delimiter, String where) {
    return CsvFields.split(line, delimiter, where);
  }

  /**
   * Reads a file; messages name it by its file name.
   *
   * @param file the file
   * @return the data, its column names and its class names
   * @throws IOException when the input cannot be read
   */
  public CsvData read(Path file) throws IOException {
    checkNotNull(file, "CsvReader.read: file is null");
    Path name = file.getFileName();
    try (InputStream in = open(file)) {
      return read(in, name == null ? file.toString() : name.toString());
    }
  }

  /**
   * A stream of the file's bytes. A pipe ({@code /dev/stdin}, a FIFO, a shell's {@code <(...)})
   * is read through a FileInputStream: the channel stream that Files.newInputStream gives asks
   * the file for its size and position when the decoder checks what is available, and a pipe
   * answers "Illegal seek".
   */
  private static InputStream open(Path file) throws IOException {
    return Files.isRegularFile(file) || file.getFileSystem() != FileSystems.getDefault()
        ? Files.newInputStream(file) : new FileInputStream(file.toFile());
  }

  /**
   * Reads UTF-8 text (gzip-compressed or not) from a stream, which is left open.
   *
   * @param in the stream
   * @param source the name used in error messages, such as a file or resource name
   * @return the data, its column names and its class names
   * @throws DataFormatException naming the source when the gzip data is corrupt or cut short
   * @throws IOException when the input cannot be read
   */
  public CsvData read(InputStream in, String source) throws IOException {
    checkNotNull(in, "CsvReader.read: input stream is null");
    checkNotNull(source, "CsvReader.read: source name is null");
    return Compression.readText(in, source, text -> read(text, source));
  }

  /**
   * Reads CSV text from a reader, which is left open.
   *
   * @param reader the text
   * @param source the name used in error messages, such as a file or resource name
   * @return the data, its column names and its class names
   * @throws IOException when the input cannot be read
   */
  public CsvData read(Reader reader, String source) throws IOException {
    checkNotNull(reader, "CsvReader.read: reader is null");
    checkNotNull(source, "CsvReader.read: source name is null");
    return new CsvParsing(options, source).read(reader);
  }

  /** Options for a {@link CsvReader}; each setter returns this builder. */
  public static final class Builder {
    private boolean header = true;
    private int skipLines = 0;
    private char delimiter = ',';
    private String labelName = null;
    private int labelIndex = -1;
    private Integer labelFallbackIndex = null;
    private boolean optionalLabel = false;
    private boolean regression = false;
    private List<String> classNames = null;
    private List<String> features = null;
    private List<String> dropped = List.of();
    private MissingValues missing = MissingValues.REJECT;
    private DType dtype = DType.FLOAT64;

    private Builder() {}

    /**
     * Whether the first line read (after {@link #skipLines}) names the columns; default true.
     * A first line that looks like a data row (every name but the label's a number, the label's
     * one of the classes) or is all numbers is still read as the names, and {@link
     * CsvData#notes()} says so: a file without a header would lose its first row unseen.
     *
     * @param hasHeader whether the first line names the columns
     * @return this builder
     */
    public Builder header(boolean hasHeader) {
      this.header = hasHeader;
      return this;
    }

    /**
     * Lines to ignore at the start, before the header or the first row, such as the summary line
     * of scikit-learn's bundled files; default 0. They still count for line numbers.
     *
     * @param count how many
     * @return this builder
     */
    public Builder skipLines(int count) {
      checkArgument(count >= 0, "CsvReader: lines to skip must not be negative, got %s", count);
      this.skipLines = count;
      return this;
    }

    /**
     * The field separator; default {@code ','}. Not a double quote or a line break.
     *
     * @param separator the field separator
     * @return this builder
     */
    public Builder delimiter(char separator) {
      checkArgument(separator != '"' && separator != '\n' && separator != '\r',
          "CsvReader: %s cannot be the delimiter", separator == '"' ? "a double quote"
              : "a line break");
      this.delimiter = separator;
      return this;
    }

    /**
     * The label column by its header name (which needs a header row). Every column name given
     * to the builder is the exact header name or, when no column has it, the name inside one
     * pair of surrounding double quotes: a command line's list splits at commas but not inside
     * double quotes, which it keeps, so {@code "name, full"} is how it gives a name holding a
     * comma, while a header name that really is in quotes is found as given.
     *
     * @param name the name
     * @return this builder
     */
    public Builder labelColumn(String name) {
      checkNotNull(name, "CsvReader: label column name is null");
      checkArgument(!name.isBlank(), "CsvReader: label column name is blank");
      this.labelName = name;
      this.labelFallbackIndex = null;
      return this;
    }

    /**
     * The label column as a person names it: the column whose header name is exactly {@code
     * column}; only when no column has that name and {@code column} is a whole number, the column
     * at that position (from 0; negative counts from the end). A name comes first because a
     * header may name its columns "0" and "1": reading "1" as a position would then pick the
     * column named "0".
     *
     * @param column a header name, or a position
     * @return this builder
     */
    public Builder labelColumnNamedOrAt(String column) {
      labelColumn(column);
      this.labelFallbackIndex = CsvColumns.labelPosition(column);
      return this;
    }

    /**
     * The label column by position, counting from 0; negative positions count from the end
     * ({@code -1}, the default, is the last column). Error messages count columns from 1.
     *
     * @param index the index
     * @return this builder
     */
    public Builder labelColumn(int index) {
      this.labelName = null;
      this.labelFallbackIndex = null;
      this.labelIndex = index;
      return this;
    }

    /**
     * The label column (given by name) may be absent, as in new data to predict: then the labels
     * are {@code [N, 0]} and {@link CsvData#hasLabels()} is false. When it is there, a row whose
     * label cell is empty, marks a missing value or is infinite ({@code inf}, {@code 1e400}) is
     * read as an {@linkplain
     * CsvData#unlabelledRows() unlabelled row}, whatever the {@linkplain #missingValues policy}
     * for features: a label not known yet is what new data has.
     *
     * @return this builder
     */
    public Builder optionalLabel() {
      this.optionalLabel = true;
      return this;
    }

    /**
     * Only these columns are features, in this order (which becomes the order of the feature
     * columns); the others, except the label, are not read. Needs a header row.
     *
     * @param names the feature columns' header names, distinct (found as {@link
     *     #labelColumn(String)} finds one)
     * @return this builder
     */
    public Builder features(List<String> names) {
      this.features = CsvOptions.distinctNames("feature", names);
      return this;
    }

    /**
     * Every column except the label and these is a feature; these are not read.
     *
     * @param names the header names of the columns not to read, distinct (found as {@link
     *     #labelColumn(String)} finds one)
     * @return this builder
     */
    public Builder drop(List<String> names) {
      this.dropped = CsvOptions.distinctNames("dropped", names);
      return this;
    }

    /**
     * What to do with empty, missing and infinite cells; default {@link MissingValues#REJECT}.
     *
     * @param policy what to do with rows that have missing values
     * @return this builder
     */
    public Builder missingValues(MissingValues policy) {
      this.missing = checkNotNull(policy, "CsvReader: missing-value policy is null");
      return this;
    }

    /**
     * The element type of the features (default float64): a float32 data set is built in float32
     * as it is read, never as float64 first. Labels are class indices or targets, kept in
     * float64; losses take them in the prediction's type.
     *
     * @param type float64 or float32
     * @return this builder
     */
    public Builder dtype(DType type) {
      this.dtype = checkNotNull(type, "CsvReader: dtype is null");
      return this;
    }

    /**
     * The label column is a numeric target (labels {@code [N, 1]}), not a class.
     *
     * @return this builder
     */
    public Builder regression() {
      this.regression = true;
      return this;
    }

    /**
     * Fixes the classes, in index order, instead of inferring them from the file; a label not in
     * the list is an error. Use it to read a test file with the classes of its training file,
     * {@code classNames(train.classNames())}, which keeps the indices consistent even when the
     * test file lacks a class.
     *
     * @param names a name per class, distinct, in index order
     * @return this builder
     */
    public Builder classNames(List<String> names) {
      this.classNames = CsvOptions.classNames(names);
      return this;
    }

    /**
     * The reader; checks that the options fit together.
     *
     * @return the reader
     */
    public CsvReader build() {
      return new CsvReader(new CsvOptions(header, skipLines, delimiter, labelName, labelIndex,
          labelFallbackIndex, optionalLabel, regression, classNames, features, dropped, missing,
          dtype));
    }
  }
}
