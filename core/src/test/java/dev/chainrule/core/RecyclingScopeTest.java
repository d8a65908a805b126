package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
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

  /**
   * A tensor born in a scope names that scope until it is recycled, and a closed scope held its
   * thread's pool: a 20 KB result kept from each of 60 finished threads held 456 MB of their
   * pooled arrays (a sweep with a thread per trial ran out of memory). The pooled array must be
   * reclaimable once its thread has ended, while the kept tensor stays as it was.
   */
  @Test
  void aTensorKeptFromAnEndedThreadDoesNotHoldThatThreadsPool() throws Exception {
    // Without collections on request nothing here can be reclaimed, fixed or not.
    assumeFalse(Boolean.parseBoolean(ManagementFactory.getPlatformMXBean(
        HotSpotDiagnosticMXBean.class).getVMOption("DisableExplicitGC").getValue()),
        "the JVM ignores System.gc()");
    AtomicReference<WeakReference<Object>> pooled = new AtomicReference<>();
    AtomicReference<Tensor> kept = new AtomicReference<>();
    AtomicBoolean recycled = new AtomicBoolean();
    Thread worker = new Thread(() -> {
      try (Recycling.Scope scope = Recycling.open()) {
        Tensor waste = Tensors.ones(Shape.of(1 << 16)).neg();
        pooled.set(new WeakReference<>(waste.storage().array()));
        recycled.set(scope.recycle(waste));
        kept.set(Tensors.ones(Shape.of(4 * Recycling.MIN_ELEMENTS)).neg());
      }
    });
    worker.start();
    worker.join();
    assertTrue(recycled.get(), "the array went to the worker's pool");
    // Collections are asked for, not forced: a bounded number of tries, far more than one needs.
    for (int i = 0; i < 50 && pooled.get().get() != null; i++) {
      System.gc();
      Thread.sleep(20);
    }
    // Not assertNull: its failure would print the 65,536 elements.
    assertTrue(pooled.get().get() == null, "the ended thread's pooled array is still reachable");
    assertEquals(-4.0 * Recycling.MIN_ELEMENTS, kept.get().sum().item(), "the kept tensor");
  }
}
