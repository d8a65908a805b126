package dev.chainrule.core.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The pool that shares a product's parts: every part runs once, the caller returns only when all
 * are done (failed or not), and a worker keeps its thread-local values from one product to the
 * next, which Java 17's common pool does not (the reason the pool exists). A caller that is itself
 * a fork-join worker (a parallel stream's) runs nothing else while it waits.
 */
class GemmTasksTest {
  private static final ThreadLocal<int[]> RUNS = ThreadLocal.withInitial(() -> new int[1]);

  @Test
  void everyPartRunsOnceAndTheCallerTakesPartZero() {
    AtomicIntegerArray runs = new AtomicIntegerArray(5);
    Thread[] threads = new Thread[5];
    GemmTasks.run(5, part -> {
      runs.incrementAndGet(part);
      threads[part] = Thread.currentThread();
    });
    for (int part = 0; part < 5; part++) {
      assertEquals(1, runs.get(part), "part " + part);
    }
    assertSame(Thread.currentThread(), threads[0]);
  }

  @Test
  void aWorkerKeepsItsThreadLocalValuesFromOneRunToTheNext() {
    Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
    Thread caller = Thread.currentThread();
    for (int run = 0; run < 20; run++) {
      GemmTasks.run(2, part -> {
        spin(1); // a worker takes part 1: the caller only waits for it (on a latch)
        if (Thread.currentThread() != caller) {
          int count = ++RUNS.get()[0];
          seen.computeIfAbsent(Thread.currentThread().getName(), name -> new ArrayList<>())
              .add(count);
        }
      });
    }
    int busiest = seen.values().stream().mapToInt(List::size).max().orElse(0);
    assertTrue(busiest >= 2, "no worker ran two parts: " + seen);
    // Counts 1, 2, 3, … on each worker: a pool that erased thread locals would show 1, 1, 1.
    seen.forEach((name, counts) -> {
      for (int i = 0; i < counts.size(); i++) {
        assertEquals(i + 1, counts.get(i), name + " lost its thread-local value: " + counts);
      }
    });
  }

  @Test
  void aCallerInAParallelStreamRunsNoOtherElementWhileItWaits() throws Exception {
    // Each element marks its thread while it runs. A wait that joined the parts helped the
    // stream's pool meanwhile: the thread ran other elements inside this one, in its
    // thread-local state (a no-grad scope, evaluation mode), and they computed without
    // gradients or with dropout off.
    ThreadLocal<boolean[]> inside = ThreadLocal.withInitial(() -> new boolean[1]);
    AtomicInteger nested = new AtomicInteger();
    ForkJoinPool streams = new ForkJoinPool(4);
    try {
      streams.submit(() -> IntStream.range(0, 64).parallel().forEach(element -> {
        boolean[] marked = inside.get();
        if (marked[0]) {
          nested.incrementAndGet();
        }
        marked[0] = true;
        try {
          GemmTasks.run(2, part -> spin(1));
        } finally {
          marked[0] = false;
        }
      })).get();
    } finally {
      streams.shutdown();
    }
    assertEquals(0, nested.get(), "elements run inside another element's wait");
  }

  @Test
  void aFailedPartIsRethrownOnlyAfterEveryOtherPartFinished() {
    AtomicIntegerArray done = new AtomicIntegerArray(3);
    IllegalStateException thrown = assertThrows(IllegalStateException.class,
        () -> GemmTasks.run(3, part -> {
          if (part == 1) {
            throw new IllegalStateException("part 1 failed");
          }
          // Part 0 returns at once and part 2 takes long: a caller that went on at the first
          // failed join would find part 2 unfinished.
          spin(part == 2 ? 50 : 0);
          done.set(part, 1);
        }));
    assertEquals("part 1 failed", thrown.getMessage(), "the part's own exception");
    assertEquals(1, done.get(2), "part 2 had finished before the caller went on");
  }

  @Test
  void anErrorWaitsForTheOtherPartsAndTheirFailuresAreSuppressed() {
    AtomicIntegerArray done = new AtomicIntegerArray(3);
    AssertionError thrown = assertThrows(AssertionError.class,
        () -> GemmTasks.run(3, part -> {
          if (part == 0) {
            throw new AssertionError("part 0 failed");
          }
          spin(50);
          done.set(part, 1);
          if (part == 2) {
            throw new IllegalArgumentException("part 2 failed too");
          }
        }));
    assertEquals("part 0 failed", thrown.getMessage());
    assertEquals(1, done.get(1));
    assertEquals(1, done.get(2));
    assertEquals(1, thrown.getSuppressed().length);
    assertEquals("part 2 failed too", thrown.getSuppressed()[0].getMessage());
  }

  @Test
  void aProductInNoPartsIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GemmTasks.run(0, part -> { }));
    assertEquals("gemm: a product in 0 parts", e.getMessage());
  }

  private static void spin(int millis) {
    long until = System.nanoTime() + millis * 1_000_000L;
    while (System.nanoTime() < until) {
      Thread.onSpinWait();
    }
  }
}
