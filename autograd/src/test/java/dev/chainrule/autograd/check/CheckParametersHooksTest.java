package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.HookHandle;
import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A parameter's gradient hooks change the gradient the check compares: a gradient-reversal hook
 * failed the check as "a sign error, or a rule that takes |g|", sending its author to look for a
 * wrong rule that is not there. The report now says that the parameter has hooks. An update in
 * backward, the other thing a parameter may carry, is refused by name.
 */
class CheckParametersHooksTest {
  @Test
  void aFailureOnAParameterWithHooksNamesThem() {
    Variable w = Variable.parameter(Tensor.vector(0.5, -1, 2), "w");
    HookHandle reversal = w.registerHook(Variable::neg);

    GradCheckReport report = GradCheck.checkParameters(() -> w.tanh().sum(), List.of(w));

    assertFalse(report.passed(), report::toString);
    assertTrue(report.detail().contains("the parameter has gradient hooks (registerHook)"),
        report::toString);
    reversal.remove();
    assertTrue(GradCheck.checkParameters(() -> w.tanh().sum(), List.of(w)).passed(),
        "without the hook the same check passes");
  }

  @Test
  void aFailureWithoutHooksSaysNothingOfThem() {
    Variable w = Variable.parameter(Tensor.vector(0.5, -1, 2), "w");

    GradCheckReport report = GradCheck.checkParameters(() -> wrongTanh(w).sum(), List.of(w));

    assertFalse(report.passed(), report::toString);
    assertFalse(report.detail().contains("hooks"), report::toString);
  }

  /**
   * A parameter an optimizer updates in backward was refused by Autograd.withValues, in its name
   * ("withValues: variable 0 ..."), an API the caller never called, after f had run once. The
   * check now refuses it first, by its own name and the parameter's.
   */
  @Test
  void aParameterUpdatedInBackwardIsRefusedByTheCheckBeforeFRuns() {
    Variable w = Variable.parameter(Tensor.vector(0.5, -1), "w");
    Tensor before = w.value();
    int[] runs = {0};
    try (HookHandle update = w.updateInBackward((value, gradient) -> { })) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> GradCheck.checkParameters(() -> {
            runs[0]++;
            return w.tanh().sum();
          }, List.of(w)));
      assertEquals("gradCheck: parameter 0 (w [2]) is updated in backward (an optimizer's"
          + " updateInBackward()); checkParameters evaluates the function with other values in"
          + " the parameters, where a step would be lost: remove the update (its handle's"
          + " remove()) first", e.getMessage());
    }
    assertEquals(0, runs[0], "refused before the function ran");
    assertSame(before, w.value());
    assertTrue(GradCheck.checkParameters(() -> w.tanh().sum(), List.of(w)).passed(),
        "with the update removed the same check passes");
  }

  /** tanh with a rule missing its square: 1 − y instead of 1 − y². */
  private static Variable wrongTanh(Variable x) {
    return Op.unary("wrongTanh", (ctx, v) -> v.tanh(),
        (ctx, g) -> g.mul(ctx.output().neg().add(1))).apply(x);
  }
}
