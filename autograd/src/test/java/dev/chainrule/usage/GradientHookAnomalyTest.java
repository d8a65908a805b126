package dev.chainrule.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.AnomalyException;
import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.GradientHook;
import dev.chainrule.autograd.Gradients;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Under anomaly detection a gradient hook that returns a NaN or an infinity is named, as a
 * backward rule that does is: on a parameter no rule runs after the hook, so without the check
 * the NaN would go into its grad() unnoticed.
 */
class GradientHookAnomalyTest {
  @Test
  void aHookOnAParameterThatReturnsNaNIsNamed() {
    Variable w = Variable.parameter(Tensor.vector(1, 2, 3)).named("w");
    w.registerHook(g -> g.mul(Double.NaN));
    Variable loss = w.square().sum();
    AnomalyException e;
    try (var anomaly = Autograd.detectAnomaly()) {
      e = assertThrows(AnomalyException.class, loss::backward);
    }
    assertEquals(AnomalyException.Phase.BACKWARD, e.phase());
    assertEquals(-1, e.gradientOf());
    assertTrue(e.getMessage().startsWith("anomaly in the backward pass: gradient hook 1 of 1"),
        e.getMessage());
    assertTrue(e.getMessage().contains("on 'w' (a leaf)") && e.getMessage().contains("NaN")
        && e.getMessage().contains("the gradient it was given: [3] in [2.000, 6.000]"),
        e.getMessage());
    assertNull(w.grad(), "a failed pass leaves grad() as it was");
    assertEquals("leaf", e.opName());
  }

  /** A hook on a computed value that returns NaN is blamed on that value's op, not on a leaf. */
  @Test
  void aHookOnAComputedValueThatReturnsNaNNamesItsOp() {
    Variable w = Variable.parameter(Tensor.vector(1, 2, 3)).named("w");
    Variable h = w.exp();
    h.registerHook(g -> g.mul(Double.NaN));
    Variable loss = h.sum();
    AnomalyException e;
    try (var anomaly = Autograd.detectAnomaly()) {
      e = assertThrows(AnomalyException.class, loss::backward);
    }
    assertEquals(AnomalyException.Phase.BACKWARD, e.phase());
    assertEquals("exp", e.opName());
    assertNull(w.grad(), "a failed pass leaves grad() as it was");
  }

  /**
   * Two finite contributions of 1e308 sum to +∞ in the engine's table, before the hooks: a hook
   * that passes the sum on (an observer), or would make ∞/∞ a NaN of it, did not make the
   * anomaly, and the sum is named.
   */
  @Test
  void anOverflowedSumThatAHookPassesOnIsNamedAsTheSum() {
    Variable w = Variable.parameter(Tensor.vector(1)).named("w");
    List<Tensor> seen = new ArrayList<>();
    w.registerHook(GradientHook.observer(g -> seen.add(g.value())));
    w.registerHook(g -> g.div(g.value().abs().sum().item()));  // g / ‖g‖₁
    Variable loss = w.mul(1e308).sum().add(w.mul(1e308).sum());
    AnomalyException e;
    try (var anomaly = Autograd.detectAnomaly()) {
      e = assertThrows(AnomalyException.class, loss::backward);
    }
    // Each rule's gradient is 1e308, finite; their sum overflows, and is blamed as the sum.
    assertTrue(e.getMessage().startsWith("anomaly in the backward pass: the gradient of 'w', a"
        + " sum of finite contributions (from the ops that read it, over the axes it was"
        + " broadcast along, or from earlier passes into grad()), overflowed to an infinity")
        && !e.getMessage().contains("hook"), e.getMessage());
    assertEquals(1, seen.size(), "the observer saw the sum");
    assertNull(w.grad(), "a failed pass leaves grad() as it was");
  }

  /**
   * A hook may repair an overflowed sum under anomaly detection, as it may without: the check
   * is of what the hooks return (PyTorch's anomaly mode checks what each function returns).
   */
  @Test
  void aHookMayRepairAnOverflowedSum() {
    Variable w = Variable.parameter(Tensor.vector(1)).named("w");
    w.registerHook(g -> g.clamp(-1e300, 1e300));
    Variable loss = w.mul(1e308).sum().add(w.mul(1e308).sum());
    try (var anomaly = Autograd.detectAnomaly()) {
      loss.backward();
    }
    assertEquals(1e300, w.grad().get(0), "the clamp's bound");
  }

  @Test
  void withoutHooksTheOverflowedSumIsCaughtBeforeGradToo() {
    Variable w = Variable.parameter(Tensor.vector(1, 0.5));
    Variable loss = w.mul(1e308).sum().add(w.mul(1e308).sum());
    try (var anomaly = Autograd.detectAnomaly()) {
      AnomalyException e = assertThrows(AnomalyException.class, loss::backward);
      assertTrue(e.getMessage().contains("the gradient of a parameter [2]")
          && e.getMessage().contains("2 infinite"), e.getMessage());
    }
    assertNull(w.grad());
    // Nor may Gradients.of return it (the forward built outside the check: it overflows too).
    Variable overflowing = w.mul(1e308).sum().add(w.mul(1e308).sum());
    try (var anomaly = Autograd.detectAnomaly()) {
      assertThrows(AnomalyException.class, () -> Gradients.of(List.of(overflowing), List.of(w),
          null, Gradients.Options.defaults()));
    }
    // Two passes whose finite gradients overflow once added into grad(): the second is refused,
    // and grad() keeps the first.
    w.mul(1e308).sum().backward();
    Variable again = w.mul(1e308).sum();
    try (var anomaly = Autograd.detectAnomaly()) {
      assertThrows(AnomalyException.class, again::backward);
    }
    assertEquals(1e308, w.grad().get(0));
    w.zeroGrad();
    // Without anomaly detection the sum is a value like any other.
    w.mul(1e308).sum().add(w.mul(1e308).sum()).backward();
    assertEquals(Double.POSITIVE_INFINITY, w.grad().get(0));
  }

  @Test
  void withoutAnomalyDetectionTheHooksResultGoesIntoGrad() {
    Variable w = Variable.parameter(Tensor.vector(1, 2, 3));
    w.registerHook(g -> g.mul(Double.POSITIVE_INFINITY));
    w.square().sum().backward();
    // 2w·∞ is +∞ for every positive w: the price of not asking, as in PyTorch.
    assertEquals(Double.POSITIVE_INFINITY, w.grad().get(0));
  }
}
