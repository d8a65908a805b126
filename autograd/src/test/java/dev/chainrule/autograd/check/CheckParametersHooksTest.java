package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * wrong rule that is not there. The report now says that the parameter has hooks.
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

  /** tanh with a rule missing its square: 1 − y instead of 1 − y². */
  private static Variable wrongTanh(Variable x) {
    return Op.unary("wrongTanh", (ctx, v) -> v.tanh(),
        (ctx, g) -> g.mul(ctx.output().neg().add(1))).apply(x);
  }
}
