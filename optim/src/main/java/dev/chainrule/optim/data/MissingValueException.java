package dev.chainrule.optim.data;

import java.util.List;

/**
 * A cell holds no usable number (empty, a missing-value marker such as {@code NaN} or {@code NA},
 * or an infinity) and the reader was told to reject such cells ({@link MissingValues#REJECT}, the
 * default). The message names the source, line, column and text, e.g. {@code iris.csv: line 7,
 * column 3 (petal_length): empty cell}; callers may offer {@link MissingValues#DROP} as the way
 * out.
 */
public final class MissingValueException extends DataFormatException {
  private static final long serialVersionUID = 1L;

  /** Whether the cell is a number float64 reads and float32 cannot hold (1e39). */
  private final boolean beyondFloat32;

  /** The feature columns with no value in any row, by header name. */
  private final List<String> emptyColumns;

  /**
   * A missing value described by {@code message}, which names the source and the place.
   *
   * @param message the one line for people
   */
  public MissingValueException(String message) {
    this(message, false);
  }

  /**
   * A missing value, saying whether it is a number float64 reads and float32 cannot hold.
   *
   * @param message the one line for people
   * @param beyondFloat32 whether the cell is a finite float64 number beyond float32's range
   */
  public MissingValueException(String message, boolean beyondFloat32) {
    super(message);
    this.beyondFloat32 = beyondFloat32;
    this.emptyColumns = List.of();
  }

  /**
   * A missing value in a column that has no value in any row, as others may: leaving the rows
   * out would leave none, and leaving the columns out is the way.
   *
   * @param message the one line for people, saying that the columns have no value
   * @param emptyColumns the header names of the feature columns without a value in any row;
   *     empty in a file without a header
   */
  public MissingValueException(String message, List<String> emptyColumns) {
    super(message);
    this.beyondFloat32 = false;
    this.emptyColumns = List.copyOf(emptyColumns);
  }

  /**
   * Whether the cell is a finite number in float64 beyond float32's range (1e39 in a float32
   * read): reading in float64 is a way out besides leaving the row out.
   *
   * @return true for a float32 overflow
   */
  public boolean beyondFloat32() {
    return beyondFloat32;
  }

  /**
   * The feature columns, by header name, that have no value in any row of the file, when the
   * refused cell is in one of them: {@code --missing drop} would leave out every row.
   *
   * @return the names; empty when the refused column has values elsewhere or the file has no
   *     header
   */
  public List<String> emptyColumns() {
    return emptyColumns;
  }
}
