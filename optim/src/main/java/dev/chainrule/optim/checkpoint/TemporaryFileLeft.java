package dev.chainrule.optim.checkpoint;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A failed write's temporary file that could not be deleted either (a folder that takes new
 * files but lets none be removed or renamed, such as an append-only one), added to the write's
 * failure as a suppressed exception: {@link IoFailures#describe} names it, so that the message
 * says a file was left behind, and where, instead of only why the write failed. Before, each
 * attempt left one more hidden {@code .<name>.<hex>.tmp} without a word.
 */
final class TemporaryFileLeft extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * The temporary file left, and why it could not be deleted.
   *
   * @param temp the temporary file
   * @param cause the deletion's failure
   */
  TemporaryFileLeft(Path temp, IOException cause) {
    super("the temporary file " + temp + " could not be deleted ("
        + IoFailures.describe(cause, temp.toString()) + ") and is left there", cause);
  }
}
