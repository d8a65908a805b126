package dev.chainrule.autograd;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Set;

/**
 * Whether a gradient a user's code returned depends on the gradient it was given in the recorded
 * graph: the check, shared by users' backward rules ({@link UsersRule}) and gradient hooks
 * ({@link GradientHooks}), that catches code which computed on {@code g.value()} or held g as a
 * constant while the pass records a graph, where derivatives through it would silently miss the
 * term through g.
 */
final class GradientPaths {
  /** Nodes a walk visits at most before it gives up and answers "connected". */
  static final int WALK_LIMIT = 100_000;

  private GradientPaths() {}

  /**
   * Whether {@code start} reaches {@code target} through its creators' inputs: an iterative walk
   * (no recursion, for long chains), each variable once, that never goes past {@code stops} nor
   * leaves. The stops are variables that existed before {@code target} was made, so cannot
   * depend on it (an op's inputs and output, a hooked variable); what the user's code built from
   * them is a few nodes. Code that captured some other earlier variable (a model's weight) could
   * lead the walk through a whole graph, so past {@code cap} visited nodes (stops included) it
   * gives up and answers true: only what is proven disconnected is refused.
   */
  static boolean reaches(Variable start, Variable target, Collection<Variable> stops, int cap) {
    if (start == target) {
      return true;
    }
    if (!start.requiresGrad()) {
      return false;
    }
    Set<Variable> seen = IdentityMap.newSet();
    seen.addAll(stops);
    ArrayDeque<Variable> pending = new ArrayDeque<>();
    if (seen.add(start)) {
      pending.push(start);
    }
    while (!pending.isEmpty()) {
      OpContext creator = pending.pop().creator();
      if (creator == null) {
        continue;  // a leaf
      }
      for (int i = 0; i < creator.linkedInputs(); i++) {
        Variable next = creator.inputAt(i);
        if (next == target) {
          return true;
        }
        if (creator.linked(i) && seen.add(next)) {
          if (seen.size() > cap) {
            return true;
          }
          pending.push(next);
        }
      }
    }
    return false;
  }
}
