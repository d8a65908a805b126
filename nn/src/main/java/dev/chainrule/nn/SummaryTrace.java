package dev.chainrule.nn;

import dev.chainrule.core.Shape;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What a {@link Summary}'s pass on zeros saw: each module's outputs, and the modules entered and
 * not yet left, so that a pass that fails can say in which layer, on what input.
 */
final class SummaryTrace {
  /**
   * A module entered and not yet left.
   *
   * @param module the module
   * @param input the shape of its input
   */
  record Running(Module module, Shape input) {}

  /** Each module's output shapes, in the order it made them. */
  final Map<Module, List<Shape>> outputs = new IdentityHashMap<>();

  /** The modules running, the innermost first. */
  private final Deque<Running> running = new ArrayDeque<>();

  /** Notes that {@code module} starts on an input of {@code input}. */
  void enter(Module module, Shape input) {
    running.push(new Running(module, input));
  }

  /**
   * Notes {@code module}'s output, and that it is done. A module that failed is never left: what
   * it entered stays above it, unless a module catches the failure and goes on, which is why
   * leaving drops everything above the module too.
   */
  void exit(Module module, Shape output) {
    outputs.computeIfAbsent(module, m -> new ArrayList<>()).add(output);
    for (Iterator<Running> it = running.iterator(); it.hasNext(); ) {
      if (it.next().module() == module) {
        while (running.peek().module() != module) {
          running.pop();
        }
        running.pop();
        return;
      }
    }
  }

  /**
   * The modules running, the innermost first: once the pass has thrown, the one that failed and
   * those it ran in.
   *
   * @return them, empty when none was entered
   */
  List<Running> running() {
    return List.copyOf(running);
  }
}
