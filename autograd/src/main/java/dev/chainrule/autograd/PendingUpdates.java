package dev.chainrule.autograd;

import dev.chainrule.core.Recycling;
import dev.chainrule.core.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The parameters of one backward pass whose {@link BackwardUpdate} takes their gradient, applied
 * together once every gradient of the pass has found its variable. Not one by one as they are
 * found: a gradient may be a value of the graph (a user's rule may return an input, so the
 * gradient of one parameter may be another parameter's value, or its own), and an update made
 * first would change what a later update, or a later variable's gradient, reads. So a gradient
 * someone else may hold is copied, and every update runs after the last gradient is placed.
 */
final class PendingUpdates {
  private final List<Variable> parameters = new ArrayList<>();
  private final List<BackwardUpdate> updates = new ArrayList<>();
  private final List<Tensor> gradients = new ArrayList<>();
  private final List<Tensor> owned = new ArrayList<>();

  /** Keeps {@code gradient} for {@code parameter}'s update; a copy unless the pass owns it. */
  void add(Variable parameter, BackwardUpdate update, Tensor gradient, boolean ownedByPass) {
    parameters.add(parameter);
    updates.add(update);
    gradients.add(ownedByPass ? gradient : gradient.copy());
    if (ownedByPass) {
      owned.add(gradient);
    }
  }

  /** Applies every update, in the order added; the pass's own gradients then go back for reuse. */
  void apply() {
    for (int i = 0; i < parameters.size(); i++) {
      updates.get(i).apply(parameters.get(i), gradients.get(i));
    }
    owned.forEach(Recycling::recycleKept);
  }
}
