package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Variable#requiresGrad(boolean)}, PyTorch's {@code requires_grad_}: a frozen parameter
 * is a constant to every pass, and becomes a parameter again when unfrozen.
 */
class FrozenParameterTest {

  /** y = Σ (w·x + b)²: w frozen, b still trained; b's gradient is the one with w a constant. */
  @Test
  void aFrozenParameterGetsNoGradientAndTheOthersTheirUsualOne() {
    Variable w = Variable.parameter(Tensor.vector(2, -1), "w");
    Variable b = Variable.parameter(Tensor.vector(0.5, 0.25), "b");
    Variable x = Variable.constant(Tensor.vector(3, 4));
    assertSame(w, w.requiresGrad(false));
    w.mul(x).add(b).square().sum().backward();
    assertNull(w.grad(), "frozen: no pass reaches it");
    // ∂/∂b = 2·(w·x + b) = 2·(6.5, -3.75), exact in binary.
    assertEquals(Tensor.vector(13, -7.5), b.grad());
    assertFalse(w.requiresGrad());
    assertTrue(w.isParameter() && w.isLeaf(), "still a parameter, frozen");
    // What the optimizer and a module's registration go by: only parameter() makes one.
    assertFalse(x.isParameter(), "a constant leaf is no parameter");
    assertFalse(w.mul(x).isParameter(), "nor is an op's result");
    assertEquals("frozen leaf", w.opName());
  }

  @Test
  void unfrozenItIsDifferentiatedAgainFromTheNextForwardPass() {
    Variable w = Variable.parameter(Tensor.vector(2, -1), "w").requiresGrad(false);
    Variable x = Variable.constant(Tensor.vector(3, 4));
    // Recorded while frozen, with no other parameter: nothing was recorded at all.
    Variable frozenLoss = w.mul(x).sum();
    w.requiresGrad(true);
    assertFalse(frozenLoss.requiresGrad(), "the earlier forward pass has no path to w");
    w.mul(x).sum().backward();
    assertEquals(Tensor.vector(3, 4), w.grad(), "∂Σ w·x / ∂w = x");
  }

  /**
   * Recorded while frozen beside a parameter that was not, an op kept w among its inputs, and the
   * engine read w's flag at backward: unfrozen meanwhile, w got (3, 4), the part of w·b alone, as
   * w² read only w and was not recorded: neither none, as the freezing's promise and PyTorch
   * (whose graph has no edge to a frozen input) say, nor the derivative b + 2w = (7, 2).
   */
  @Test
  void unfrozenBeforeBackwardItGetsNoGradientFromAGraphRecordedWithoutIt() {
    Variable w = Variable.parameter(Tensor.vector(2, -1), "w").requiresGrad(false);
    Variable b = Variable.parameter(Tensor.vector(3, 4), "b");
    Variable loss = w.mul(b).add(w.square()).sum();
    w.requiresGrad(true);
    loss.backward();
    assertNull(w.grad(), "no path to w in a graph recorded while it was frozen");
    assertEquals(Tensor.vector(2, -1), b.grad(), "∂Σ (w·b + w²) / ∂b = w");
    w.requiresGrad(false);
    Variable again = w.mul(b).sum();
    w.requiresGrad(true);
    IllegalArgumentException unused = assertThrows(IllegalArgumentException.class,
        () -> Gradients.of(again, w));
    assertTrue(unused.getMessage().contains("not used"), unused.getMessage());
  }

  /** Frozen between a forward pass and its backward, the pass does not reach it either. */
  @Test
  void frozenBeforeBackwardItIsLeftOutOfThatPass() {
    Variable w = Variable.parameter(Tensor.vector(2, -1), "w");
    Variable b = Variable.parameter(Tensor.vector(1, 1), "b");
    Variable loss = w.mul(b).sum();
    w.requiresGrad(false);
    loss.backward();
    assertNull(w.grad());
    assertEquals(Tensor.vector(2, -1), b.grad(), "∂Σ w·b / ∂b = w");
  }

  /** Kept, a gradient of an earlier pass would still move the frozen parameter at a step. */
  @Test
  void freezingForgetsAHeldGradient() {
    Variable w = Variable.parameter(Tensor.vector(2, -1), "w");
    w.square().sum().backward();
    assertEquals(Tensor.vector(4, -2), w.grad());
    w.requiresGrad(false);
    assertNull(w.grad());
  }

  @Test
  void onlyAParameterCanBeFrozenOrUnfrozen() {
    Variable w = Variable.parameter(Tensor.vector(2, -1), "w");
    IllegalStateException computed = assertThrows(IllegalStateException.class,
        () -> w.mul(w).requiresGrad(false));
    assertEquals("requiresGrad: the variable was computed by 'mul'; only a parameter can be"
        + " frozen or unfrozen (for a value that takes no part in differentiation, use"
        + " detach())", computed.getMessage());
    IllegalStateException constant = assertThrows(IllegalStateException.class,
        () -> Variable.constant(Tensor.vector(1)).named("data").requiresGrad(true));
    assertEquals("requiresGrad: 'data' is a constant, which never requires a gradient; make a"
        + " parameter of its value with Variable.parameter(value)", constant.getMessage());
  }

  /** Hooks and updates registered on the parameters of a model do not skip its frozen ones. */
  @Test
  void hooksAndUpdatesWaitOnAFrozenParameterAndRunOnceItIsUnfrozen() {
    Variable w = Variable.parameter(Tensor.vector(2, -1), "w").requiresGrad(false);
    List<Tensor> seen = new ArrayList<>();
    w.registerHook(g -> {
      seen.add(g.value());
      return g;
    });
    List<Tensor> updates = new ArrayList<>();
    w.updateInBackward((p, g) -> updates.add(g.copy()));
    Variable other = Variable.parameter(Tensor.vector(1, 1));
    w.mul(other).sum().backward();
    assertEquals(List.of(), seen, "frozen: no hook runs");
    assertEquals(List.of(), updates, "nor any update");
    w.requiresGrad(true);
    w.mul(other).sum().backward();
    assertEquals(List.of(Tensor.vector(1, 1)), seen);
    assertEquals(List.of(Tensor.vector(1, 1)), updates);
  }

  @Test
  void differentiatingByAFrozenParameterIsRefusedWithTheWayOut() {
    Variable w = Variable.parameter(Tensor.vector(2, -1), "w");
    Variable b = Variable.parameter(Tensor.vector(1, 1), "b");
    w.requiresGrad(false);
    Variable loss = w.mul(b).sum();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Gradients.of(loss, w));
    assertTrue(e.getMessage().startsWith("gradients: input 0 ('w', frozen leaf, shape [2])"
        + " requires no gradient, so nothing computed from it was recorded: it is frozen;"
        + " unfreeze it (requiresGrad(true)) and compute"), e.getMessage());
    IllegalArgumentException onlyFrozen = assertThrows(IllegalArgumentException.class,
        () -> w.square().sum().backward());
    assertTrue(onlyFrozen.getMessage().contains("no value it was computed from is a parameter"
        + " that requires one (a frozen one, requiresGrad(false), does not)"),
        onlyFrozen.getMessage());
  }

  /** It explained a frozen parameter as "a constant, or computed from constants only". */
  @Test
  void retainGradOnAFrozenParameterSaysItIsFrozenAndTheWayBack() {
    Variable w = Variable.parameter(Tensor.vector(2, -1), "w").requiresGrad(false);
    IllegalStateException e = assertThrows(IllegalStateException.class, w::retainGrad);
    assertEquals("retainGrad: 'w' (frozen leaf) does not require a gradient, so no backward pass"
        + " reaches it and grad() would stay null: it is a frozen parameter; unfreeze it"
        + " (requiresGrad(true)), and it keeps its gradient without retainGrad, as every"
        + " parameter does", e.getMessage());
  }
}
