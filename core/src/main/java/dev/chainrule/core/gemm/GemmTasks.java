package dev.chainrule.core.gemm;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The threads that share a large product: the caller computes the first part, and workers of a
 * pool of chainrule's own the others. Not Java's common pool: since Java 17 its workers erase
 * their thread-local values after every task, so the packed panels each kernel keeps per thread
 * ({@code ScratchF64}, the Vector API kernels' half a megabyte) were allocated and zeroed afresh
 * on the second core for every product it took part in. This pool's workers keep them.
 */
final class GemmTasks {
  private static final ForkJoinPool POOL = new ForkJoinPool(
      Math.max(1, Runtime.getRuntime().availableProcessors() - 1), GemmTasks::worker, null, false);

  private static final AtomicInteger WORKERS = new AtomicInteger();

  private GemmTasks() {}

  /**
   * Runs {@code part} for 0 … {@code parts} − 1 and returns when all are done: part 0 in this
   * thread, the others on the pool's workers. Which part computes which elements does not depend
   * on the threads, so the results' bits do not either.
   *
   * @throws RuntimeException part 0's exception, else the first failed worker's part's (as its
   *     join rethrows it), the others' added as suppressed
   */
  static void run(int parts, IntConsumer part) {
    if (parts <= 1) {
      part.accept(0);
      return;
    }
    ForkJoinTask<?>[] others = new ForkJoinTask<?>[parts - 1];
    for (int i = 1; i < parts; i++) {
      int index = i;
      others[i - 1] = POOL.submit(() -> part.accept(index));
    }
    // Every part finishes before the caller goes on, even when one failed: they all write into
    // the same result.
    RuntimeException failure = null;
    try {
      part.accept(0);
    } catch (RuntimeException e) {
      failure = e;
    }
    for (ForkJoinTask<?> other : others) {
      try {
        other.join();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static ForkJoinWorkerThread worker(ForkJoinPool pool) {
    ForkJoinWorkerThread thread = new ForkJoinWorkerThread(pool) { };
    thread.setName("chainrule-gemm-" + WORKERS.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  }
}
