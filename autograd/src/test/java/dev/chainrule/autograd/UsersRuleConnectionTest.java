package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Under createGraph, a user's rule given a recorded gradient must return gradients that depend on
 * it in the recorded graph. The check used to ask only whether the result was recorded, so a rule
 * that held g as a constant but multiplied it by a recorded input passed, and every derivative
 * through it missed the term through g. Now the engine walks back from what the rule returned.
 */
class UsersRuleConnectionTest {
  private static final Gradients.Options RECORDING = Gradients.Options.creatingGraph();

  /** A square after the op hands its rule a recorded g (2·y, which depends on x). */
  private static IllegalStateException refusal(Op op, Variable... inputs) {
    return assertThrows(IllegalStateException.class, () -> Gradients.of(
        List.of(op.apply(inputs).square().sum()), List.of(inputs), null, RECORDING));
  }

  @Test
  void aRuleThatHoldsGAsAConstantButKeepsItsInputRecordedIsRefused() {
    Op square = Op.unary("sqHalf", (ctx, x) -> x.square(),
        (ctx, g) -> Variable.constant(g.value()).mul(ctx.input(0)).mul(2));
    IllegalStateException e = refusal(square, Variable.parameter(Tensor.vector(0.5, -1, 2)));
    assertTrue(e.getMessage().startsWith("backward of 'sqHalf' returned a gradient for input 0"
        + " that is not connected to the gradient it was given, while the pass records a graph"
        + " (createGraph)"), e::getMessage);
  }

  /** The message names the input whose gradient is cut, not the first one. */
  @Test
  void theCutInputIsNamed() {
    Op product = Op.of("product", 2, (ctx, in) -> in[0].mul(in[1]), (ctx, g) -> new Variable[] {
        g.mul(ctx.input(1)), Variable.constant(g.value()).mul(ctx.input(0))});
    IllegalStateException e = refusal(product, Variable.parameter(Tensor.vector(1, 2)),
        Variable.parameter(Tensor.vector(3, 4)));
    assertTrue(e.getMessage().startsWith("backward of 'product' returned a gradient for input 1"
        + " that is not connected"), e::getMessage);
    // Written right, both depend on g: ∂/∂x Σ(xy)² = 2xy² = [18, 64] at x = [1, 2], y = [3, 4].
    Op right = Op.of("product", 2, (ctx, in) -> in[0].mul(in[1]), (ctx, g) -> new Variable[] {
        g.mul(ctx.input(1)), g.mul(ctx.input(0))});
    Variable x = Variable.parameter(Tensor.vector(1, 2));
    Variable y = Variable.parameter(Tensor.vector(3, 4));
    Variable dx = Gradients.of(List.of(right.apply(x, y).square().sum()), List.of(x, y), null,
        RECORDING).get(0);
    assertEquals(Tensor.vector(18, 64), dx.value());
    assertTrue(dx.requiresGrad(), "recorded, for the next derivative");
  }

  /** A weight the rule's lambda captured, as a constant factor of g: connected through g. */
  @Test
  void aRuleThatScalesGByACapturedVariableIsConnectedAndOneThatCutsGIsNot() {
    Variable w = Variable.parameter(Tensor.vector(2, 3));
    Op scaled = Op.unary("scaled", (ctx, x) -> x.mul(w.value()), (ctx, g) -> g.mul(w));
    Variable x = Variable.parameter(Tensor.vector(1, 1));
    Variable dx = Gradients.of(List.of(scaled.apply(x).square().sum()), List.of(x), null,
        RECORDING).get(0);
    assertEquals(Tensor.vector(8, 18), dx.value(), "2·(w·x)·w, exact");
    // The same with g cut: the walk ends at w, a leaf, without finding g.
    Op cut = Op.unary("scaledCut", (ctx, v) -> v.mul(w.value()),
        (ctx, g) -> Variable.constant(g.value()).mul(w));
    assertTrue(refusal(cut, Variable.parameter(Tensor.vector(1, 1))).getMessage()
        .startsWith("backward of 'scaledCut' returned a gradient for input 0 that is not"
            + " connected"));
  }

  /**
   * Recorded zeros that do not depend on g used to be allowed (a piecewise-constant op's rule),
   * and with them a rule on tensors wherever its gradient happened to be 0: whether a gradient
   * is zero depends on the point, and the check must not. A step's rule returns g.mul(0).
   */
  @Test
  void aZeroGradientIndependentOfGIsRefusedAndOneMadeFromGIsNot() {
    Op cutStep = Op.unary("recordedStep", (ctx, x) -> x.gt(0), (ctx, g) -> ctx.input(0).mul(0));
    String message = refusal(cutStep, Variable.parameter(Tensor.vector(1, -2))).getMessage();
    assertTrue(message.startsWith("backward of 'recordedStep' returned a gradient for input 0"
        + " that is not connected"), message);
    assertTrue(message.contains("(a zero gradient too, whose value may be zero only at this"
        + " point: a piecewise-constant op's rule returns g.mul(0), summed or broadcast to the"
        + " input's shape where it differs), or declare the op"
        + " firstOrderOnly()"), message);
    // x² with its rule on g's value, at 0 where 2x·g is 0: refused as at every other point.
    Op squareOnValues = Op.unary("valueBased", (ctx, x) -> x.square(),
        (ctx, g) -> Variable.constant(g.value().mul(ctx.input(0).value()).mul(2)));
    assertTrue(refusal(squareOnValues, Variable.parameter(Tensor.vector(0, 0))).getMessage()
        .startsWith("backward of 'valueBased' returned a gradient for input 0 that is not"
            + " connected"));
    Op step = Op.unary("step", (ctx, x) -> x.gt(0), (ctx, g) -> g.mul(0));
    Variable x = Variable.parameter(Tensor.vector(1, -2));
    Variable dx = Gradients.of(List.of(step.apply(x).add(x).square().sum()), List.of(x), null,
        RECORDING).get(0);
    // Only the identity's term: 2·(step(x) + x) = 2·([1, 0] + [1, -2]) = [4, -4].
    assertEquals(Tensor.vector(4, -4), dx.value());
  }

  /**
   * The walk stops at the op's inputs, which existed before g: a cut rule whose input ends a
   * chain longer than the walk's limit is still proven disconnected, not given up on.
   */
  @Test
  void theWalkStopsAtTheOpsInputs() {
    Variable x = Variable.parameter(Tensor.vector(0.5));
    Variable end = chain(x, GradientPaths.WALK_LIMIT + 10);
    Op square = Op.unary("sqHalf", (ctx, v) -> v.square(),
        (ctx, g) -> Variable.constant(g.value()).mul(ctx.input(0)).mul(2));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Gradients.of(
        List.of(square.apply(end).square().sum()), List.of(x), null, RECORDING));
    assertTrue(e.getMessage().startsWith("backward of 'sqHalf' returned a gradient for input 0"
        + " that is not connected"), e::getMessage);
  }

  /**
   * A rule that multiplies by a variable its lambda captured from a long graph (not an input)
   * would lead the walk through all of it: past the limit the walk stops and the rule passes,
   * since only what is proven disconnected is refused. The walk is iterative: no stack overflow.
   */
  @Test
  void aWalkPastItsLimitCountsAsConnected() {
    Variable far = chain(Variable.parameter(Tensor.vector(0.5)), GradientPaths.WALK_LIMIT + 10);
    Op cut = Op.unary("cutByFar", (ctx, v) -> v.square(),
        (ctx, g) -> Variable.constant(g.value()).mul(ctx.input(0)).mul(far));
    Variable y = Variable.parameter(Tensor.vector(3));
    Variable dy = Gradients.of(List.of(cut.apply(y).square().sum()), List.of(y), null,
        RECORDING).get(0);
    // 2·y²·(y·far) with far = 0.5 + n·0: 2·9·1.5 = 27 (exact).
    assertEquals(27, dy.value().item(), 0);
  }

  /** x followed by n recorded additions of 0: a graph of n + 1 variables ending at x's value. */
  private static Variable chain(Variable x, int n) {
    Variable v = x;
    for (int i = 0; i < n; i++) {
      v = v.add(0);
    }
    return v;
  }
}
