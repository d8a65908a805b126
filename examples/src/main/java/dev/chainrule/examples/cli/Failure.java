package dev.chainrule.examples.cli;

/**
 * The work of a command failed for a reason the user can act on (a folder that cannot be
 * written, a model too large for the heap, a diverging run): exit code 1, and the message, already
 * in the user's words, is the one line printed.
 */
public final class Failure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * A failure described by one line.
   *
   * @param message the one line for people
   */
  public Failure(String message) {
    super(message);
  }

  /**
   * A failure described by one line, with its cause for --verbose.
   *
   * @param message the one line for people
   * @param cause what went wrong underneath
   */
  public Failure(String message, Throwable cause) {
    super(message, cause);
  }
}
