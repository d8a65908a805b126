package dev.chainrule.examples.cli;

/**
 * A path of the wrong kind for its option, found by {@link PathChecks} where the command's spec
 * is not at hand: empty, a folder where a file goes or a file where a folder does, a device as
 * an output, or an output that is a file the same run reads. The command line is what to
 * correct, so the program reports it as a usage error (exit 2), as it reports {@code --save} over
 * a data file; a path the file system refuses (missing, unreadable, not writable) stays a {@link
 * Failure} of the work (exit 1). They were all failures, so {@code --save data.csv} exited 2 and
 * {@code --save folder} or {@code --out data.csv} exited 1.
 */
public final class PathUsage extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * A usage error described by one line, naming the option and the path.
   *
   * @param message the one line for people
   */
  public PathUsage(String message) {
    super(message);
  }
}
