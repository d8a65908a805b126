package dev.chainrule.spark;

/**
 * A resume refused because the command line contradicts the checkpoint: an option (--dtype,
 * --optimizer, --lr, --local-steps, --partitions, --class-weights...) other than the run that
 * wrote it had. The launcher reports it as a usage error (exit 2), as the program's {@code train
 * --load} reports the same contradiction; a file that cannot be resumed for what it holds (damaged,
 * another data set's, a finished run) stays a failure of the run (exit 1).
 */
class ResumeContradiction extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  ResumeContradiction(String message) {
    super(message);
  }
}
