package dev.chainrule.core.gemm;

import com.google.common.util.concurrent.Uninterruptibles;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
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
 *
 * <p>The caller waits for the other parts on a latch, never by joining them: a fork-join worker
 * that joins a task helps its own pool meanwhile, so a caller that was itself a worker (an element
 * of a parallel stream, a task of the common pool) ran other elements of its stream on its own
 * thread, inside this product, in the caller's thread-local state. Those elements then computed
 * under the caller's no-grad scope and evaluation mode: a training step nested in a prediction
 * recorded no graph (its backward failed) or ran with dropout off and batch statistics unused
 * (its loss silently another), 6 of 24 elements of such a stream on four threads.
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
    // A part's own exception, kept as thrown: a join would rethrow a copy made in this thread.
    Throwable[] thrown = new Throwable[parts];
    CountDownLatch others = new CountDownLatch(parts - 1);
    int submitted = 0;
    try {
      for (int i = 1; i < parts; i++) {
        int index = i;
        POOL.execute(() -> {
          try {
            part.accept(index);
          } catch (Throwable e) {
            thrown[index] = e;
          } finally {
            others.countDown();
          }
        });
        submitted++;
      }
      part.accept(0);
    } catch (Throwable e) {
      thrown[0] = e;
    }
    // Every part finishes before the caller goes on, even when one failed (an Error included):
    // they all write into the same result. Parts never submitted have nothing to wait for.
    for (int i = submitted; i < parts - 1; i++) {
      others.countDown();
    }
    // As a join did: an interrupt does not end the wait (the parts write into the caller's
    // result), and is kept for the caller's code to see.
    Uninterruptibles.awaitUninterruptibly(others);
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
