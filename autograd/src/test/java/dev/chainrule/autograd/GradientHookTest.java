package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Gradient hooks in a backward pass ({@link Variable#registerHook}), as PyTorch's {@code
 * Tensor.register_hook}: what they see, when, and what their result replaces. Every expected
 * number is worked by hand in the comments; they are sums and products of small binary fractions,
 * so the comparisons are exact.
 */
class GradientHookTest {

  /**
   * Gradient reversal (the domain-adversarial trick): a hook returning −g on h makes everything
   * below h receive the negated gradient, while h's consumers are unchanged.
   */
  @Test
  void aHookReturningMinusGReversesTheGradientBelowIt() {
    Variable x = Variable.parameter(Tensor.vector(1, 2, -1), "x");
    Variable w = Variable.parameter(Tensor.vector(0.5, -1, 3), "w");
    Variable h = x.mul(w);  // h = [0.5, -2, -3]
    Variable v = Variable.parameter(Tensor.vector(2, 2, 2), "v");
    h.registerHook(Variable::neg);
    h.mul(v).square().sum().backward();  // L = Σ (h·v)²
    // ∂L/∂v = 2(h·v)·h = 2·[1, -4, -6]·[0.5, -2, -3] = [1, 16, 36]: above the hook, unchanged.
    assertEquals(Tensor.vector(1, 16, 36), v.grad());
    // ∂L/∂h = 2(h·v)·v = [4, -16, -24], reversed: [-4, 16, 24]; then ∂x = g·w, ∂w = g·x.
    assertEquals(Tensor.vector(-2, -16, 72), x.grad());
    assertEquals(Tensor.vector(-4, 32, -24), w.grad());
  }

  /** The hook runs once per pass, on the sum of every use of the variable. */
  @Test
  void aHookSeesTheSummedGradientOnce() {
    Variable x = Variable.parameter(Tensor.vector(1, 2));
    Variable h = x.mul(2);  // h = [2, 4], used twice below
    List<Tensor> seen = new ArrayList<>();
    h.registerHook(GradientHook.observer(g -> seen.add(g.value())));
    h.square().sum().add(h.mul(3).sum()).backward();  // L = Σ h² + 3Σ h
    assertEquals(List.of(Tensor.vector(7, 11)), seen, "2h + 3, both uses summed, one call");
    assertEquals(Tensor.vector(14, 22), x.grad(), "2·(2h + 3): the observer changed nothing");
  }

  /** On a leaf the hook's result is what is added into grad(); it sees every use summed. */
  @Test
  void aHookOnALeafReplacesWhatIsAccumulated() {
    Variable w = Variable.parameter(Tensor.vector(1, 2), "w");
    List<Tensor> seen = new ArrayList<>();
    w.registerHook(g -> {
      seen.add(g.value());
      return g.mul(10);
    });
    w.mul(w).sum().add(w.sum()).backward();  // ∂/∂w (Σ w² + Σ w) = 2w + 1 = [3, 5]
    assertEquals(List.of(Tensor.vector(3, 5)), seen);
    assertEquals(Tensor.vector(30, 50), w.grad());
    w.square().sum().backward();  // a second pass: 2w = [2, 4], hooked [20, 40], added
    assertEquals(Tensor.vector(50, 90), w.grad());
  }

  /** Several hooks run in registration order, each on the previous one's result. */
  @Test
  void hooksRunInRegistrationOrder() {
    for (boolean addFirst : new boolean[] {true, false}) {
      Variable w = Variable.parameter(Tensor.vector(1, 2));
      List<Tensor> lastSaw = new ArrayList<>();
      GradientHook plusOne = g -> g.add(1);
      GradientHook timesTwo = g -> g.mul(2);
      w.registerHook(addFirst ? plusOne : timesTwo);
      w.registerHook(addFirst ? timesTwo : plusOne);
      w.registerHook(GradientHook.observer(g -> lastSaw.add(g.value())));
      w.square().sum().backward();  // g = 2w = [2, 4]
      Tensor expected = addFirst ? Tensor.vector(6, 10) : Tensor.vector(5, 9);  // (g+1)·2, 2g+1
      assertEquals(List.of(expected), lastSaw, "the third hook sees the second's result");
      assertEquals(expected, w.grad());
    }
  }

  @Test
  void removedHooksNoLongerRunAndTheOthersKeepTheirOrder() {
    Variable w = Variable.parameter(Tensor.vector(1, 2));
    List<String> calls = new ArrayList<>();
    HookHandle first = w.registerHook(GradientHook.observer(g -> calls.add("first")));
    HookHandle second = w.registerHook(GradientHook.observer(g -> calls.add("second")));
    w.registerHook(GradientHook.observer(g -> calls.add("third")));
    second.remove();
    second.remove();  // idempotent
    w.square().sum().backward();
    assertEquals(List.of("first", "third"), calls);
    calls.clear();
    try (HookHandle scoped = w.registerHook(GradientHook.observer(g -> calls.add("scoped")))) {
      w.square().sum().backward();
    }
    w.square().sum().backward();
    assertEquals(List.of("first", "third", "scoped", "first", "third"), calls);
  }

  /** After the last removal the variable holds no hook list: the engine's test is null again. */
  @Test
  void removingEveryHookLeavesNothingForTheEngineToRun() {
    Variable w = Variable.parameter(Tensor.vector(1, 2));
    assertNull(w.gradientHooks());
    HookHandle a = w.registerHook(g -> g.mul(3));
    HookHandle b = w.registerHook(g -> g.mul(5));
    assertNotNull(w.gradientHooks());
    a.remove();
    b.remove();
    assertNull(w.gradientHooks());
    w.square().sum().backward();
    assertEquals(Tensor.vector(2, 4), w.grad(), "2w, no hook");
  }

  /** A hook that removes itself runs in the pass it is in (the pass kept its list), not later. */
  @Test
  void aHookRemovingItselfRunsForTheLastTimeInThatPass() {
    Variable w = Variable.parameter(Tensor.vector(1, 2));
    HookHandle[] handle = new HookHandle[1];
    int[] calls = {0};
    handle[0] = w.registerHook(g -> {
      calls[0]++;
      handle[0].remove();
      return g.mul(10);
    });
    w.square().sum().backward();
    w.square().sum().backward();
    assertEquals(1, calls[0]);
    assertEquals(Tensor.vector(22, 44), w.grad(), "[20, 40] hooked, then [2, 4] plain");
  }

  /** With a retained graph each pass runs the hooks once more. */
  @Test
  void eachPassOverARetainedGraphRunsTheHooksAgain() {
    Variable x = Variable.parameter(Tensor.vector(3));
    Variable h = x.square();  // h = 9
    int[] calls = {0};
    h.registerHook(g -> {
      calls[0]++;
      return g.mul(-1);
    });
    Variable loss = h.mul(2).sum();  // ∂L/∂h = 2, reversed -2; ∂x = -2·2x = -12
    loss.backward(null, Gradients.Options.retainingGraph());
    loss.backward(null, Gradients.Options.retainingGraph());
    assertEquals(2, calls[0]);
    assertEquals(Tensor.vector(-24), x.grad());
  }

  /** The output's own hook sees the seed: 1 for a scalar, the given gradient otherwise. */
  @Test
  void aHookOnTheOutputSeesTheSeed() {
    Variable x = Variable.parameter(Tensor.vector(1, 2));
    Variable y = x.mul(3);
    List<Tensor> seen = new ArrayList<>();
    y.registerHook(g -> {
      seen.add(g.value());
      return g.mul(2);
    });
    y.backward(Tensor.vector(1, -1));
    assertEquals(List.of(Tensor.vector(1, -1)), seen);
    assertEquals(Tensor.vector(6, -6), x.grad(), "3·2·[1, -1]");
  }

  /** A retained non-leaf gradient is the hooks' result (PyTorch 2's order: retain_grad last). */
  @Test
  void aRetainedGradientIsTheHookedOne() {
    Variable x = Variable.parameter(Tensor.vector(1, 2));
    Variable h = x.mul(2).retainGrad();
    h.registerHook(g -> g.mul(-1));
    h.sum().backward();
    assertEquals(Tensor.vector(-1, -1), h.grad());
    assertEquals(Tensor.vector(-2, -2), x.grad());
  }

  @Test
  void hooksWorkInFloat32() {
    Variable w = Variable.parameter(Tensor.vector(1.5, -2).to(DType.FLOAT32), "w");
    Variable h = w.tanh();
    List<DType> types = new ArrayList<>();
    h.registerHook(g -> {
      types.add(g.dtype());
      return g.neg();
    });
    w.registerHook(g -> g.mul(0.5));
    h.sum().backward();
    assertEquals(List.of(DType.FLOAT32), types);
    assertEquals(DType.FLOAT32, w.grad().dtype());
    // ∂w = 0.5·(−1)·(1 − tanh² w) ≈ −0.09 and −0.035: float32 rounding of tanh and the two
    // products is a few 1e-9 here; 2.5e-7 (two float32 ulps of 1) leaves room and still fails a
    // missing hook (a factor of −2).
    for (int i = 0; i < 2; i++) {
      double t = Math.tanh(w.value().get(i));
      assertEquals(-0.5 * (1 - t * t), w.grad().get(i), 2.5e-7);
    }
  }

  /**
   * The engine hands a gradient's array back for reuse once no rule reads it (from 128 elements
   * on), but never one a hook was given or returned: the hook may keep it.
   */
  @Test
  void aGradientAHookKeepsIsNeverReused() {
    Variable w = Variable.parameter(Tensors.randn(Shape.of(16, 16), 1L));
    List<Tensor> kept = new ArrayList<>();
    Variable h = w.tanh();
    h.registerHook(g -> {
      kept.add(g.value());
      Variable doubled = g.mul(2);
      kept.add(doubled.value());
      return doubled;
    });
    h.exp().sum().backward();  // ∂/∂h = eʰ, a fresh [16, 16] tensor of the pass
    List<Tensor> copies = kept.stream().map(Tensor::copy).toList();
    for (int i = 0; i < 3; i++) {  // more passes, writing into whatever the pool hands out
      w.tanh().exp().mul(3).sum().backward();
    }
    assertEquals(copies, kept);
    assertEquals(h.value().exp(), kept.get(0));
  }

  /** Under no createGraph the gradient is a constant; the hook's ops record nothing. */
  @Test
  void anOrdinaryPassGivesTheHookAConstant() {
    Variable w = Variable.parameter(Tensor.vector(1, 2));
    List<Variable> seen = new ArrayList<>();
    w.registerHook(g -> {
      Variable r = g.mul(2);
      seen.add(g);
      seen.add(r);
      return r;
    });
    w.square().sum().backward();
    assertFalse(seen.get(0).requiresGrad());
    assertFalse(seen.get(1).requiresGrad(), "nothing recorded inside an ordinary pass");
    // The hook kept g and its result: neither may be the array grad() later adds into.
    assertNotSame(seen.get(1).value(), w.grad());
    w.square().sum().backward();
    assertEquals(Tensor.vector(4, 8), seen.get(1).value(), "what the hook kept is unchanged");
    assertEquals(Tensor.vector(8, 16), w.grad());
    assertEquals(Tensor.vector(2, 4), seen.get(0).value());
  }
}
