package dev.chainrule.optim.data;

import java.util.List;
import java.util.stream.Stream;

/**
 * A cell that had to hold a number holds text that is none (not a missing-value marker, which is
 * a {@link MissingValueException}), e.g. {@code pets.csv: line 2, column 2 (name): "rex" is not a
 * number}. It says which column and whether that is the label, so that a caller can name its own
 * way out: a column of text (names, ids) left out of the features, or a label read as classes
 * rather than as a regression's numbers.
 */
public final class NotANumberException extends DataFormatException {
  private static final long serialVersionUID = 1L;

  /**
   * The header names of the columns found to hold text, the refused cell's first; empty in a
   * file without a header.
   */
  private final List<String> columns;

  /** Whether the column is the label (a regression's target), not a feature. */
  private final boolean label;

  /** Whether every feature column was found to hold text: leaving them out leaves no feature. */
  private final boolean allFeatures;

  /**
   * A cell of {@code column} that is no number, described by {@code message}.
   *
   * @param message the one line for people: the source, line, column and text
   * @param column the column's header name, or null in a file without a header
   * @param label whether the column is the label
   * @param cause the parser's exception
   */
  public NotANumberException(String message, String column, boolean label, Throwable cause) {
    this(message, column == null ? null : List.of(column), label, cause);
  }

  /**
   * A cell that is no number in the first of {@code columns}, which all hold text: the reader
   * names them all, for one way out that leaves them all out.
   *
   * @param message the one line for people: the source, line, column and text, and the other
   *     columns' places and text
   * @param columns the header names of the columns that hold text, the refused cell's first; null
   *     in a file without a header
   * @param label whether the (first) column is the label
   * @param cause the first refusal
   */
  public NotANumberException(String message, List<String> columns, boolean label,
      Throwable cause) {
    this(message, columns, label, false, cause);
  }

  /**
   * As {@link #NotANumberException(String, List, boolean, Throwable)}, saying whether the
   * columns are every feature column: then no {@code --drop} is a way out.
   *
   * @param message the one line for people: the source, line, column and text, and the other
   *     columns' places and text
   * @param columns the header names of the columns that hold text, the refused cell's first; null
   *     in a file without a header
   * @param label whether the (first) column is the label
   * @param allFeatures whether the columns are every feature column
   * @param cause the first refusal
   */
  public NotANumberException(String message, List<String> columns, boolean label,
      boolean allFeatures, Throwable cause) {
    super(message, cause);
    this.columns = columns == null ? List.of() : List.copyOf(columns);
    this.label = label;
    this.allFeatures = allFeatures;
  }

  /**
   * Whether every feature column was found to hold text, so that leaving them out would leave
   * no feature.
   *
   * @return whether the text columns are all the features
   */
  public boolean allFeatures() {
    return allFeatures;
  }

  /**
   * The column's name in the header.
   *
   * @return the header name, or null when the file has no header
   */
  public String column() {
    return columns.isEmpty() ? null : columns.get(0);
  }

  /**
   * The header names of every feature column the reader found to hold text, the refused cell's
   * first: the rest of the file is read after a refused cell for them.
   *
   * @return the names; empty when the file has no header
   */
  public List<String> columns() {
    return columns;
  }

  /**
   * Whether the cell is the label's (a regression's target), not a feature's.
   *
   * @return whether the column is the label
   */
  public boolean isLabel() {
    return label;
  }

  /**
   * The way out, for the command lines that share the options {@code --drop}, {@code --features}
   * and {@code --task} (the program's {@code train} and the Spark launcher): a text column left
   * out (the first thing a CSV of one's own trips on: every column but the label is a feature),
   * or a label read as classes. Said as a condition, since the text may be a typo. Empty in a file
   * without a header, whose columns have no name to give. When every feature column holds text,
   * no {@code --drop}: it would leave no feature.
   *
   * @param drop the {@code --drop} list given, or null
   * @param featuresGiven whether {@code --features} chose the features
   * @return "; if the column holds text ..." to append to the message, or ""
   */
  public String commandLineAdvice(List<String> drop, boolean featuresGiven) {
    if (columns.isEmpty()) {
      return "";
    }
    if (label) {
      return "; a regression's label is a number: if the labels are classes, leave out --task"
          + " regression";
    }
    if (allFeatures) {
      // Leaving them all out leaves nothing to learn from: the reader would refuse that next.
      return "; the features must be numbers, and every feature column holds text: encode"
          + " the categories as numbers (one column of 0 or 1 for each), or choose numeric"
          + " columns with --features";
    }
    String them = columns.size() == 1 ? "the column holds text (names, ids), leave it out "
        : "the columns hold text (names, ids), leave them out ";
    return "; if " + them + (featuresGiven
        ? "of --features" : "with " + CsvCommandLine.option("--drop", drop == null
            ? columns : Stream.concat(drop.stream(), columns.stream()).toList()));
  }
}
