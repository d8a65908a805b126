package dev.chainrule.examples.commands;

/** Whether standard output is an interactive terminal (not a pipe, a file or a CI log). */
final class Terminal {
  private Terminal() {}

  static boolean isInteractive() {
    return System.console() != null && !"dumb".equals(System.getenv("TERM"));
  }
}
