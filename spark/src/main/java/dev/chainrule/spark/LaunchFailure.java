package dev.chainrule.spark;

/**
 * The launcher's work failed for a reason the user can act on: exit code 1, and the message, in
 * the user's words, is the one line printed.
 */
final class LaunchFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  LaunchFailure(String message) {
    super(message);
  }

  LaunchFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
