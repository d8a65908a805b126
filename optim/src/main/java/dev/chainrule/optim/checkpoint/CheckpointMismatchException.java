package dev.chainrule.optim.checkpoint;

/**
 * A well-formed checkpoint that does not fit the model it is loaded into. The model is left as it
 * was; {@link #report()} lists what did not match.
 */
public final class CheckpointMismatchException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient LoadReport report;

  CheckpointMismatchException(String source, LoadReport report) {
    this(source, report, "");
  }

  /** With {@code note} after the mismatches (why a missing path is missing, what to do). */
  CheckpointMismatchException(String source, LoadReport report, String note) {
    super(source + ": checkpoint does not match the model: "
        + report.describeMismatches() + note);
    this.report = report;
  }

  /**
   * What did not match.
   *
   * @return the report of missing, unexpected and mis-shaped names
   */
  public LoadReport report() {
    return report;
  }
}
