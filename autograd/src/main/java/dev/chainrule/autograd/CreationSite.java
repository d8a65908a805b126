package dev.chainrule.autograd;

/**
 * Where an op was created: the line of the user's code, the first stack frame outside the library
 * and the JDK. Library frames are skipped so that an op made inside a layer or a loss points at
 * the user's call of that layer or loss; JDK frames are skipped so that
 * {@code stream.map(Variable::log)} points at the user's stream, not at the stream's internals.
 * Everything else (the user's own modules, ops and lambdas, the examples program) is user code.
 *
 * <p>Capturing keeps the thread's stack as a {@link Throwable} records it, and finds the frame
 * only when asked, which happens on the way to an error message: recording a site for every op
 * (anomaly detection does) then costs the JVM's walk of the stack alone, 0.6 µs twenty frames
 * deep here, where a {@link StackWalker} looking for the frame at once took 4.4. Until then an
 * op keeps that record of its stack (a few dozen bytes a frame, which also keeps each frame's
 * class loaded) where it used to keep one frame. A JVM run with {@code -XX:-StackTraceInThrowable}
 * records no stack in a {@code Throwable}, and its sites are unknown.
 */
final class CreationSite {
  private static final String[] LIBRARY = {
      "dev.chainrule.autograd.", "dev.chainrule.nn.", "dev.chainrule.optim."};
  private static final String[] JDK = {"java.", "javax.", "jdk.", "sun.", "com.sun."};

  /** The stack at the capture, never thrown; null once the frame is found. */
  private Throwable stack;
  private StackTraceElement frame;
  private boolean found;

  private CreationSite(Throwable stack) {
    this.stack = stack;
  }

  /** The calling thread's stack, its frame to be found when {@link #frame()} asks. */
  static CreationSite capture() {
    return new CreationSite(new Throwable("creation site"));
  }

  /**
   * The calling user code's frame, or the first frame outside the library if only the JDK called
   * it (a thread started by the JDK itself), or {@code null} if nothing called the library.
   */
  synchronized StackTraceElement frame() {
    if (!found) {
      frame = firstUserFrame(stack.getStackTrace());
      found = true;
      // The whole stack, now resolved into an element per frame, is no longer needed.
      stack = null;
    }
    return frame;
  }

  private static StackTraceElement firstUserFrame(StackTraceElement[] frames) {
    StackTraceElement outsideLibrary = null;
    for (StackTraceElement frame : frames) {
      String className = frame.getClassName();
      if (startsWithAny(className, LIBRARY)) {
        continue;
      }
      if (!startsWithAny(className, JDK)) {
        return frame;
      }
      if (outsideLibrary == null) {
        outsideLibrary = frame;
      }
    }
    return outsideLibrary;
  }

  private static boolean startsWithAny(String className, String[] prefixes) {
    for (String prefix : prefixes) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
