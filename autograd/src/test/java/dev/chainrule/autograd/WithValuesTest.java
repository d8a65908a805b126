package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Autograd.withValues evaluates at other values of the leaves and gives them their own tensors
 * back. A backward rule reads its inputs' current values, and a tensor swapped in is at version 0
 * like the one it replaced, so versions alone could not tell: x·x recorded at 2, walked back
 * while x held 3, gave 6 where the recorded graph's gradient is 4. Each replacement is a new
 * value generation, which ops record, and a rule that reads a replaced value refuses it.
 */
class WithValuesTest {
  @Test
  void evaluatesAtTheValuesGivenAndPutsTheOwnBack() {
    Variable x = Variable.parameter(Tensor.vector(2), "x");
    Tensor own = x.value();
    double at3 = Autograd.withValues(List.of(x), List.of(Tensor.vector(3)),
        () -> x.mul(x).sum().item());
    assertEquals(9.0, at3);
    assertSame(own, x.value());
    assertEquals(0, own.version());
  }

  @Test
  void aGraphGoesBackOnlyThroughTheValuesItSaw() {
    Variable x = Variable.parameter(Tensor.vector(2), "x");
    Variable before = x.mul(x).sum();
    // Inside: the graph recorded before would read 3 where it saw 2.
    IllegalStateException inside = assertThrows(IllegalStateException.class,
        () -> Autograd.withValues(List.of(x), List.of(Tensor.vector(3)), () -> {
          before.backward(null, Gradients.Options.retainingGraph());
          return null;
        }));
    assertTrue(inside.getMessage().matches("backward: input [01] of 'mul' \\('x', shape \\[1\\]\\)"
        + " holds another tensor than the forward pass saw .*"), inside.getMessage());
    // A graph recorded inside would read 2 where it saw 3 once the body has returned.
    Variable during = Autograd.withValues(List.of(x), List.of(Tensor.vector(3)),
        () -> x.mul(x).sum());
    assertTrue(assertThrows(IllegalStateException.class, during::backward)
        .getMessage().startsWith("backward: input 1 of 'mul' ('x', shape [1]) holds another tensor"
        + " than the forward pass saw (given it by Autograd.withValues or"
        + " Variable.toInPlace since); its "));
    // The one recorded before goes back once the own tensor is back, with its own gradient.
    before.backward();
    assertEquals(4.0, x.grad().item());
  }

  /**
   * Only a rule that reads a replaced value refuses (the README's withValues paragraph): exp's
   * reads its output, so a graph of exp goes back across a swap, with the gradient at the values
   * it was recorded with, added into the leaf's own grad(). Exact: the rule multiplies g = 1 by
   * the recorded output, so the gradient is the tensor exp of the same values, bit for bit.
   */
  @Test
  void aRuleThatReadsNoReplacedValueGivesTheGradientAtTheRecordedValues() {
    Variable p = Variable.parameter(Tensor.vector(1, 2), "p");
    Variable inside = Autograd.withValues(List.of(p), List.of(Tensor.vector(10, 20)),
        () -> p.exp().sum());
    inside.backward();
    assertEquals(Tensor.vector(10, 20).exp(), p.grad(), "at the values the body gave");
    assertEquals(Tensor.vector(1, 2), p.value(), "p holds its own values again");
    // Recorded before, walked inside: the gradient at p's own values.
    Variable q = Variable.parameter(Tensor.vector(1, 2), "q");
    Variable before = q.exp().sum();
    Autograd.withValues(List.of(q), List.of(Tensor.vector(10, 20)), () -> {
      before.backward();
      return null;
    });
    assertEquals(Tensor.vector(1, 2).exp(), q.grad(), "at the values recorded before the body");
    // The same across toInPlace, the gradient in the new type.
    Variable r = Variable.parameter(Tensor.vector(1.1, 2.3), "r");
    Variable loss = r.exp().sum();
    r.toInPlace(DType.FLOAT32);
    loss.backward();
    assertEquals(Tensor.vector(1.1, 2.3).exp().to(DType.FLOAT32), r.grad());
  }

  @Test
  void aTypeChangedInPlaceIsRefusedByAGraphRecordedBefore() {
    Variable w = Variable.parameter(Tensor.vector(0.1, 0.2), "w");
    Variable loss = w.mul(w).sum();
    w.toInPlace(DType.FLOAT32);
    IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
    assertTrue(e.getMessage().contains("Variable.toInPlace"), e.getMessage());
  }

  @Test
  void refusesWhatCannotHoldTheValue() {
    Variable w = Variable.parameter(Tensor.vector(1, 2), "w");
    assertEquals("withValues: variable 0 is float64 [2]; the value given for it is float32 [2]",
        assertThrows(IllegalArgumentException.class, () -> Autograd.withValues(List.of(w),
            List.of(Tensor.vector(1, 2).to(DType.FLOAT32)), () -> null)).getMessage());
    assertEquals("withValues: variable 0 was computed by 'mul'; only a leaf (a parameter or a"
        + " constant) can hold another value", assertThrows(IllegalArgumentException.class,
            () -> Autograd.withValues(List.of(w.mul(2)), List.of(Tensor.vector(1, 2)),
                () -> null)).getMessage());
    assertEquals("withValues: variable 1 is listed twice", assertThrows(
        IllegalArgumentException.class, () -> Autograd.withValues(List.of(w, w),
            List.of(Tensor.vector(1, 2), Tensor.vector(3, 4)), () -> null)).getMessage());
    assertEquals("withValues: 1 leaves but 2 values", assertThrows(IllegalArgumentException.class,
        () -> Autograd.withValues(List.of(w), List.of(Tensor.vector(1, 2), Tensor.vector(1, 2)),
            () -> null)).getMessage());
  }

  @Test
  void restoresTheLeavesItWasGivenWhateverTheBodyDoesToTheList() {
    Variable x = Variable.parameter(Tensor.vector(2), "x");
    Variable y = Variable.parameter(Tensor.vector(7), "y");
    Tensor own = x.value();
    List<Variable> leaves = new java.util.ArrayList<>(List.of(x));
    Autograd.withValues(leaves, List.of(Tensor.vector(3)), () -> leaves.set(0, y));
    assertSame(own, x.value());
    assertEquals(7.0, y.item());
  }

  @Test
  void refusesALeafUpdatedInBackward() {
    Variable w = Variable.parameter(Tensor.vector(1, 2), "w");
    try (HookHandle update = w.updateInBackward((value, gradient) -> { })) {
      assertEquals("withValues: variable 0 is updated in backward (an optimizer's"
          + " updateInBackward()), whose step would go into the tensor given for it; end that"
          + " first", assertThrows(IllegalArgumentException.class, () -> Autograd.withValues(
              List.of(w), List.of(Tensor.vector(3, 4)), () -> null)).getMessage());
    }
  }
}
