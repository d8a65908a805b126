package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.FaultInjection.Mutation;
import dev.chainrule.core.Tensor;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

/**
 * Scopes restore what they found. Scopes of different switches close in any order; a scope closed
 * while a scope of its own switch opened inside it is still open is refused without changing
 * anything, since restoring then would undo the inner scope's setting while it is open and leave
 * the thread in the wrong mode once both are closed.
 */
class AutogradScopeTest {
  @Test
  void nestedScopesRestoreEachSwitch() {
    try (var off = Autograd.noGrad()) {
      assertFalse(Autograd.isGradEnabled());
      try (var anomaly = Autograd.detectAnomaly(); var on = Autograd.enableGrad()) {
        assertTrue(Autograd.isGradEnabled() && Autograd.isAnomalyDetectionEnabled());
      }
      assertFalse(Autograd.isGradEnabled() || Autograd.isAnomalyDetectionEnabled());
    }
    assertTrue(Autograd.isGradEnabled());
  }

  @Test
  void closingTwiceChangesNothing() {
    Autograd.Scope first = Autograd.noGrad();
    first.close();
    try (var second = Autograd.noGrad()) {
      first.close();
      assertFalse(Autograd.isGradEnabled(), "a second close undid a later scope");
    }
    assertTrue(Autograd.isGradEnabled());
  }

  @Test
  void scopesOfDifferentSwitchesCloseInAnyOrder() {
    Autograd.Scope noGrad = Autograd.noGrad();
    Autograd.Scope sites = Autograd.recordCreationSites();
    Autograd.Scope anomaly = Autograd.detectAnomaly();
    sites.close();
    noGrad.close();
    assertTrue(Autograd.isGradEnabled() && Autograd.isAnomalyDetectionEnabled());
    try (var off = Autograd.noGrad()) {
      assertFalse(Autograd.isGradEnabled());
    }
    anomaly.close();
    assertTrue(Autograd.isGradEnabled());
    assertFalse(Autograd.isAnomalyDetectionEnabled() || Autograd.isRecordingCreationSites());
  }

  @Test
  void anOuterScopeClosedBeforeAnInnerOneOfItsSwitchIsRefusedAndChangesNothing() {
    Autograd.Scope outer = Autograd.noGrad();
    Autograd.Scope between = Autograd.detectAnomaly();
    Autograd.Scope inner = Autograd.enableGrad();
    try {
      IllegalStateException e = assertThrows(IllegalStateException.class, outer::close);
      assertEquals("Autograd: the grad-mode scope is closed while a grad-mode scope opened after"
          + " it is still open; close the inner scope first (as try-with-resources does)",
          e.getMessage());
      assertTrue(Autograd.isGradEnabled(), "the refused close changed the grad mode");
    } finally {
      inner.close();
      outer.close();
      between.close();
    }
    // Before the refusal, closing the outer scope first restored "recording" and the inner
    // scope's close then brought back "not recording" for the rest of the thread.
    assertTrue(Autograd.isGradEnabled());
    assertFalse(Autograd.isAnomalyDetectionEnabled());
  }

  @Test
  void aScopeClosedOnAnotherThreadIsRefusedAndTheOpenersModeStays() throws Exception {
    // One thread opens, another closes: the closing thread would write the opener's switches.
    ExecutorService opener = Executors.newSingleThreadExecutor(named("opener"));
    ExecutorService other = Executors.newSingleThreadExecutor(named("other"));
    try {
      Autograd.Scope scope = opener.submit(Autograd::noGrad).get();
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> other.submit(() -> {
            scope.close();
            return null;
          }).get());
      assertEquals("Autograd: the grad-mode scope opened on thread 'opener' is closed on thread"
          + " 'other'; the switches are per thread: close it on the thread that opened it",
          e.getCause().getMessage());
      assertFalse(opener.submit(Autograd::isGradEnabled).get(), "the opener's mode changed");
      opener.submit(() -> {
        scope.close();
        return null;
      }).get();
      assertTrue(opener.submit(Autograd::isGradEnabled).get());
    } finally {
      opener.shutdownNow();
      other.shutdownNow();
    }
  }

  /**
   * A hook that closes a grad-mode scope its caller opened before backward is refused: the
   * backward pass's own scope, which switches recording off for its rules, opened after it.
   */
  @Test
  void aScopeClosedInsideTheBackwardPassItEnclosesIsRefusedNamingThePass() {
    Autograd.Scope recording = Autograd.enableGrad();
    try {
      Variable x = Variable.parameter(Tensor.vector(1, 2));
      Variable h = x.mul(2);
      String[] refusal = new String[1];
      h.registerHook(g -> {
        refusal[0] = assertThrows(IllegalStateException.class, recording::close).getMessage();
        return g;
      });
      h.sum().backward();
      assertEquals("Autograd: the grad-mode scope is closed while a backward pass scope opened"
          + " after it is still open; close the inner scope first (as try-with-resources does)",
          refusal[0]);
    } finally {
      recording.close();
    }
  }

  private static ThreadFactory named(String name) {
    return task -> new Thread(task, name);
  }

  @Test
  void anInjectionClosedAroundAnOpenInjectionIsRefusedAndTheInnerOneStillApplies() {
    var outer = FaultInjection.inject("mul", Mutation.SIGN_ERROR);
    var inner = FaultInjection.inject("sum", Mutation.MISSING_FACTOR);
    try {
      IllegalStateException e = assertThrows(IllegalStateException.class, outer::close);
      assertTrue(e.getMessage().startsWith("Autograd: the fault-injection scope is closed while a"
          + " fault-injection scope"), e.getMessage());
      // The innermost injection applies: sum's rule halves the gradient, mul's is right.
      assertEquals(Tensor.vector(1, 2), squareGradient(), "the inner injection applies");
    } finally {
      inner.close();
      outer.close();
    }
    assertEquals(Tensor.vector(2, 4), squareGradient(), "both closed: the rules are right");
  }

  private static Tensor squareGradient() {
    Variable x = Variable.parameter(Tensor.vector(1, 2));
    x.mul(x).sum().backward();
    return x.grad();
  }
}
