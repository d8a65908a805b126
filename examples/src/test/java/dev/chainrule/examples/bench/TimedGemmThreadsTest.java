package dev.chainrule.examples.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.core.gemm.Gemm;
import dev.chainrule.core.gemm.GemmBackend;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Timing the products while other threads work, as two {@code bench} commands run at once through
 * {@code Main.run} in one JVM do: the process-wide backend and its description come out as they
 * were, and a timing counts its own thread's products only.
 */
class TimedGemmThreadsTest {
  private static final Tensor A = Tensors.rand(Shape.of(64, 64), 1L);

  /**
   * The first timing ends while the second is still running, the order that left the first's
   * wrapper installed for good when each put back the backend it had found: the second had found
   * the first's.
   */
  @Test
  void overlappingTimingsLeaveTheBackendAndItsDescriptionAsTheyWere() throws Exception {
    String before = GemmBackend.describe();
    Gemm backend = GemmBackend.get();
    CountDownLatch firstInside = new CountDownLatch(1);
    CountDownLatch firstMayEnd = new CountDownLatch(1);
    CountDownLatch secondInside = new CountDownLatch(1);
    CountDownLatch secondMayEnd = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<?> first = threads.submit(() -> TimedGemm.run(() -> {
        firstInside.countDown();
        awaitQuietly(firstMayEnd);
        return A.matmul(A);
      }));
      firstInside.await();
      // What a command on another thread prints with --verbose meanwhile.
      assertEquals(before, GemmBackend.describe(), "described while a timing runs");
      Future<?> second = threads.submit(() -> TimedGemm.run(() -> {
        secondInside.countDown();
        awaitQuietly(secondMayEnd);
        return A.matmul(A);
      }));
      // A second timing that waits its turn never gets inside meanwhile; the wait only gives one
      // that does not wait the time to get there, and no outcome depends on its length.
      secondInside.await(500, TimeUnit.MILLISECONDS);
      firstMayEnd.countDown();
      first.get();
      secondMayEnd.countDown();
      second.get();
    } finally {
      firstMayEnd.countDown();
      secondMayEnd.countDown();
      threads.shutdown();
    }
    assertSame(backend, GemmBackend.get(), "the backend, not a timing's wrapper");
    assertEquals(before, GemmBackend.describe());
  }

  /** A product another thread runs during the timing adds nothing to its figure. */
  @Test
  void anotherThreadsProductsAreNotCounted() throws Exception {
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      TimedGemm.Timed<Tensor> timed = TimedGemm.run(() -> {
        try {
          return other.submit(() -> A.matmul(A)).get();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      // Exactly 0: the one product ran on the other thread. One of this thread's own takes
      // microseconds, thousands of the clock's nanosecond ticks.
      assertEquals(0.0, timed.gemmSeconds(), 0.0);
      assertEquals(64, timed.result().dim(0));
      assertTrue(TimedGemm.run(() -> A.matmul(A)).gemmSeconds() > 0);
    } finally {
      other.shutdown();
    }
  }

  /**
   * The wrapper computes every product it times or passes on, in either type, on either thread,
   * and describes itself as the backend it wraps (what another command prints meanwhile).
   */
  @Test
  void productsThroughTheWrapperAreComputedOnEveryThread() throws Exception {
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      for (DType dtype : DType.values()) {
        Tensor a = A.to(dtype);
        Tensor b = A.add(dtype.ordinal() + 1).to(dtype);
        String backend = GemmBackend.get().toString();
        TimedGemm.Timed<List<Object>> timed = TimedGemm.run(() -> {
          try {
            return List.of(a.matmul(b), other.submit(() -> b.matmul(a)).get(),
                GemmBackend.get().toString());
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        // The expected products after, so that no earlier product of theirs left its values in
        // an array a product not computed could be handed.
        // Exact: the same backend runs the same product on the same operands.
        assertArrayEquals(a.matmul(b).toArray(), ((Tensor) timed.result().get(0)).toArray(),
            0.0, dtype + ", timed");
        assertArrayEquals(b.matmul(a).toArray(), ((Tensor) timed.result().get(1)).toArray(),
            0.0, dtype + ", passed on");
        assertEquals(backend, timed.result().get(2));
      }
    } finally {
      other.shutdown();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
