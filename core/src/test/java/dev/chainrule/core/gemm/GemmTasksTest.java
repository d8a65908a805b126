package dev.chainrule.core.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * The pool that shares a product's parts: every part runs once, the caller returns only when all
 * are done (failed or not), and a worker keeps its thread-local values from one product to the
 * next, which Java 17's common pool does not (the reason the pool exists).
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
        // Long enough that a worker, not the joining caller, takes part 1.
        long until = System.nanoTime() + 1_000_000;
        while (System.nanoTime() < until) {
          Thread.onSpinWait();
        }
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
  void aFailedPartIsRethrownAfterEveryOtherPartFinished() {
    AtomicIntegerArray done = new AtomicIntegerArray(3);
    IllegalStateException thrown = assertThrows(IllegalStateException.class,
        () -> GemmTasks.run(3, part -> {
          if (part == 1) {
            throw new IllegalStateException("part 1 failed");
          }
          long until = System.nanoTime() + 2_000_000;
          while (System.nanoTime() < until) {
            Thread.onSpinWait();
          }
          done.set(part, 1);
        }));
    assertTrue(thrown.getMessage().contains("part 1 failed"), thrown.getMessage());
    assertEquals(1, done.get(0));
    assertEquals(1, done.get(2), "part 2 had finished before the caller went on");
  }
}
