package dev.chainrule.examples.plot;

/**
 * Puts AWT into headless mode before anything in this package touches it. AWT decides once, at the
 * first class that asks (loading {@code java.awt.Color} is enough), whether a display exists; on a
 * server with a stale {@code DISPLAY} it would then try to reach an X server and fail. Pictures are
 * drawn into images only, so no display is ever needed. A value the user set explicitly is kept.
 */
final class Headless {
  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private Headless() {}

  /** Runs the static initializer above; every class here that uses AWT calls this first. */
  static void ensure() {
    // The work is done by class initialisation.
  }
}
