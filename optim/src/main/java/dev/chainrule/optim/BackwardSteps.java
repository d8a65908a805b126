package dev.chainrule.optim;

import dev.chainrule.autograd.BackwardUpdate;
import dev.chainrule.autograd.HookHandle;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * An optimizer's updates moved into backward ({@link Optimizer#updateInBackward()}): one {@link
 * BackwardUpdate} per parameter, which runs the optimizer's update for that parameter with the
 * gradient the pass completed, or counts the update a product applied in the optimizer's linear
 * form. The step's checks run before the first of them in each pass ({@link
 * BackwardUpdate#currentPass()}), as {@link Optimizer#step()} runs them before its first update:
 * never on the word of an earlier pass, after which the rate, the state or the model's types may
 * have changed.
 */
final class BackwardSteps {
  private BackwardSteps() {}

  static HookHandle register(ParameterUpdates updates, List<Variable> parameters) {
    List<HookHandle> handles = new ArrayList<>(parameters.size());
    try {
      for (int i = 0; i < parameters.size(); i++) {
        handles.add(parameters.get(i).updateInBackward(new Step(updates, i)));
      }
    } catch (RuntimeException e) {
      handles.forEach(HookHandle::remove); // all or none
      throw e;
    }
    return () -> handles.forEach(HookHandle::remove);
  }

  /** Parameter {@code index}'s update in backward. */
  private record Step(ParameterUpdates updates, int index) implements BackwardUpdate {
    @Override
    public void apply(Variable parameter, Tensor gradient) {
      updates.beginPass();
      updates.update(index, gradient);
    }

    @Override
    public LinearForm linearForm(Variable parameter) {
      updates.beginPass();
      return updates.linearForm(index);
    }

    @Override
    public void appliedInProduct(Variable parameter) {
      updates.countProductUpdate(index);
    }
  }
}
