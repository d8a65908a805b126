package dev.chainrule.examples.bench;

import dev.chainrule.core.gemm.Gemm;
import dev.chainrule.core.gemm.GemmBackend;
import dev.chainrule.core.gemm.GemmSelection;
import dev.chainrule.core.gemm.MatrixBlockF32;
import dev.chainrule.core.gemm.MatrixBlockF64;
import java.util.function.Supplier;

/**
 * The backend in use, wrapped so that the time spent inside its products is counted: how much of
 * a training epoch went to the products as they ran in it, on the epoch's own (fresh, just
 * written) operands. Two clock reads per product, about 50 ns, against products of tens of
 * microseconds or more.
 */
final class TimedGemm implements Gemm {
  private final Gemm inner;
  private long nanos;

  private TimedGemm(Gemm inner) {
    this.inner = inner;
  }

  /** What {@code work} returned and the seconds spent inside matrix products while it ran. */
  record Timed<T>(T result, double gemmSeconds) {}

  /**
   * Runs {@code work} with every product of the tensor core timed, then puts the backend back.
   * Only for benchmarks: the backend is process-wide, so products of other threads are timed
   * too.
   */
  static <T> Timed<T> run(Supplier<T> work) {
    GemmSelection before = GemmBackend.selection();
    TimedGemm timed = new TimedGemm(GemmBackend.get());
    GemmBackend.set(timed);
    try {
      T result = work.get();
      return new Timed<>(result, timed.nanos / 1e9);
    } finally {
      GemmBackend.restore(before);
    }
  }

  @Override
  public void gemm(double alpha, MatrixBlockF64 a, boolean transposeA, MatrixBlockF64 b,
      boolean transposeB, double beta, MatrixBlockF64 c) {
    long start = System.nanoTime();
    inner.gemm(alpha, a, transposeA, b, transposeB, beta, c);
    nanos += System.nanoTime() - start;
  }

  @Override
  public void gemm(float alpha, MatrixBlockF32 a, boolean transposeA, MatrixBlockF32 b,
      boolean transposeB, float beta, MatrixBlockF32 c) {
    long start = System.nanoTime();
    inner.gemm(alpha, a, transposeA, b, transposeB, beta, c);
    nanos += System.nanoTime() - start;
  }

  @Override
  public String toString() {
    return inner.toString();
  }
}
