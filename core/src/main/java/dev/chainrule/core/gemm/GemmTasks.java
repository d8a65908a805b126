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
 * on the second core for every product it took part in. This pool's workers keep them (and are
 * daemon threads, as every fork-join worker is).
 */
final class GemmTasks {
  private static final AtomicInteger WORKERS = new AtomicInteger();
  private static final ForkJoinPool POOL = new ForkJoinPool(
      Math.max(1, Runtime.getRuntime().availableProcessors() - 1), GemmTasks::worker, null, false);

  private GemmTasks() {}

  /**
   * Runs {@code part} for 0 … {@code parts} − 1 and returns when all are done: part 0 in this
   * thread, the others on the pool's workers. Which part computes which elements does not depend
   * on the threads, so the results' bits do not either.
   *
   * @throws IllegalArgumentException when {@code parts} is below 1
   * @throws RuntimeException or {@link Error}: part 0's, else the first failed worker's part's, the
   *     others' added as suppressed, once every part has finished
   */
  static void run(int parts, IntConsumer part) {
    if (parts < 1) {
      throw new IllegalArgumentException("gemm: a product in " + parts + " parts");
    }
    if (parts == 1) {
      part.accept(0);
      return;
    }
    ForkJoinTask<?>[] others = new ForkJoinTask<?>[parts - 1];
    // A part's own exception, kept as thrown: a join would rethrow a copy made in this thread.
    Throwable[] thrown = new Throwable[parts];
    int submitted = 0;
    try {
      for (int i = 1; i < parts; i++) {
        int index = i;
        others[i - 1] = POOL.submit(() -> {
          try {
            part.accept(index);
          } catch (Throwable e) {
            thrown[index] = e;
          }
        });
        submitted++;
      }
      part.accept(0);
    } catch (Throwable e) {
      thrown[0] = e;
    }
    // Every part finishes before the caller goes on, even when one failed (an Error included):
    // they all write into the same result.
    for (int i = 0; i < submitted; i++) {
      others[i].quietlyJoin();
    }
    Throwable failure = null;
    for (Throwable e : thrown) {
      if (e != null && failure == null) {
        failure = e;
      } else if (e != null && e != failure) {
        failure.addSuppressed(e);
      }
    }
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    if (failure != null) {
      throw new IllegalStateException("gemm: a part failed", failure);
    }
  }

  private static ForkJoinWorkerThread worker(ForkJoinPool pool) {
    ForkJoinWorkerThread thread = new ForkJoinWorkerThread(pool) { };
    thread.setName("chainrule-gemm-" + WORKERS.incrementAndGet());
    return thread;
  }
}
