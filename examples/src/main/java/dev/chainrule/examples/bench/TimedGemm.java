package dev.chainrule.examples.bench;

import dev.chainrule.core.gemm.Gemm;
import dev.chainrule.core.gemm.GemmBackend;
import dev.chainrule.core.gemm.GemmSelection;
import dev.chainrule.core.gemm.MatrixBlockF32;
import dev.chainrule.core.gemm.MatrixBlockF64;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The backend in use, wrapped so that the time spent inside its products is counted: how much of
 * a training epoch went to the products as they ran in it, on the epoch's own (fresh, just
 * written) operands. Two clock reads per product, about 50 ns, against products of tens of
 * microseconds or more.
 *
 * <p>The backend is process-wide, and {@code Main.run} may run two benchmarks at once on two
 * threads of one JVM. Each saved the backend, installed its wrapper and put back what it saved:
 * out of order, the second put back the first's wrapper, and every later product of the process
 * went through it, with {@code --verbose} saying "installed with GemmBackend.set" for good. So
 * timings take turns ({@link #TURNS}), and nest on one thread; the wrapper keeps the description
 * of the backend it wraps, which other threads' commands print meanwhile, and counts the products
 * of the thread that times only (the tensor core calls the backend on the thread that asked for
 * the product), so another thread's work neither adds to the figure nor races on the count.
 */
final class TimedGemm implements Gemm {
  /** Held while a timing runs: installing and putting back the backend must not interleave. */
  private static final ReentrantLock TURNS = new ReentrantLock();

  private final Gemm inner;
  private final Thread timing;
  /** Written and read by {@link #timing} only. */
  private long nanos;

  private TimedGemm(Gemm inner, Thread timing) {
    this.inner = inner;
    this.timing = timing;
  }

  /** What {@code work} returned and the seconds spent inside matrix products while it ran. */
  record Timed<T>(T result, double gemmSeconds) {}

  /**
   * Runs {@code work} with the products of the tensor core that this thread asks for timed, then
   * puts the backend back. Only for benchmarks: a timing on another thread waits for this one to
   * end.
   */
  static <T> Timed<T> run(Supplier<T> work) {
    TURNS.lock();
    try {
      GemmSelection before = GemmBackend.selection();
      TimedGemm timed = new TimedGemm(GemmBackend.get(), Thread.currentThread());
      // Under the wrapped backend's own reason: a command's --verbose on another thread still
      // says how the backend was chosen (the wrapper's name is the backend's).
      GemmBackend.restore(new GemmSelection(Optional.of(timed), before.reason()));
      try {
        T result = work.get();
        return new Timed<>(result, timed.nanos / 1e9);
      } finally {
        GemmBackend.restore(before);
      }
    } finally {
      TURNS.unlock();
    }
  }

  @Override
  public void gemm(double alpha, MatrixBlockF64 a, boolean transposeA, MatrixBlockF64 b,
      boolean transposeB, double beta, MatrixBlockF64 c) {
    if (Thread.currentThread() != timing) {
      inner.gemm(alpha, a, transposeA, b, transposeB, beta, c);
      return;
    }
    long start = System.nanoTime();
    inner.gemm(alpha, a, transposeA, b, transposeB, beta, c);
    nanos += System.nanoTime() - start;
  }

  @Override
  public void gemm(float alpha, MatrixBlockF32 a, boolean transposeA, MatrixBlockF32 b,
      boolean transposeB, float beta, MatrixBlockF32 c) {
    if (Thread.currentThread() != timing) {
      inner.gemm(alpha, a, transposeA, b, transposeB, beta, c);
      return;
    }
    long start = System.nanoTime();
    inner.gemm(alpha, a, transposeA, b, transposeB, beta, c);
    nanos += System.nanoTime() - start;
  }

  @Override
  public String toString() {
    return inner.toString();
  }
}
