package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import static org.junit.jupiter.api.Assertions.assertFalse;
import org.junit.jupiter.api.Test;

/**
 * A hook's replacement in a pass that records a graph must be computed from the gradient it was
 * given with Variable ops, as a user's backward rule's gradients must: one computed on tensors
 * made every derivative through it silently miss the term through g. With L = Σ h², h = x², and
 * a hook doubling ∂L/∂h = 2h: dL/dx = 2·2h·2x, recorded. Its derivative is 2·2·2x·2x = 8x² = 18
 * at x = 1.5 through the factor 2x, plus, through h, 2·2·2x = 8x, doubled again by the hook the
 * second pass meets on h, times dh/dx = 2x: 32x² = 72; 90 in all. With the doubling done on
 * g.value(), the second derivative came out as the first term alone, 18.
 */
class GradientHookConnectionTest {
  private static final double A = 1.5;

  /** d²L/dx² through a hook on h, or the exception the first pass threw. */
  private static double secondDerivative(GradientHook hook) {
    Variable x = Variable.parameter(Tensor.vector(A), "x");
    return Gradients.of(firstDerivative(x, hook).sum(), x).get(0).value().get(0);
  }

  /** dL/dx, recorded, through a hook on h. */
  private static Variable firstDerivative(Variable x, GradientHook hook) {
    Variable h = x.square().named("h");
    h.registerHook(hook);
    return Gradients.of(List.of(h.square().sum()), List.of(x), null,
        Gradients.Options.creatingGraph()).get(0);
  }

  @Test
  void aReplacementComputedOnTensorsIsRefusedNamingTheHook() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> secondDerivative(g -> Variable.constant(g.value().mul(2))));
    assertTrue(e.getMessage().startsWith("gradient hook 1 of 1 (registered at "), e::getMessage);
    assertTrue(e.getMessage().contains(" on 'h' (computed by "), e::getMessage);
    assertTrue(e.getMessage().contains("returned a gradient that is not connected to the"
        + " gradient it was given, while the pass records a graph (createGraph)"), e::getMessage);
    assertTrue(e.getMessage().endsWith("compute the replacement with Variable ops on g"
        + " (g.mul(2), g.neg(); zeros as g.mul(0))"), e::getMessage);
    // Products and a sum of binary fractions, exact.
    assertEquals(90, secondDerivative(g -> g.mul(2)), 0.0, "8x² + 32x²");
  }

  /** g held as a constant beside the hooked variable itself: still cut off g. */
  @Test
  void aReplacementHoldingTheGradientAsAConstantIsRefused() {
    Variable x = Variable.parameter(Tensor.vector(A), "x");
    Variable h = x.square().named("h");
    h.registerHook(g -> Variable.constant(g.value()).mul(h).div(h));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Gradients.of(List.of(h.square().sum()), List.of(x), null,
            Gradients.Options.creatingGraph()));
    assertTrue(e.getMessage().contains("not connected to the gradient it was given"),
        e::getMessage);
  }

  /**
   * The given gradient itself, zeros made from it, and a constant in a pass that records nothing
   * pass. Constant zeros used to pass too, and with them a replacement on g.value() wherever it
   * happened to be zero: whether it is depends on the point, and the check must not.
   */
  @Test
  void observersZerosFromGAndFirstOrderPassesAreNotChecked() {
    assertEquals(27, secondDerivative(GradientHook.observer(g -> { })), 0.0,
        "12x² without the doubling, exact");
    Variable x0 = Variable.parameter(Tensor.vector(A), "x");
    assertEquals(Tensors.zeros(1), firstDerivative(x0, g -> g.mul(0)).value(), "the hook's zeros");
    Variable x1 = Variable.parameter(Tensor.vector(A), "x");
    assertTrue(assertThrows(DisconnectedGradientException.class, () -> firstDerivative(x1,
        g -> Variable.constant(Tensors.zerosLike(g.value())))).getMessage()
        .contains("returned a gradient that is not connected"), "constant zeros");
    Variable x = Variable.parameter(Tensor.vector(A), "x");
    Variable h = x.square();
    h.registerHook(g -> Variable.constant(g.value().mul(2)));
    h.square().sum().backward();
    assertEquals(Tensor.vector(27), x.grad(), "8x³, exact; no graph recorded, nothing to cut");
  }

  /** A variable reaches itself, even a constant (which has no inputs to walk through). */
  @Test
  void aVariableReachesItself() {
    Variable constant = Variable.constant(Tensor.vector(1, 2));
    assertTrue(GradientPaths.reaches(constant, constant, List.of(), 10));
    Variable other = Variable.constant(Tensor.vector(1, 2));
    assertFalse(GradientPaths.reaches(constant, other, List.of(), 10),
        "a constant reaches nothing else");
  }

  /**
   * The walk answers "connected" only past {@code cap} visited nodes: from c = exp(exp(a)) it
   * visits c, exp(a) and a, none of them the target, so a cap of 3 proves them disconnected and
   * a cap of 2 gives up.
   */
  @Test
  void theWalkGivesUpOnlyPastItsCap() {
    Variable a = Variable.parameter(Tensor.vector(1));
    Variable c = a.exp().exp();
    Variable target = Variable.parameter(Tensor.vector(1));
    assertFalse(GradientPaths.reaches(c, target, List.of(), 3), "three nodes walked");
    assertTrue(GradientPaths.reaches(c, target, List.of(), 2), "given up at the third");
  }
}
