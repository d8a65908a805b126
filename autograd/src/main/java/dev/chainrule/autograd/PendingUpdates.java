package dev.chainrule.autograd;

import dev.chainrule.core.Recycling;
import dev.chainrule.core.Tensor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The parameters of one backward pass whose {@link BackwardUpdate} takes their gradient, applied
 * together once every gradient of the pass has found its variable. Not one by one as they are
 * found: a gradient may be a value of the graph (a user's rule may return an input, so the
 * gradient of one parameter may be another parameter's value, or its own), and an update made
 * first would change what a later update, or a later variable's gradient, reads. So a gradient
 * someone else may hold is copied, and every update runs after the last gradient is placed.
 *
 * <p>They run in the order the updates were registered, not the order the pass completed the
 * gradients (the reverse of the graph's use): an optimizer registers its parameters' in its
 * order, the order its step updates them in. Updates of parameters on arrays of their own
 * commute, but two parameters on one array (a tensor tied into two layers) do not when an update
 * reads the value (weight decay, Adam's moments): run in the pass's order, SGD with weight decay
 * 0.5 left such a pair at [0.6975, 1.6] where its step left [0.7175, 1.62].
 */
final class PendingUpdates {
  private final List<Pending> pending = new ArrayList<>();
  private final List<Tensor> owned = new ArrayList<>();
  /** Whether the updates were added in the order they were registered, as they run. */
  private boolean inOrder = true;

  private record Pending(Variable parameter, BackwardUpdate update, Tensor gradient,
      long order) {}

  /** Keeps {@code gradient} for {@code parameter}'s update; a copy unless the pass owns it. */
  void add(Variable parameter, BackwardUpdate update, Tensor gradient, boolean ownedByPass) {
    long order = parameter.backwardUpdateOrder();
    inOrder &= pending.isEmpty() || pending.get(pending.size() - 1).order() < order;
    pending.add(new Pending(parameter, update, ownedByPass ? gradient : gradient.copy(), order));
    if (ownedByPass) {
      owned.add(gradient);
    }
  }

  /**
   * Applies every update, in the order they were registered; the pass's own gradients then go
   * back for reuse.
   */
  void apply() {
    if (!inOrder) {
      pending.sort(Comparator.comparingLong(Pending::order));
    }
    for (Pending p : pending) {
      p.update().apply(p.parameter(), p.gradient());
    }
    owned.forEach(Recycling::recycleKept);
  }
}
