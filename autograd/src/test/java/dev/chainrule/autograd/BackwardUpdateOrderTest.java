package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The updates a pass applies once it is over run in the order they were registered, which for
 * an optimizer's is its parameters' order, the order its step takes: two parameters on one
 * tensor (tied by it) then end where the step leaves them, whatever order the graph uses them in.
 */
class BackwardUpdateOrderTest {
  private static final double RATE = 0.1;
  private static final double DECAY = 0.5;

  /** θ ← θ − η·(g + λθ): reads θ, so two of them on one array do not commute. */
  private static final class DecayingDescent implements BackwardUpdate {
    final List<String> calls;

    DecayingDescent(List<String> calls) {
      this.calls = calls;
    }

    @Override
    public void apply(Variable parameter, Tensor gradient) {
      calls.add(parameter.name());
      step(parameter.value(), gradient);
    }

    static void step(Tensor value, Tensor gradient) {
      value.assignInPlace(value.sub(gradient.add(value.mul(DECAY)).mul(RATE)));
    }
  }

  /** Σ 3a − Σ b for a and b on {@code shared}: b's gradient is complete first. */
  private static Variable loss(Variable a, Variable b) {
    return a.mul(3.0).sum().add(b.neg().sum());
  }

  @Test
  void updatesOfParametersOnOneTensorRunInTheOrderTheyWereRegistered() {
    for (boolean aFirst : new boolean[] {true, false}) {
      // The reference: gradients of a plain backward, then the updates in registration order.
      Tensor expected = Tensor.vector(1, 2);
      Variable a0 = Variable.parameter(expected, "a");
      Variable b0 = Variable.parameter(expected, "b");
      loss(a0, b0).backward();
      List<Variable> order0 = aFirst ? List.of(a0, b0) : List.of(b0, a0);
      for (Variable p : order0) {
        DecayingDescent.step(p.value(), p.grad());
      }
      Tensor shared = Tensor.vector(1, 2);
      Variable a = Variable.parameter(shared, "a");
      Variable b = Variable.parameter(shared, "b");
      List<String> calls = new ArrayList<>();
      for (Variable p : aFirst ? List.of(a, b) : List.of(b, a)) {
        p.updateInBackward(new DecayingDescent(calls));
      }

      loss(a, b).backward();

      assertEquals(aFirst ? List.of("a", "b") : List.of("b", "a"), calls);
      // The same gradients, the same updates in the same order: the same bits. Run in the
      // pass's order (b first), a-then-b gave [0.6975, 1.6] where it should give [0.7175, 1.62].
      assertArrayEquals(expected.toArray(), shared.toArray(), "a first: " + aFirst);
    }
  }
}
