package dev.chainrule.optim.data;

/**
 * What {@link CsvReader} does with a cell that holds no usable number: an empty cell, a marker of
 * a missing value ({@code NaN}, {@code NA}, {@code N/A}, {@code null} in any case, {@code ?}, and
 * the other markers pandas reads as missing by default, as pandas spells them: {@code #N/A},
 * {@code #N/A N/A}, {@code #NA}, {@code <NA>}, {@code 1.#IND}, {@code -1.#IND}, {@code 1.#QNAN},
 * {@code -1.#QNAN}), or an infinity, in the label column too (a class cannot be named {@code NA}
 * or {@code ?}). {@code None} is no marker: it is a category in many data sets (pandas 2 reads it
 * as missing), so a class may be named {@code None}.
 */
public enum MissingValues {
  /**
   * The default: the first such cell ends reading with a {@link MissingValueException} naming the
   * file, line and column. A NaN that reaches training poisons every parameter it touches, and one
   * in test data is silently classified or turns a score into NaN.
   */
  REJECT,
  /** Rows with such a cell are left out; {@link CsvData#droppedRows()} counts them. */
  DROP,
  /**
   * Cells are read as NaN (infinities as themselves), for callers that impute values themselves.
   * Empty class labels are still rejected.
   */
  KEEP
}
