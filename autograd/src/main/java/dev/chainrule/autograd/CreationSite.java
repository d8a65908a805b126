package dev.chainrule.autograd;

import java.util.Iterator;
import java.util.stream.Stream;

/**
 * Finds the line of the user's code that is creating an op: the first stack frame outside the
 * library and the JDK. Library frames are skipped so that an op made inside a layer or a loss
 * points at the user's call of that layer or loss; JDK frames are skipped so that
 * {@code stream.map(Variable::log)} points at the user's stream, not at the stream's internals.
 * Everything else (the user's own modules, ops and lambdas, the examples program) is user code.
 */
final class CreationSite {
  private static final String[] LIBRARY = {
      "dev.chainrule.autograd.", "dev.chainrule.nn.", "dev.chainrule.optim."};
  private static final String[] JDK = {"java.", "javax.", "jdk.", "sun.", "com.sun."};
  private static final StackWalker WALKER = StackWalker.getInstance();

  private CreationSite() {}

  /**
   * The calling user code's frame, or the first frame outside the library if only the JDK called
   * it (a thread started by the JDK itself), or {@code null} if nothing called the library.
   */
  static StackTraceElement capture() {
    return WALKER.walk(CreationSite::firstUserFrame);
  }

  private static StackTraceElement firstUserFrame(Stream<StackWalker.StackFrame> frames) {
    StackWalker.StackFrame outsideLibrary = null;
    for (Iterator<StackWalker.StackFrame> it = frames.iterator(); it.hasNext(); ) {
      StackWalker.StackFrame frame = it.next();
      String className = frame.getClassName();
      if (startsWithAny(className, LIBRARY)) {
        continue;
      }
      if (!startsWithAny(className, JDK)) {
        return frame.toStackTraceElement();
      }
      if (outsideLibrary == null) {
        outsideLibrary = frame;
      }
    }
    return outsideLibrary == null ? null : outsideLibrary.toStackTraceElement();
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
