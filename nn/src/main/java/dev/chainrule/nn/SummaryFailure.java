package dev.chainrule.nn;

import dev.chainrule.core.Shape;
import java.util.List;

/**
 * The refusal of a {@link Summary} whose pass on zeros failed. The layer's own message says what
 * is wrong with its input ({@code Dense(54 -> 3): input [1, 64] should be [batch, 54]}) but not
 * where the layer is; a model of several alike layers, or one whose shapes come from pooling
 * arithmetic, left the user to work out which. The refusal names the layer's place in the tree
 * and its input, shows the table up to it (the shapes the layers before it made, where the
 * mistake usually is), and keeps the failure's class: an argument, state, null or
 * unsupported-operation refusal is thrown anew with that text and the failure as its cause; any
 * other class is thrown itself with the text attached as a suppressed exception. The layer blamed
 * is the innermost one that the thrown exception left, not the last one entered: a module may
 * catch a child's failure, go on, and fail itself.
 */
final class SummaryFailure {
  private SummaryFailure() {}

  /** The refusal of {@code model}'s summary for {@code input}, whose pass threw {@code cause}. */
  static RuntimeException of(Module model, Shape input, SummaryTrace trace,
      RuntimeException cause) {
    List<Summary.Place> places = Summary.places(model, trace.outputs);
    // The innermost module running that has a place in the tree: a module run without one (a
    // helper a custom module keeps unregistered) is reported by the place it ran in.
    for (SummaryTrace.Failed failed : trace.left(cause)) {
      int index = placeOf(failed, places);
      if (index >= 0) {
        return located(message(places, index, failed.input(), input, cause), cause);
      }
    }
    return cause; // nothing entered: the pass failed before any layer ran
  }

  /**
   * The row of the place where the module failed: the place after those it had made outputs at,
   * as the containers call each place once in turn.
   */
  private static int placeOf(SummaryTrace.Failed failed, List<Summary.Place> places) {
    Module module = failed.module();
    int done = failed.done();
    int last = -1;
    int seen = 0;
    for (int i = 0; i < places.size(); i++) {
      if (places.get(i).module() == module) {
        last = i;
        if (seen++ == done) {
          return i;
        }
      }
    }
    return last;
  }

  private static String message(List<Summary.Place> places, int failed, Shape layerInput,
      Shape input, RuntimeException cause) {
    Summary.Place place = places.get(failed);
    // The rows up to the failing one, and those under it: what it ran before it failed.
    int end = failed + 1;
    while (end < places.size() && places.get(end).row().depth() > place.row().depth()) {
      end++;
    }
    List<Summary.Row> rows = places.subList(0, end).stream().map(Summary.Place::row).toList();
    String where = place.path().isEmpty() ? "the model " + place.row().layer()
        : "layer '" + place.path() + "' " + place.row().layer();
    String on = layerInput == null ? "a null input" : "its input " + layerInput;
    StringBuilder text = new StringBuilder("summary for input ").append(input).append(": ")
        .append(where).append(" failed on ").append(on).append(": ")
        .append(cause.getMessage() == null ? cause.toString() : cause.getMessage());
    if (rows.size() > 1) {
      text.append("\nthe layers up to it:\n").append(Summary.table(rows, failed,
          layerInput == null ? "failed" : "failed on " + layerInput));
    }
    return text.toString().stripTrailing();
  }

  /**
   * The refusal, of exactly {@code cause}'s class, so that a caller catching that class around
   * the summary still catches it. The usual plain refusals are thrown anew with the location in
   * their message and the cause kept; any other class (a subclass such as autograd's
   * {@code AnomalyException}, a user's own exception) is thrown itself, its location attached as
   * a suppressed exception, which its stack trace prints.
   */
  private static RuntimeException located(String message, RuntimeException cause) {
    Class<?> type = cause.getClass();
    if (type == IllegalArgumentException.class) {
      return new IllegalArgumentException(message, cause);
    } else if (type == IllegalStateException.class) {
      return new IllegalStateException(message, cause);
    } else if (type == UnsupportedOperationException.class) {
      return new UnsupportedOperationException(message, cause);
    } else if (type == NullPointerException.class) {
      RuntimeException wrapped = new NullPointerException(message);
      wrapped.initCause(cause);
      return wrapped;
    }
    cause.addSuppressed(new SummaryLocation(message));
    return cause;
  }

  /** Where a summary's pass failed, attached to a failure that is thrown in its own class. */
  static final class SummaryLocation extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SummaryLocation(String message) {
      super(message, null, false, false);
    }
  }
}
