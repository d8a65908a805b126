package dev.chainrule.optim;

import static dev.chainrule.optim.Fixtures.assertMessage;
import static dev.chainrule.optim.Fixtures.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The buffer names of an optimizer of one's own: each becomes a key "i.name" of its state, beside
 * "i.step", the parameter's update count. A buffer named "step" (PyTorch's optimizers keep a
 * per-parameter state["step"], so a port may list one) overwrote that count in state(): a
 * checkpoint silently lacked the buffer, and loading it failed on a "step" of the parameter's
 * shape. A null list failed with an internal NullPointerException.
 */
class OwnOptimizerBuffersTest {
  /** Momentum of one's own, keeping its velocity under whatever names it is given. */
  private static final class Velocity extends Optimizer {
    private final List<String> names;

    Velocity(List<String> names) {
      super(List.of(Variable.parameter(Tensor.vector(1, 2), "w")), 0.1);
      this.names = names;
    }

    @Override
    protected void update(Tensor value, Tensor gradient, ParameterState state) {
      Tensor velocity = state.buffer(names.get(0));
      velocity.scaleInPlace(0.9);
      velocity.addInPlace(gradient);
      value.axpyInPlace(-parameterLearningRate(), velocity);
    }

    @Override
    protected List<String> bufferNames() {
      return names;
    }
  }

  @Test
  void aBufferNamedStepIsRefusedBeforeAnythingChanges() {
    Velocity own = new Velocity(List.of("step"));
    assertMessage("Velocity.bufferNames(): \"step\" is the name state() gives each parameter's"
        + " update count (\"<i>.step\", ParameterState.step()), which the optimizer keeps"
        + " itself; name the buffer otherwise", () -> step(own, Tensor.vector(1, 1)));
    assertEquals(Tensor.vector(1, 2), own.parameters().get(0).value(), "no update was made");
    assertMessage("Velocity.bufferNames(): \"step\" is the name state() gives each parameter's"
        + " update count (\"<i>.step\", ParameterState.step()), which the optimizer keeps"
        + " itself; name the buffer otherwise", () -> own.loadState(Map.of()));
  }

  @Test
  void namesThatAreNullEmptyOrTwiceAreRefusedByName() {
    Variable w = Variable.parameter(Tensor.vector(1, 2), "w");
    Optimizer none = new Optimizer(List.of(w), 0.1) {
      @Override
      protected void update(Tensor value, Tensor gradient, ParameterState state) {}

      @Override
      protected List<String> bufferNames() {
        return null;
      }
    };
    NullPointerException missing = assertThrows(
        NullPointerException.class, none::state);
    assertEquals(none.kind() + ".bufferNames() returned null; an optimizer without buffers"
        + " returns List.of()", missing.getMessage());
    assertMessage("Velocity.bufferNames(): a buffer name is empty; each names a tensor in"
        + " state() as \"<i>.<name>\"", () -> new Velocity(List.of("")).state());
    assertMessage("Velocity.bufferNames(): a buffer name is null; each names a tensor in"
        + " state() as \"<i>.<name>\"",
        () -> new Velocity(Arrays.asList("velocity", null)).state());
    assertMessage("Velocity.bufferNames(): \"v\" is listed twice, which would be one buffer;"
        + " [v, v]", () -> new Velocity(List.of("v", "v")).state());
  }

  /** A well-named buffer goes through state() and back, dots in its name included. */
  @Test
  void aWellNamedBufferRoundTrips() {
    Velocity saved = new Velocity(List.of("my.velocity"));
    step(saved, Tensor.vector(1, -1));
    Map<String, Tensor> state = saved.state();
    assertEquals(Tensor.vector(1, -1), state.get("0.my.velocity"));
    Velocity restored = new Velocity(List.of("my.velocity"));
    restored.loadState(state);
    assertEquals(state, restored.state());
  }
}
