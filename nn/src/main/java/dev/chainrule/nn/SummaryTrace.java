package dev.chainrule.nn;

import dev.chainrule.core.Shape;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link Summary}'s pass on zeros saw: each module's outputs, and each failure as it left
 * the modules it passed through, so that a pass that fails can say in which layer, on what input.
 * Failures are noted as they propagate rather than by tracking the modules entered and not left:
 * a module may catch a child's failure and go on (try one layer, fall back on another), and a
 * list of modules running would then still hold the child when the parent itself failed later.
 */
final class SummaryTrace {
  /**
   * A module that a failure left.
   *
   * @param module the module
   * @param input the shape of its input, null for a null input
   * @param failure what it threw
   * @param done the outputs it had made before this call, which tells its place among several
   */
  record Failed(Module module, Shape input, RuntimeException failure, int done) {}

  /** Each module's output shapes, in the order it made them. */
  final Map<Module, List<Shape>> outputs = new IdentityHashMap<>();

  /** The failures in the order they left modules: each one's innermost module first. */
  private final List<Failed> failed = new ArrayList<>();

  /** Notes {@code module}'s output. */
  void exit(Module module, Shape output) {
    outputs.computeIfAbsent(module, m -> new ArrayList<>()).add(output);
  }

  /** Notes that {@code failure} left {@code module}, called on an input of {@code input}. */
  void failed(Module module, Shape input, RuntimeException failure) {
    failed.add(new Failed(module, input, failure,
        outputs.getOrDefault(module, List.of()).size()));
  }

  /**
   * The modules that {@code failure} left, the innermost first: the one that threw it and those
   * it ran in. A failure caught on the way and replaced by another is not this one.
   *
   * @param failure the exception the pass threw
   * @return them, empty when it left no module (the pass failed before any layer ran)
   */
  List<Failed> left(RuntimeException failure) {
    return failed.stream().filter(f -> f.failure() == failure).toList();
  }
}
