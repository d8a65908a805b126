package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The zeros {@link Gradients.Options#withAllowUnused()} gives an unused input under {@code
 * createGraph}, differentiated again. They were linked to the input as a recorded derivative is,
 * so a backward pass through a penalty on them went on into the input's own history with zero
 * gradients: sqrt's rule at 0 made 0·∞ = NaN, and a gradient hook returning g + 1 below the input
 * added its 1, both into a gradient that does not depend on that input at all. PyTorch 1.13's
 * {@code allow_unused} gives {@code None} there, and the gradients of the differential hunt's
 * cases are its own (found by a random graph of ops, hooks and second-order passes against it).
 */
class AllowUnusedSecondOrderTest {
  private static final Gradients.Options OPTIONS =
      Gradients.Options.creatingGraph().withAllowUnused();

  /** Q = Σ(∂L/∂x)² + Σ(∂L/∂h)² for L = Σx², which does not use h: ∂Q/∂x = 8x. */
  private static Tensor penaltyGradient(Variable x, Variable h) {
    Variable loss = x.mul(x).sum();
    List<Variable> g = Gradients.of(List.of(loss), List.of(x, h), null, OPTIONS);
    assertEquals(Tensors.zeros(3), g.get(1).value());
    g.get(0).square().sum().add(g.get(1).square().sum()).backward();
    return x.grad();
  }

  @Test
  void anUnusedInputsZerosDoNotGoBackThroughItsHistory() {
    Variable x = Variable.parameter(Tensor.vector(0, 1, 4), "x");
    Variable h = x.sqrt(); // its rule, g / (2·√x), is 0/0 at x = 0 for g = 0
    // Exact: 8x in binary; the linked zeros made NaN at 0, where PyTorch 1.13 gives 0.
    assertEquals(Tensor.vector(0, 8, 32), penaltyGradient(x, h));
  }

  @Test
  void anUnusedInputsZerosRunNoHookBelowIt() {
    Variable x = Variable.parameter(Tensor.vector(1, 2, 3), "x");
    Variable below = x.sin();
    below.registerHook(g -> g.add(1));
    // Exact: 8x in binary; the linked zeros reached the hook and came out as 8x + 2·cos x.
    assertEquals(Tensor.vector(8, 16, 24), penaltyGradient(x, below.mul(2)));
  }

  @Test
  void anUnusedInputsZerosAreAConstantBesideARecordedGradient() {
    Variable x = Variable.parameter(Tensor.vector(1, 2, 3), "x");
    Variable h = x.exp();
    List<Variable> g = Gradients.of(List.of(x.square().sum()), List.of(x, h), null, OPTIONS);
    assertEquals(Tensor.vector(2, 4, 6), g.get(0).value()); // 2x, exact in binary
    assertTrue(g.get(0).requiresGrad(), "the used input's gradient is recorded");
    assertFalse(g.get(1).requiresGrad(), "the unused input's zeros are a constant, as None is");
  }
}
