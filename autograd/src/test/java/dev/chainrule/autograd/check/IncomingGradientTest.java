package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rules that mishandle the gradient they are given, the mistakes of a user's first ops, are
 * caught: one that ignores g (a loss's rule without {@code .mul(g)}, right whenever g is 1, as
 * it is for a loss differentiated alone), one that takes |g|, and one that uses g's value but
 * cuts it off the graph (its first derivatives right, its Hessian-vector products wrong): the
 * engine refuses it by name at second order, which the second-order check reports as a failure,
 * and the check catches a cut hidden behind a term that keeps g on the graph with no weight.
 */
class IncomingGradientTest {
  private static final Tensor X = Tensor.vector(0.5, -1, 1.5);

  /** ½·mean(x²), whose rule forgot to multiply by g. */
  private static final Op HALF_MEAN_SQUARE_WITHOUT_G = Op.unary("halfMeanSquareWithoutG",
      (ctx, x) -> x.mul(x).mean().mul(0.5),
      (ctx, g) -> ctx.input(0).div(ctx.inputShape(0).size()));

  /** |x| with the rule g·sign(x) written as |g|·sign(x). */
  private static final Op ABS_OF_G = Op.unary("absOfG", (ctx, x) -> x.abs(),
      (ctx, g) -> g.abs().mul(ctx.input(0).sign()));

  /** x², whose rule is right in value but holds g as a constant. */
  private static final Op SQUARE_DETACHING_G = Op.unary("squareDetachingG", (ctx, x) -> x.mul(x),
      (ctx, g) -> Variable.constant(g.value().mul(2)).mul(ctx.input(0)));

  @Test
  void aRuleThatIgnoresItsIncomingGradientFailsTheCheckOfItsOp() {
    GradCheckReport report = GradCheck.check(in -> HALF_MEAN_SQUARE_WITHOUT_G.apply(in.get(0)),
        List.of(X));
    assertFalse(report.passed(), report.toString());
    assertEquals(GradCheckReport.Verdict.WRONG_DERIVATIVE, report.verdict());
    assertTrue(report.detail().contains("the rule ignores the incoming gradient"),
        report::toString);
    // The same op's spec, which runs that check on every case, fails too, at first order and
    // at second, where the engine refuses the rule by name (its gradient does not depend on the
    // recorded g it was given, and a vector-Jacobian product is linear in g): the second-order
    // check reports that refusal as the wrong derivative it is.
    OpSpec spec = OpSpec.unary("halfMeanSquareWithoutG", Inputs.Domain.ANY,
        HALF_MEAN_SQUARE_WITHOUT_G::apply);
    assertFalse(spec.firstOrderOnly().check(5, 1L).passed());
    SpecReport both = spec.check(5, 1L);
    assertFalse(both.passed(), both::toString);
    assertEquals(10, both.checks(), "five cases, each at first and second order");
    assertEquals(10, both.failures(), both::toString);
    GradCheckReport second = OpSpec.unary("halfMeanSquareWithoutG", Inputs.Domain.ANY,
        HALF_MEAN_SQUARE_WITHOUT_G::apply).sample(Tensors.seeded(1L)).checkSecondOrder();
    assertEquals(GradCheckReport.Verdict.WRONG_DERIVATIVE, second.verdict(), second::toString);
    assertTrue(second.detail().contains("backward of 'halfMeanSquareWithoutG' returned a"
        + " gradient for input 0 that is not connected to the gradient it was given"),
        second::toString);
    // Nothing was compared: the text names no worst element, no projection, no NaN values.
    assertTrue(second.toString().startsWith("WRONG_DERIVATIVE (none, 0 comparisons) at input 1;"
        + " the engine refused to record the first gradients"), second::toString);
  }

  /**
   * x³ at 10 whose rule ignores g and is off by 2e-4 besides: the engine's value is −½ of 300
   * within the relative tolerance (|a + n/2| ≈ 1e-4 against atol + rtol·|n| ≈ 3e-3), though
   * far outside the absolute one alone (1e-6), so the ratio is still named.
   */
  @Test
  void aRuleIgnoringItsIncomingGradientIsNamedWithinTheRelativeTolerance() {
    Op cubeWithoutG = Op.unary("cubeWithoutG", (ctx, x) -> x.mul(x).mul(x),
        (ctx, g) -> Variable.constant(ctx.input(0).value().square().mul(3)
            .add(Tensors.full(ctx.inputShape(0), 2e-4))));
    GradCheckReport report = GradCheck.check(in -> cubeWithoutG.apply(in.get(0)).sum(),
        List.of(Tensor.vector(10)));
    assertEquals(GradCheckReport.Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
    assertTrue(report.detail().contains("the rule ignores the incoming gradient"),
        report::toString);
  }

  @Test
  void aRuleThatTakesTheMagnitudeOfItsIncomingGradientFails() {
    GradCheckReport report = GradCheck.check(in -> ABS_OF_G.apply(in.get(0)), List.of(X));
    assertEquals(GradCheckReport.Verdict.WRONG_DERIVATIVE, report.verdict(), report.toString());
    assertTrue(report.detail().contains("a sign error, or a rule that takes |g|"),
        report::toString);
  }

  @Test
  void aRuleThatDetachesItsIncomingGradientIsRefusedAtSecondOrder() {
    assertTrue(GradCheck.check(in -> SQUARE_DETACHING_G.apply(in.get(0)), List.of(X)).passed(),
        "its first derivatives are right");
    // gradGradCheck gives the rule a recorded g (⟨v, f⟩'s v): the gradient it returns depends
    // on x but not on g, so the engine refuses it, alone and behind tanh alike, and the check
    // reports the refusal as a wrong derivative with respect to v.
    for (DifferentiableFunction f : List.<DifferentiableFunction>of(
        in -> SQUARE_DETACHING_G.apply(in.get(0)),
        in -> SQUARE_DETACHING_G.apply(in.get(0)).tanh())) {
      GradCheckReport report = GradCheck.gradGradCheck(f, List.of(X));
      assertFalse(report.passed(), report::toString);
      assertEquals(GradCheckReport.Verdict.WRONG_DERIVATIVE, report.verdict(), report::toString);
      assertEquals(1, report.input(), "one past the inputs: the output weights v");
      assertEquals(0, report.comparisons(), "refused before any comparison");
      assertTrue(report.detail().endsWith("backward of 'squareDetachingG' returned a gradient"
          + " for input 0 that is not connected to the gradient it was given, while the pass"
          + " records a graph (createGraph): the rule computed on tensors or constants"
          + " (g.value(), Variable.constant(...)) or ignored g, so derivatives taken through it"
          + " would silently miss this term; write the rule with Variable ops on gradOutput and"
          + " ctx's inputs (a zero gradient too, whose value may be zero only at this point: a"
          + " piecewise-constant op's rule returns g.mul(0), summed or broadcast to the input's"
          + " shape where it differs), or declare the op"
          + " firstOrderOnly()"), report::toString);
    }
    // Functional, which has no report to give, keeps the refusal as an exception.
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> dev.chainrule.autograd.functional.Functional.hvp(
            x -> SQUARE_DETACHING_G.apply(x).sum(), X, X));
    assertTrue(e.getMessage().contains("not connected to the gradient it was given"),
        e::getMessage);
    // The same function with the rule written right passes.
    assertTrue(GradCheck.gradGradCheck(in -> in.get(0).mul(in.get(0)).tanh(), List.of(X))
        .passed());
  }

  /**
   * A cut the engine's structural check cannot see, g kept on the graph by a term of weight 0:
   * the derivative with respect to v is what finds it.
   */
  @Test
  void aCutHiddenBehindAZeroTermFailsTheSecondOrderCheck() {
    Op hidden = Op.unary("squareHidingTheCut", (ctx, x) -> x.mul(x),
        (ctx, g) -> g.mul(0).add(Variable.constant(g.value().mul(2)).mul(ctx.input(0))));
    assertTrue(GradCheck.check(in -> hidden.apply(in.get(0)), List.of(X)).passed(),
        "its first derivatives are right");
    // The op alone: the derivative through x is right (2·v), the one through v is missing.
    GradCheckReport report = GradCheck.gradGradCheck(in -> hidden.apply(in.get(0)), List.of(X));
    assertFalse(report.passed(), report.toString());
    assertEquals(1, report.input(), "one past the inputs: the output weights v");
    // The engine's 0 there is the cut of g, not a rule built from its inputs' values: the note
    // that advises building from ctx.input(i) is for derivatives through the inputs only.
    assertEquals(0, report.analytical(), report::toString);
    assertFalse(report.detail().contains("builds its gradient from constants"), report::toString);
  }

  /**
   * Inside one op the float32 refusal cannot see the rounding: the report says what it found
   * instead, a function that does not change at small steps, rather than "wrong". At 2, where
   * tanh is flat enough that float32 rounds both smaller steps' differences to 0 (at 0.5 and -1
   * they scatter instead, which the report reads as probably wrong).
   */
  @Test
  void anOpThatRoundsThroughFloat32InsideIsExplained() {
    Op tanh32 = Op.unary("tanh32", (ctx, x) -> x.to(DType.FLOAT32).tanh().to(x.dtype()),
        (ctx, g) -> g.mul(ctx.output().square().neg().add(1)));
    GradCheckReport report = GradCheck.check(in -> tanh32.apply(in.get(0)),
        List.of(Tensor.vector(2.0)));
    assertFalse(report.passed(), report::toString);
    assertEquals(GradCheckReport.Verdict.INCONCLUSIVE, report.verdict(), "its text says the"
        + " derivative may be right, so the verdict may not say it is wrong");
    assertTrue(report.detail().contains("does not change at all"), report::toString);
  }

  @Test
  void aFunctionThatComputesInFloat32InsideIsRefusedNotMisjudged() {
    DifferentiableFunction narrowing = in -> in.get(0).to(DType.FLOAT32).tanh().to(DType.FLOAT64);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GradCheck.check(narrowing, List.of(X)));
    assertEquals("gradCheck: the function computes in float32 inside ('to' gives a float32 [3],"
        + " though the output is float64), and central differences at a step of 1e-06 cannot"
        + " tell float32 rounding from a wrong derivative: convert the model with"
        + " Module.to(DType.FLOAT64) and its constants with to(DType.FLOAT64), or check with a"
        + " step and tolerances made for float32 (Options.withEps(1e-2).withTolerances(1e-4,"
        + " 1e-3))", e.getMessage());
    // With the step and tolerances it suggests, the same function checks, and passes.
    assertTrue(GradCheck.check(narrowing, List.of(X), GradCheck.Options.defaults().withEps(1e-2)
        .withTolerances(1e-4, 1e-3)).passed());
  }

  /**
   * The least step × relative tolerance that sees through float32 rounding is 1e-7, and it is
   * allowed: 0.1 × 1e-6 is 1e-7 exactly in float64, so the function is checked, while an rtol
   * one float64 step below 1e-6 leaves the product under it and is refused.
   */
  @Test
  void aFunctionThatComputesInFloat32InsideIsCheckedFromEpsTimesRtolOf1e7() {
    DifferentiableFunction narrowing = in -> in.get(0).to(DType.FLOAT32).tanh().to(DType.FLOAT64);
    GradCheck.Options atTheLimit = GradCheck.Options.defaults().withEps(0.1)
        .withTolerances(1e-4, 1e-6);
    assertEquals(1e-7, atTheLimit.eps() * atTheLimit.rtol(), 0, "exactly, as the refusal sees it");
    GradCheckReport report = GradCheck.check(narrowing, List.of(X), atTheLimit);
    assertEquals(9, report.comparisons(), "checked: the full Jacobian, 3 outputs × 3 inputs");
    assertThrows(IllegalArgumentException.class, () -> GradCheck.check(narrowing, List.of(X),
        atTheLimit.withTolerances(1e-4, Math.nextDown(1e-6))));
  }
}
