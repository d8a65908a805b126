package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.FaultInjection.Mutation;
import dev.chainrule.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a fault-injection scope leaves behind when it closes (nothing: the next ops are recorded
 * with their own rules, an outer scope applies again, the thread's switch is off), what its
 * mutants say about themselves, and which mistake is typical of which op. Found by mutation
 * testing (issue 15). Gradients here are exact: 2·x for x ∈ {1, 2} and e⁰ = 1.
 */
class FaultInjectionTest {
  private final Variable x = Variable.parameter(Tensor.vector(1, 2));

  /** ∂(Σ x·x)/∂x as the mul recorded now computes it: 2x, or −2x under a sign error. */
  private Tensor squareGradient() {
    x.zeroGrad();
    x.mul(x).sum().backward();
    return x.grad();
  }

  @Test
  void opsRecordedAfterTheScopeHaveTheirOwnRules() {
    Variable inside;
    try (var fault = FaultInjection.inject("mul", Mutation.SIGN_ERROR)) {
      inside = x.mul(x).sum();
    }
    assertEquals(Tensor.vector(2, 4), squareGradient(), "recorded after the scope closed");
    x.zeroGrad();
    inside.backward();
    assertEquals(Tensor.vector(-2, -4), x.grad(), "recorded inside: the rule stays wrong");
  }

  @Test
  void closingTwiceClosesOnce() {
    var outer = FaultInjection.inject("mul", Mutation.SIGN_ERROR);
    try {
      var inner = FaultInjection.inject("exp", Mutation.MISSING_FACTOR);
      inner.close();
      inner.close();
      assertEquals(Tensor.vector(-2, -4), squareGradient(), "the outer scope applies again");
    } finally {
      outer.close();
    }
    assertEquals(Tensor.vector(2, 4), squareGradient());
  }

  /** Only the innermost scope injects; when it closes, the one it interrupted applies again. */
  @Test
  void anOuterScopeAppliesAgainWhenTheInnerCloses() {
    Variable zero = Variable.parameter(Tensor.scalar(0));
    try (var outer = FaultInjection.inject("mul", Mutation.SIGN_ERROR)) {
      try (var inner = FaultInjection.inject("exp", Mutation.MISSING_FACTOR)) {
        assertEquals(Tensor.vector(2, 4), squareGradient(), "the inner scope selects exp only");
        zero.exp().backward();
        assertEquals(Tensor.scalar(0.5), zero.grad(), "e⁰ = 1, halved");
      }
      assertEquals(Tensor.vector(-2, -4), squareGradient());
      zero.zeroGrad();
      zero.exp().backward();
      assertEquals(Tensor.scalar(1), zero.grad(), "exp's injection ended with its scope");
      assertEquals(1, outer.injected().size(), "the mul recorded after the inner scope");
    }
  }

  /**
   * A closed scope turns the thread's switch off again, so recording costs one bit test as
   * before, and keeps nothing on the thread (no stale injection, which would hold on to the ops
   * it mutated and mutate more if the switch came on).
   */
  @Test
  void aClosedScopeLeavesNothingOnTheThread() {
    Op twice = Op.unary("twice", (ctx, t) -> t.mul(2), (ctx, g) -> g.mul(2));
    try (var outer = FaultInjection.inject("twice", Mutation.SIGN_ERROR)) {
      try (var inner = FaultInjection.injectAt(0, Mutation.SIGN_ERROR)) {
        assertTrue((Autograd.mode() & Autograd.FAULTS) != 0);
      }
      assertTrue((Autograd.mode() & Autograd.FAULTS) != 0, "the outer scope is still open");
    }
    assertEquals(0, Autograd.mode() & Autograd.FAULTS);
    assertSame(twice, FaultInjection.intercept(twice));
  }

  @Test
  void aNegativeIndexIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FaultInjection.injectAt(-1, Mutation.SIGN_ERROR));
    assertEquals("FaultInjection: index must not be negative, got -1", e.getMessage());
    assertEquals(0, Autograd.mode() & Autograd.FAULTS, "a refused scope was never opened");
  }

  @Test
  void aMutantKeepsItsOpsRowAndHigherOrderFlag() {
    Op firstOrder = Op.unary("plain", (ctx, t) -> t.mul(2), (ctx, g) -> g.mul(2))
        .firstOrderOnly();
    FaultInjection.Mutant tanh;
    FaultInjection.Mutant plain;
    try (var fault = FaultInjection.inject("tanh", Mutation.SIGN_ERROR)) {
      x.tanh();
      tanh = fault.injected().get(0);
    }
    try (var fault = FaultInjection.inject("plain", Mutation.SIGN_ERROR)) {
      firstOrder.apply(x);
      plain = fault.injected().get(0);
    }
    assertEquals("tanh", tanh.tableEntry().orElseThrow().name());
    assertTrue(tanh.supportsHigherOrder());
    assertTrue(plain.tableEntry().isEmpty());
    assertFalse(plain.supportsHigherOrder());
  }

  @Test
  void eachMutationDescribesItself() {
    assertEquals(List.of("a sign error", "a missing factor of 2", "a transposed product"),
        List.of(Mutation.values()).stream().map(Mutation::description).toList());
  }

  @Test
  void theTypicalMistakeOfAnOp() {
    for (String product : List.of("matmul", "linear")) {
      assertEquals(Mutation.TRANSPOSED_PRODUCT, Mutation.typicalFor(product));
    }
    for (String factor : List.of("sqrt", "pow", "erf", "erfc")) {
      assertEquals(Mutation.MISSING_FACTOR, Mutation.typicalFor(factor));
    }
    for (String other : List.of("tanh", "add", "myOwnOp")) {
      assertEquals(Mutation.SIGN_ERROR, Mutation.typicalFor(other));
    }
  }

  /** isActive is this thread's switch: off before a scope, on inside it, off again after. */
  @Test
  void isActiveOnlyWhileAScopeIsOpen() {
    assertFalse(FaultInjection.isActive(), "before any scope");
    try (var fault = FaultInjection.inject("mul", Mutation.SIGN_ERROR)) {
      assertTrue(FaultInjection.isActive(), "inside the scope");
    }
    assertFalse(FaultInjection.isActive(), "after the scope closed");
  }
}
