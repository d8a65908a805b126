package dev.chainrule.optim.cli;

/**
 * Why a path on the command line cannot serve its option, in the user's words, and which of
 * two kinds of refusal it is. A path of the wrong kind for its option (empty, a folder where a
 * file goes, a device as an output, an output that is a file the run reads) is the command
 * line's to correct: a usage error, exit 2. A path the file system refuses (missing, unreadable,
 * a folder that cannot be written, a parent that is a file) is the work's failure, exit 1.
 *
 * @param message the one line, naming the option and the path
 * @param usage whether it is a usage error (a path of the wrong kind) rather than a failure
 * @param cause the file system's failure underneath, for a stack trace, or null
 */
public record PathRefusal(String message, boolean usage, Exception cause) {
  /**
   * A path of the wrong kind for its option.
   *
   * @param message the one line
   * @return the refusal, a usage error
   */
  public static PathRefusal wrongKind(String message) {
    return new PathRefusal(message, true, null);
  }

  /**
   * A path the file system refuses.
   *
   * @param message the one line
   * @return the refusal, a failure of the work
   */
  public static PathRefusal byFileSystem(String message) {
    return new PathRefusal(message, false, null);
  }

  /**
   * A path the file system refuses, with its exception.
   *
   * @param message the one line
   * @param cause what the file system threw
   * @return the refusal, a failure of the work
   */
  public static PathRefusal byFileSystem(String message, Exception cause) {
    return new PathRefusal(message, false, cause);
  }
}
