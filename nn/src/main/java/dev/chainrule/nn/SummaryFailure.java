package dev.chainrule.nn;

import dev.chainrule.core.Shape;
import java.util.List;

/**
 * The refusal of a {@link Summary} whose pass on zeros failed. The layer's own message says what
 * is wrong with its input ({@code Dense(54 -> 3): input [1, 64] should be [batch, 54]}) but not
 * where the layer is; a model of several alike layers, or one whose shapes come from pooling
 * arithmetic, left the user to work out which. The refusal names the layer's place in the tree
 * and its input, shows the table up to it (the shapes the layers before it made, where the
 * mistake usually is), and keeps the failure as its cause, in its type when it is one of the
 * usual refusals.
 */
final class SummaryFailure {
  private SummaryFailure() {}

  /** The refusal of {@code model}'s summary for {@code input}, whose pass threw {@code cause}. */
  static RuntimeException of(Module model, Shape input, SummaryTrace trace,
      RuntimeException cause) {
    List<Summary.Place> places = Summary.places(model, trace.outputs);
    // The innermost module running that has a place in the tree: a module run without one (a
    // helper a custom module keeps unregistered) is reported by the place it ran in.
    for (SummaryTrace.Running running : trace.running()) {
      int index = placeOf(running.module(), places, trace);
      if (index >= 0) {
        return wrap(message(places, index, running.input(), input, cause), cause);
      }
    }
    return cause; // nothing entered: the pass failed before any layer ran
  }

  /**
   * The row of the place where {@code module} failed: the place after those it made outputs at,
   * as the containers call each place once in turn.
   */
  private static int placeOf(Module module, List<Summary.Place> places, SummaryTrace trace) {
    int done = trace.outputs.getOrDefault(module, List.of()).size();
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
        .append(where).append(" failed on ").append(on).append(": ").append(cause.getMessage());
    if (rows.size() > 1) {
      text.append("\nthe layers up to it:\n").append(Summary.table(rows, failed,
          layerInput == null ? "failed" : "failed on " + layerInput));
    }
    return text.toString().stripTrailing();
  }

  /** A refusal of {@code cause}'s type where it is one of the usual ones, else a state error. */
  private static RuntimeException wrap(String message, RuntimeException cause) {
    RuntimeException wrapped;
    if (cause instanceof IllegalArgumentException) {
      wrapped = new IllegalArgumentException(message, cause);
    } else if (cause instanceof NullPointerException) {
      wrapped = new NullPointerException(message);
      wrapped.initCause(cause);
    } else if (cause instanceof UnsupportedOperationException) {
      wrapped = new UnsupportedOperationException(message, cause);
    } else {
      wrapped = new IllegalStateException(message, cause);
    }
    return wrapped;
  }
}
