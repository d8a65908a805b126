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

  /**
   * A choice of columns described by {@code message}, which names the source and the columns.
   *
   * @param message the one line for people
   */
  public ColumnChoiceException(String message) {
    super(message);
  }
}
