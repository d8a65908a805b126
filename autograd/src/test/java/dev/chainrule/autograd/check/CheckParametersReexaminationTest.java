package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * checkParameters diagnoses a failed comparison as check does: a verdict of wrong is re-examined
 * along the step (BetweenKinks), where the engine is run at moved parameter values through
 * Autograd.withValues. Nothing showed whether that run happened; had it failed, the verdict
 * would have stood with "not re-examined along the step" in its detail.
 */
class CheckParametersReexaminationTest {
  /** x³ with a rule of 2x² (3x² is right). */
  private static final Op CUBE = Op.unary("cube", (ctx, t) -> t.pow(3),
      (ctx, g) -> g.mul(ctx.input(0).square().mul(2)));

  @Test
  void aWrongRuleIsDiagnosedAsCheckDiagnosesIt() {
    Tensor at = Tensor.vector(0.5, -1.2, 0.8);
    GradCheckReport inputs = GradCheck.check(in -> CUBE.apply(in.get(0)), List.of(at));
    Variable w = Variable.parameter(at);
    GradCheckReport parameters = GradCheck.checkParameters(() -> CUBE.apply(w), List.of(w));
    assertEquals(Verdict.WRONG_DERIVATIVE, parameters.verdict(), parameters::toString);
    assertFalse(parameters.detail().contains("not re-examined"), parameters::toString);
    // The same comparisons on the same values: the same diagnosis, word for word (the
    // parameters' report may add a note of its own after it).
    assertTrue(parameters.detail().startsWith(inputs.detail()),
        () -> inputs + "\n" + parameters);
  }
}
