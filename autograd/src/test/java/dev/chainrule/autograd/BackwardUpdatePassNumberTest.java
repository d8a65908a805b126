package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DenseActivation;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link BackwardUpdate#currentPass()}: one number for every call of one pass, whether the update
 * goes into a product during the rules or is applied once they are done, another for the next
 * pass, and 0 outside: what an optimizer needs to check its settings before each pass's first
 * update rather than once a step (two passes before a step were checked as one).
 */
class BackwardUpdatePassNumberTest {
  /** θ ← θ − g/4, in a product where it can be, noting the pass of each call. */
  private static final class Noting implements BackwardUpdate {
    final List<String> calls = new ArrayList<>();

    @Override
    public void apply(Variable parameter, Tensor gradient) {
      calls.add("apply " + parameter.name() + " " + BackwardUpdate.currentPass());
      parameter.value().axpyInPlace(-0.25, gradient);
    }

    @Override
    public LinearForm linearForm(Variable parameter) {
      calls.add("linearForm " + parameter.name() + " " + BackwardUpdate.currentPass());
      return new LinearForm(-0.25, 1);
    }

    @Override
    public void appliedInProduct(Variable parameter) {
      calls.add("product " + parameter.name() + " " + BackwardUpdate.currentPass());
    }
  }

  @Test
  void everyCallOfAPassHasItsNumberAndTheNextPassAnother() {
    Variable x = Variable.constant(Tensors.randn(Shape.of(5, 4), Tensors.seeded(1)));
    Variable w = Variable.parameter(Tensors.randn(Shape.of(3, 4), Tensors.seeded(2)), "w");
    Variable b = Variable.parameter(Tensors.randn(Shape.of(3), Tensors.seeded(3)), "b");
    Noting update = new Noting();
    w.updateInBackward(update);
    b.updateInBackward(update);
    assertEquals(0, BackwardUpdate.currentPass(), "outside a pass");
    List<Long> passes = new ArrayList<>();
    for (int pass = 0; pass < 2; pass++) {
      update.calls.clear();
      Variable.linear(x, w, b, DenseActivation.TANH).square().sum().backward();
      // w's update goes into its product during the rules, b's is applied after them: both
      // kinds of call must see the pass, or a check made at the first would miss the second.
      assertTrue(update.calls.stream().anyMatch(c -> c.startsWith("product w")), update.calls
          .toString());
      assertTrue(update.calls.stream().anyMatch(c -> c.startsWith("apply b")),
          update.calls.toString());
      List<Long> numbers = update.calls.stream()
          .map(c -> Long.parseLong(c.substring(c.lastIndexOf(' ') + 1))).distinct().toList();
      assertEquals(1, numbers.size(), update.calls.toString());
      assertNotEquals(0L, numbers.get(0), "inside a pass");
      passes.add(numbers.get(0));
      assertEquals(0, BackwardUpdate.currentPass(), "outside a pass again");
    }
    assertNotEquals(passes.get(0), passes.get(1), "two passes, two numbers");
  }

  /** A pass run by a hook of another has its own number; the outer's is back after it. */
  @Test
  void aPassInsideAnotherHasItsOwnNumberAndGivesTheOuterBack() {
    List<String> log = new ArrayList<>();
    Variable b = Variable.parameter(Tensor.vector(1, 2), "b");
    Variable c = Variable.parameter(Tensor.vector(3, 4), "c");
    BackwardUpdate noting = new BackwardUpdate() {
      @Override
      public void apply(Variable parameter, Tensor gradient) {
        log.add(parameter.name() + " " + BackwardUpdate.currentPass());
        parameter.value().axpyInPlace(-0.1, gradient);
      }
    };
    b.updateInBackward(noting);
    c.updateInBackward(noting);
    Variable h = b.mul(2);
    h.registerHook(g -> {
      log.add("hook " + BackwardUpdate.currentPass());
      try (Autograd.Scope scope = Autograd.enableGrad()) {
        c.square().sum().backward();
      }
      log.add("hook " + BackwardUpdate.currentPass());
      return g;
    });
    h.square().sum().backward();

    assertEquals(4, log.size(), log.toString());
    long outer = Long.parseLong(log.get(0).substring(5));
    long inner = Long.parseLong(log.get(1).substring(2));
    assertTrue(log.get(1).startsWith("c ") && inner != outer && inner != 0, log.toString());
    assertEquals(List.of("hook " + outer, "c " + inner, "hook " + outer, "b " + outer), log,
        "the outer pass's number before and after the inner pass, and at b's update");
    assertEquals(0, BackwardUpdate.currentPass(), "outside both");
  }

  @Test
  void aPassThatFailsLeavesTheThreadOutsideAPass() {
    Variable w = Variable.parameter(Tensor.vector(1, 2), "w");
    w.updateInBackward(new BackwardUpdate() {
      @Override
      public void apply(Variable parameter, Tensor gradient) {
        throw new IllegalStateException("refused");
      }
    });
    assertEquals("refused",
        assertThrows(IllegalStateException.class, () -> w.square().sum().backward()).getMessage());
    assertEquals(0, BackwardUpdate.currentPass(), "the pass's number is not left behind");
  }
}
