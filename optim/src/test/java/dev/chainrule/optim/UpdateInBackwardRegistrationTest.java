package dev.chainrule.optim;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.HookHandle;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Optimizer#updateInBackward()} registers all of its parameters' updates or none: one
 * refused part-way (a later parameter holds a gradient) must not leave the earlier ones updating
 * in backward, where their next pass would take a step of an optimizer the caller was told it had
 * not set up, and keep no gradient for the step() the caller goes on to take.
 */
class UpdateInBackwardRegistrationTest {
  @Test
  void aRefusalPartWayLeavesNoParameterUpdatingInBackward() {
    Variable first = Variable.parameter(Tensor.vector(1, 2), "first");
    Variable second = Variable.parameter(Tensor.vector(3, 4), "second");
    Fixtures.setGradient(second, Tensor.vector(1, 1));
    Sgd sgd = Sgd.builder(0.1).build(List.of(first, second));

    IllegalStateException e = assertThrows(IllegalStateException.class, sgd::updateInBackward);
    assertTrue(e.getMessage().startsWith("updateInBackward: "), e.getMessage());
    assertTrue(e.getMessage().contains("holds a gradient"), e.getMessage());
    assertFalse(first.hasUpdateInBackward(), "the first parameter's update was taken back");
    assertFalse(second.hasUpdateInBackward());

    // Nothing is left registered: once the gradient is gone, the same call registers both, and a
    // backward pass then keeps no gradient for either, having updated them.
    second.zeroGrad();
    HookHandle handle = sgd.updateInBackward();
    assertTrue(first.hasUpdateInBackward() && second.hasUpdateInBackward());
    first.sum().add(second.sum()).backward();
    assertNull(first.grad());
    Fixtures.assertValues(first, 1 - 0.1, 2 - 0.1);
    handle.remove();
    assertFalse(first.hasUpdateInBackward() || second.hasUpdateInBackward());
  }
}
