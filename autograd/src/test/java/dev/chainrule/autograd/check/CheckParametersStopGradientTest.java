package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Gradients;
import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A function that reads a parameter through a stop-gradient (detach(), a constant made from its
 * value) has a gradient that differs from its derivative by design: central differences move the
 * parameter wherever it is read. The check fails it, as PyTorch's gradcheck does, but its "the
 * derivative is wrong" sent the author of a right model to look for a wrong rule (found by the
 * session's architectures hunter, with detach, a constant target and an Embedding's padding row;
 * localize passed every rule). The report now says what localize finds: every rule right, so
 * a path left out, or the wrong rule's node.
 */
class CheckParametersStopGradientTest {
  private static final String NOTE = "every backward rule agrees with its forward (localize)";

  @Test
  void aDetachedReadIsNamedAsTheCause() {
    Variable w = Variable.parameter(Tensor.vector(0.5, -1, 2), "w");

    GradCheckReport report = GradCheck.checkParameters(() -> w.mul(w.detach()).sum(),
        List.of(w));

    // f = Σ w·sg(w): the engine's gradient is w, the derivative 2w.
    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
    assertTrue(report.detail().contains(NOTE), report::toString);
    assertTrue(GradCheck.localize(w.mul(w.detach()).sum()).passed(),
        "each rule is right, as the note says");
  }

  @Test
  void aConstantHoldingTheValueCountsToo() {
    Variable w = Variable.parameter(Tensor.matrix(new double[][] {{0.5, -1}, {2, 3}}), "w");

    // A target made from the weight: the engine's gradient is 2w, the derivative 2w − 1.
    GradCheckReport report = GradCheck.checkParameters(
        () -> w.square().sub(Variable.constant(w.value())).sum(), List.of(w));

    assertFalse(report.passed(), report::toString);
    assertTrue(report.detail().contains(NOTE), report::toString);
  }

  @Test
  void aWrongRuleIsNamedByLocalizeInstead() {
    Op wrongSquare = Op.unary("wrongSquare", (ctx, x) -> x.square(), (ctx, g) -> g.mul(3));
    Variable w = Variable.parameter(Tensor.vector(0.5, -1, 2), "w");
    Variable target = Variable.constant(Tensor.vector(1, 2, 3));

    GradCheckReport report = GradCheck.checkParameters(
        () -> wrongSquare.apply(w).sub(target).sum(), List.of(w));

    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
    assertFalse(report.detail().contains(NOTE), report::toString);
    assertTrue(report.detail().contains("localize finds the rule of #0 wrongSquare wrong"),
        report::toString);
  }

  // The session's reviewer's cases, each a note that was wrong or missing.

  @Test
  void aHookBetweenTheParameterAndTheOutputIsNamedInsteadOfAStopGradient() {
    Variable w = Variable.parameter(Tensor.vector(0.5, -1.5, 2), "w");

    GradCheckReport report = GradCheck.checkParameters(() -> {
      Variable h = w.mul(3);
      h.registerHook(Variable::neg);  // a gradient reversal, registerHook's own example
      return h.square().sum();
    }, List.of(w));

    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
    assertTrue(report.detail().contains("has gradient hooks (registerHook)"), report::toString);
    assertFalse(report.detail().contains("stop-gradient"), report::toString);
  }

  @Test
  void aCulpritOffTheParametersPathIsNotNamed() {
    Op wrongSquare = Op.unary("wrongSquare", (ctx, x) -> x.square(),
        (ctx, g) -> g.mul(ctx.input(0)).mul(2.0001));
    Variable a = Variable.parameter(Tensor.vector(1, 2), "a");
    Variable b = Variable.parameter(Tensor.vector(1, 2), "b");

    GradCheckReport report = GradCheck.checkParameters(
        () -> a.mul(a.detach()).sum().add(wrongSquare.apply(b).sum()), List.of(a, b));

    // a's own stop-gradient is the worst (2 against 4); wrongSquare feeds b alone.
    assertEquals(0, report.input(), report::toString);
    assertFalse(report.detail().contains("wrongSquare"), report::toString);
    assertTrue(report.detail().contains(NOTE), report::toString);
  }

  @Test
  void aKinkOnThePathStillLetsTheNoteSayEveryRuleAgrees() {
    // ReLU at exactly 0 is a finite-difference artefact for localize, not a failure to judge.
    Variable w = Variable.parameter(Tensor.vector(0, 1, 2), "w");

    GradCheckReport report = GradCheck.checkParameters(
        () -> w.relu().mul(w.detach()).sum(), List.of(w));

    assertFalse(report.passed(), report::toString);
    assertTrue(report.detail().contains(NOTE), report::toString);
  }

  @Test
  void aRuleRightOnceButNotDifferentiableAgainIsNamedAsAPossibleCause() {
    // The rule builds 2x from a constant: right at first order, so localize passes it, but its
    // own derivative by x is 0 where 2 is meant; a penalty on the input gradient goes through it.
    Op mySquare = Op.unary("mySquare", (ctx, x) -> x.square(),
        (ctx, g) -> g.mul(Variable.constant(ctx.input(0).value().mul(2))));
    Variable w = Variable.parameter(Tensor.vector(0.5, -1.5, 2), "w");
    Tensor at = Tensor.vector(1, 2, -1);

    GradCheckReport report = GradCheck.checkParameters(() -> {
      Variable x = Variable.parameter(at);
      Variable d = mySquare.apply(w.mul(x)).sum();
      return Gradients.of(List.of(d), List.of(x), null, Gradients.Options.creatingGraph())
          .get(0).square().sum();
    }, List.of(w));

    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
    assertTrue(report.detail().contains("not differentiable again"), report::toString);
  }
}
