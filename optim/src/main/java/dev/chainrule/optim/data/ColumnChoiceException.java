package dev.chainrule.optim.data;

/**
 * The columns the reader was told to use do not fit the file: a name no header column has, a
 * position out of range, or the label also named as a feature or as a column to drop. The message
 * names the source and, for a missing column, lists the header's. A program whose user chose the
 * columns may call this a usage error, as the example program's {@code train} does; one that took
 * them from a saved model, a fault of the file.
 */
public final class ColumnChoiceException extends DataFormatException {
  private static final long serialVersionUID = 1L;

  /** Whether the first row was one column holding another delimiter (see the accessor). */
  private final boolean delimiterSuspected;

  /**
   * A choice of columns described by {@code message}, which names the source and the columns.
   *
   * @param message the one line for people
   */
  public ColumnChoiceException(String message) {
    this(message, false);
  }

  /**
   * A choice of columns described by {@code message}, saying whether the first row was one
   * column holding another common delimiter.
   *
   * @param message the one line for people, with the question of the delimiter if suspected
   * @param delimiterSuspected whether the delimiter, more than the columns, is likely wrong
   */
  public ColumnChoiceException(String message, boolean delimiterSuspected) {
    super(message);
    this.delimiterSuspected = delimiterSuspected;
  }

  /**
   * Whether the first row was one column holding another common delimiter (';' or a tab read
   * with commas, or the reverse): then the delimiter the program was given is the likely fault,
   * even where a saved model chose the columns, and the message asks about it.
   *
   * @return whether the message asks whether another character is the file's delimiter
   */
  public boolean delimiterSuspected() {
    return delimiterSuspected;
  }
}
