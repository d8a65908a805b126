package dev.chainrule.optim.data;

/**
 * A data file does not have the format its reader expects: a field that is not a number, a row
 * with the wrong number of fields, a truncated or corrupt binary file. The message names the
 * source (usually a file name), and where the format allows it the line, the column and the
 * offending text, e.g. {@code iris.csv: line 7, column 3 (petal_length): "abc" is not a number}.
 *
 * <p>Unchecked, like {@link IllegalArgumentException}: a malformed file is bad input the caller
 * cannot recover from in place, and readers are often called where checked exceptions get in the
 * way (stream pipelines, static initialisers of examples). Failures to read at all (a missing file,
 * a disk error) stay {@link java.io.IOException}s.
 */
public class DataFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * A fault described by {@code message}, which names the source and the place.
   *
   * @param message the one line for people
   */
  public DataFormatException(String message) {
    super(message);
  }

  /**
   * A fault found through {@code cause}, such as corrupt compressed data.
   *
   * @param message the one line for people
   * @param cause what went wrong underneath
   */
  public DataFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
