package dev.chainrule.autograd;

import dev.chainrule.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which gradients of a finished backward pass someone else may hold, so that a variable's grad
 * must be a copy of them rather than the tensor itself: a seed, a value of the graph, a tensor a
 * rule lent ({@link Engine.Result#lent}), or one already given to another variable (add gives
 * both inputs the same one).
 *
 * <p>Scans while they are short, as few variables keep a gradient (a network's parameters) and
 * building sets cost more than the scans in a small network's step; past {@value #SCAN_LIMIT}
 * entries, identity sets, so that a graph where most nodes keep their gradient (a stack of
 * 40,000 leaves) costs its size, not its square.
 */
final class HeldTensors {
  private static final int SCAN_LIMIT = 64;

  private final GraphOrder order;
  private final List<Variable> seeds;
  private final Set<Tensor> lent;
  private final List<Tensor> given = new ArrayList<>();
  private Set<Tensor> givenSet;
  private Set<Tensor> graphValues;

  HeldTensors(GraphOrder order, List<Variable> seeds, Set<Tensor> lent) {
    this.order = order;
    this.seeds = seeds;
    this.lent = lent;
  }

  /** Whether someone other than the pass may hold {@code gradient}. */
  boolean isHeld(Tensor gradient) {
    if (lent.contains(gradient) || wasGiven(gradient)) {
      return true;
    }
    for (int i = 0; i < seeds.size(); i++) {
      if (seeds.get(i).value() == gradient) {
        return true;
      }
    }
    if (order.size() > SCAN_LIMIT) {
      if (graphValues == null) {
        graphValues = IdentityMap.newSet();
        for (int p = 0; p < order.size(); p++) {
          graphValues.add(order.node(p).value());
        }
      }
      return graphValues.contains(gradient);
    }
    for (int p = 0; p < order.size(); p++) {
      if (order.node(p).value() == gradient) {
        return true;
      }
    }
    return false;
  }

  /** Records that {@code gradient} is now a variable's grad (or added into one). */
  void give(Tensor gradient) {
    if (givenSet != null) {
      givenSet.add(gradient);
      return;
    }
    given.add(gradient);
    if (given.size() > SCAN_LIMIT) {
      givenSet = IdentityMap.newSet();
      givenSet.addAll(given);
    }
  }

  private boolean wasGiven(Tensor gradient) {
    if (givenSet != null) {
      return givenSet.contains(gradient);
    }
    for (int i = 0; i < given.size(); i++) {
      if (given.get(i) == gradient) {
        return true;
      }
    }
    return false;
  }
}
