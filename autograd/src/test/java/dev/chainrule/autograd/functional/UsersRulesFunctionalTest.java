package dev.chainrule.autograd.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.DisconnectedGradientException;
import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The functional API through a user's op whose backward rule cuts the gradient it is given off
 * the graph: jvp, hvp and Hessians differentiate the rules, and such a rule used to give them
 * silent wrong answers (jvp zeros, Hessians without the term through g). Each is now refused,
 * naming the op, while the same op with its rule written on variables gives the right numbers.
 */
class UsersRulesFunctionalTest {
  private static final Tensor X = Tensor.vector(0.5, -1, 2);
  private static final Tensor ONES = Tensors.ones(3);

  /** x², its rule computed on tensors: g.value() and the input's value. */
  private static final Op SQUARE_ON_TENSORS = Op.unary("sqRaw", (ctx, x) -> x.square(),
      (ctx, g) -> Variable.constant(g.value().mul(ctx.input(0).value()).mul(2)));
  /** x², its rule holding g as a constant but the input recorded. */
  private static final Op SQUARE_HOLDING_G = Op.unary("sqHalf", (ctx, x) -> x.square(),
      (ctx, g) -> Variable.constant(g.value()).mul(ctx.input(0)).mul(2));
  /** x², its rule written right. */
  private static final Op SQUARE = Op.unary("sqRight", (ctx, x) -> x.square(),
      (ctx, g) -> g.mul(ctx.input(0)).mul(2));
  /** x³, the rule holding g as a constant. */
  private static final Op CUBE_HOLDING_G = Op.unary("cubeHalf", (ctx, x) -> x.pow(3),
      (ctx, g) -> Variable.constant(g.value()).mul(ctx.input(0).square().mul(3)));
  /** x³, the rule on tensors. */
  private static final Op CUBE_ON_TENSORS = Op.unary("cubeRaw", (ctx, x) -> x.pow(3),
      (ctx, g) -> Variable.constant(g.value().mul(ctx.input(0).value().square().mul(3))));
  /** x³, the rule written right. */
  private static final Op CUBE = Op.unary("cube", (ctx, x) -> x.pow(3),
      (ctx, g) -> g.mul(ctx.input(0).square().mul(3)));

  /**
   * jvp seeded its dummy cotangent with zeros, so a rule on g.value() returned zeros, which the
   * engine allows (a step's rule returns zeros), and J·v came out as [0, 0, 0].
   */
  @Test
  void jvpRefusesARuleComputedOnTheGradientsValue() {
    assertRefused("jvp", "sqRaw", () -> Functional.jvp(SQUARE_ON_TENSORS::apply, X, ONES));
    assertRefused("jvp", "sqHalf", () -> Functional.jvp(SQUARE_HOLDING_G::apply, X, ONES));
    // 2x·v; products of small binary fractions, exact.
    assertEquals(Tensor.vector(1, -2, 4), Functional.jvp(SQUARE::apply, X, ONES).product());
    // First order needs no recorded rule: vjp and the Jacobian of the cut rules are right.
    assertEquals(Tensor.vector(1, -2, 4),
        Functional.vjp(SQUARE_HOLDING_G::apply, X, ONES).products().get(0));
    assertEquals(Tensor.vector(1, -2, 4),
        Functional.jacobian(SQUARE_ON_TENSORS::apply, X).sum(1, false));
  }

  /**
   * Centering, x − mean(x), maps ones to zeros (Jᵀ·1 = 0): while jvp seeded its cotangent with
   * ones, a rule on g.value() returned exact zeros, which pass as a step's, and J·v came out as
   * zeros. The seed is now drawn away from such directions.
   */
  @Test
  void jvpRefusesACutRuleWhoseGradientOfOnesIsZero() {
    Op centerCut = Op.unary("centerCut", (ctx, x) -> x.sub(x.mean()),
        (ctx, g) -> Variable.constant(g.value().sub(g.value().mean())));
    Op center = Op.unary("center", (ctx, x) -> x.sub(x.mean()), (ctx, g) -> g.sub(g.mean()));
    Tensor x = Tensor.vector(1, 2, 4, 8);
    Tensor v = Tensor.vector(1, 0, 0, 0);
    assertRefused("jvp", "centerCut", () -> Functional.jvp(centerCut::apply, x, v));
    // v − mean(v), mean 1/4: exact in binary.
    assertEquals(Tensor.vector(0.75, -0.25, -0.25, -0.25),
        Functional.jvp(center::apply, x, v).product());
  }

  /** The rule holding g as a constant returned a recorded gradient, so it was never refused. */
  @Test
  void hvpAndHessianRefuseARuleThatHoldsTheGradientAsAConstant() {
    // ∇²Σ(x²)² · 1 = 12x² = [3, 12, 48]; the cut rule gave [1, 4, 16].
    assertRefused("hvp", "sqHalf",
        () -> Functional.hvp(x -> SQUARE_HOLDING_G.apply(x).square().sum(), X, ONES));
    assertEquals(Tensor.vector(3, 12, 48),
        Functional.hvp(x -> SQUARE.apply(x).square().sum(), X, ONES).products().get(0));
    // ∇²Σ(x³)² = diag(30x⁴) = diag(1.875, 30, 480); the cut rule gave diag(0.75, 12, 192).
    assertRefused("hessian", "cubeHalf",
        () -> Functional.hessian(x -> CUBE_HOLDING_G.apply(x).square().sum(), X));
    Tensor hessian = Functional.hessian(x -> CUBE.apply(x).square().sum(), X);
    // Sums of a few products of binary fractions: 1e-12 covers their rounding.
    assertTrue(hessian.allClose(Tensors.eye(3).mul(Tensor.vector(1.875, 30, 480)), 1e-12, 0),
        hessian::toString);
  }

  /**
   * The Hessian of Σ f(x) starts from a gradient of 1 that used to be a constant: nothing could
   * depend on it, the rule on tensors was not checked, and the Hessian came out as zeros.
   */
  @Test
  void theHessianOfASumRefusesARuleOnTensors() {
    assertRefused("hessian", "cubeRaw", () -> Functional.hessian(
        x -> CUBE_ON_TENSORS.apply(x).sum(), X));
    assertRefused("hvp", "cubeRaw", () -> Functional.hvp(
        x -> CUBE_ON_TENSORS.apply(x).sum(), X, ONES));
    // diag(6x); exact.
    assertEquals(Tensor.vector(3, -6, 12),
        Functional.hvp(x -> CUBE.apply(x).sum(), X, ONES).products().get(0));
  }

  /**
   * Zeros used to pass whatever they depended on (a step's rule returns zeros), so x² with its
   * rule on tensors had a Hessian of zeros at x = 0, where its gradient 2x·g is 0, instead of
   * 2·I, and was refused at x = 1: the answer depended on the point. Now zeros cut off g are
   * refused at every point, and a step's rule returns g.mul(0).
   */
  @Test
  void aRuleOnTensorsIsRefusedWhereItsGradientIsZeroToo() {
    for (Tensor at : List.of(Tensors.zeros(3), ONES)) {
      assertRefused("hessian", "sqRaw",
          () -> Functional.hessian(x -> SQUARE_ON_TENSORS.apply(x).sum(), at));
    }
    // 2·I at 0, the same as everywhere; exact.
    assertEquals(Tensors.eye(3).mul(2),
        Functional.hessian(x -> SQUARE.apply(x).sum(), Tensors.zeros(3)));
    Op stepOnTensors = Op.unary("stepRaw", (ctx, x) -> x.gt(0),
        (ctx, g) -> Variable.constant(Tensors.zerosLike(g.value())));
    assertRefused("hessian", "stepRaw",
        () -> Functional.hessian(x -> stepOnTensors.apply(x).sum(), X));
    Op step = Op.unary("step", (ctx, x) -> x.gt(0), (ctx, g) -> g.mul(0));
    assertEquals(Tensors.zeros(3), Functional.jvp(x -> step.apply(x).add(x), X, ONES).product()
        .sub(ONES), "only the identity's term");
    assertEquals(Tensors.zeros(3, 3), Functional.hessian(x -> step.apply(x).sum(), X));
  }

  /**
   * A first-order product differentiates the function, not its rules: a rule's error there goes
   * on in the engine's words, with nothing about differentiating rules.
   */
  @Test
  void aFirstOrderProductPassesARulesErrorOnAsItIs() {
    Op silent = Op.unary("silent", (ctx, x) -> x.mul(1), (ctx, g) -> null);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Functional.vjp(silent::apply, X, ONES));
    assertTrue(e.getMessage().startsWith("backward of 'silent' returned no gradient for input 0,"
        + " which requires one"), e::getMessage);
  }

  private static void assertRefused(String function, String op, Executable call) {
    // Its own type, as the engine throws it, so a caller catching it still does.
    DisconnectedGradientException e = assertThrows(DisconnectedGradientException.class, call);
    assertTrue(e.getCause() instanceof DisconnectedGradientException, "the engine's, as cause");
    assertTrue(e.getMessage().startsWith(function + ": differentiates the backward rules, and"
        + " backward of '" + op + "' returned a gradient for input 0 that is not connected to"
        + " the gradient it was given"), e::getMessage);
  }
}
