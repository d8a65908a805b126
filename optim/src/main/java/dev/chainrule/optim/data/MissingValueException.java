package dev.chainrule.optim.data;

/**
 * A cell holds no usable number (empty, a missing-value marker such as {@code NaN} or {@code NA},
 * or an infinity) and the reader was told to reject such cells ({@link MissingValues#REJECT}, the
 * default). The message names the source, line, column and text, e.g. {@code iris.csv: line 7,
 * column 3 (petal_length): empty cell}; callers may offer {@link MissingValues#DROP} as the way out.
 */
public final class MissingValueException extends DataFormatException {
  private static final long serialVersionUID = 1L;

  /**
   * A missing value described by {@code message}, which names the source and the place.
   *
   * @param message the one line for people
   */
  public MissingValueException(String message) {
    super(message);
  }
}
