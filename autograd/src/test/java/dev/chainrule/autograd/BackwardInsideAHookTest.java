package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * A backward of one's own inside a hook: an ordinary pass runs hooks with recording off, so what
 * the hook computes from a parameter is a constant. The refusal listed only causes that were all
 * false there (no parameter, noGrad, detach); it now names the pass first and the way out,
 * which, followed, gives the parameter's gradient.
 */
class BackwardInsideAHookTest {
  @Test
  void theRefusalNamesThePassAndEnableGradRecordsInIt() {
    Variable q = Variable.parameter(Tensor.vector(1, 2), "q");
    Variable x = Variable.parameter(Tensor.vector(3, 4), "x");
    Variable h = x.mul(2);
    h.registerHook(g -> {
      q.square().sum().backward();
      return g;
    });
    String message = assertThrows(IllegalArgumentException.class, () -> h.sum().backward())
        .getMessage();
    assertTrue(message.startsWith("backward: the output (constant) does not require a gradient:"
        + " it was computed inside a backward pass (in a hook or a rule), which records nothing"
        + " unless Autograd.enableGrad() is opened there; or no value"), message);

    Variable y = x.mul(2);
    y.registerHook(g -> {
      try (Autograd.Scope recording = Autograd.enableGrad()) {
        q.square().sum().backward();
      }
      return g;
    });
    y.sum().backward();
    assertArrayEquals(new double[] {2, 4}, q.grad().toArray(), 0, "d(Σq²)/dq = 2q, exactly");
  }

  @Test
  void outsideAPassTheRefusalIsAsBefore() {
    String message = assertThrows(IllegalArgumentException.class,
        () -> Variable.constant(Tensor.vector(1, 2)).sum().backward()).getMessage();
    assertTrue(message.startsWith("backward: the output (constant) does not require a gradient: no"
        + " value it was computed from is a parameter"), message);
    // Under noGrad outside a pass too: recording is off, but no pass is why.
    try (Autograd.Scope off = Autograd.noGrad()) {
      String unrecorded = assertThrows(IllegalArgumentException.class,
          () -> Variable.parameter(Tensor.vector(1, 2)).sum().backward()).getMessage();
      assertTrue(unrecorded.startsWith("backward: the output (constant) does not require a"
          + " gradient: no value it was computed from is a parameter"), unrecorded);
    }
  }
}
