package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * A recycling scope is closed where and when it can be: on its own thread, innermost first.
 * Before these refusals, closing an outer scope first, or closing one from another thread, left
 * its thread marked as having an open scope for good (its activations then never came back, and
 * its tensors were born in a closed scope).
 */
class RecyclingScopeTest {
  @Test
  void anOuterScopeClosedBeforeAnInnerOneIsRefusedAndChangesNothing() {
    Recycling.Scope outer = Recycling.open();
    Recycling.Scope inner = Recycling.open();
    try {
      IllegalStateException e = assertThrows(IllegalStateException.class, outer::close);
      assertEquals("Recycling: a scope is closed while a scope opened after it is still open;"
          + " close the inner scope first (as try-with-resources does)", e.getMessage());
      assertTrue(outer.isOpen() && inner.isOpen(), "the refused close changed a scope");
    } finally {
      inner.close();
      outer.close();
    }
    assertFalse(Recycling.isScopeOpen(), "both closed in order: no scope is left open");
    outer.close();  // a second close changes nothing
    assertFalse(Recycling.isScopeOpen());
  }

  @Test
  void anotherThreadCannotGiveToAScopesPool() throws Exception {
    // The pool is its thread's, and nothing synchronizes it: another thread's recycle is refused.
    try (Recycling.Scope scope = Recycling.open()) {
      Tensor born = Tensors.ones(Shape.of(4 * Recycling.MIN_ELEMENTS)).neg();
      ExecutorService other = Executors.newSingleThreadExecutor();
      try {
        assertFalse(other.submit(() -> scope.owns(born)).get());
        assertFalse(other.submit(() -> scope.recycle(born)).get());
      } finally {
        other.shutdownNow();
      }
      assertTrue(scope.owns(born), "still its own thread's to recycle");
      assertTrue(scope.recycle(born));
    }
  }

  @Test
  void aScopeClosedOnAnotherThreadIsRefusedAndStaysItsOpenersScope() throws Exception {
    ExecutorService opener = Executors.newSingleThreadExecutor(task -> new Thread(task, "a"));
    ExecutorService other = Executors.newSingleThreadExecutor(task -> new Thread(task, "b"));
    try {
      Recycling.Scope scope = opener.submit(Recycling::open).get();
      ExecutionException e = assertThrows(ExecutionException.class, () -> other.submit(() -> {
        scope.close();
        return null;
      }).get());
      assertEquals("Recycling: a scope opened on thread 'a' is closed on thread 'b'; a scope and"
          + " its pool belong to the thread that opened it: close it there",
          e.getCause().getMessage());
      assertTrue(opener.submit(Recycling::isScopeOpen).get(), "the opener's scope was ended");
      opener.submit(() -> {
        scope.close();
        return null;
      }).get();
      assertFalse(opener.submit(Recycling::isScopeOpen).get());
    } finally {
      opener.shutdownNow();
      other.shutdownNow();
    }
  }
}
