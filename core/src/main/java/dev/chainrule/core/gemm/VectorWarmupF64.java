package dev.chainrule.core.gemm;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lets products take the Vector API kernels ({@link VectorPanelsF64}) only once HotSpot's
 * optimizing compiler has compiled them. Until then the Vector API runs as plain Java that builds
 * an object per vector operation, a thousand times slower: measured, a 128 × 256 × 128 product
 * took half a millisecond compiled and half a second before. The first product that could take
 * the kernels starts a daemon thread that runs them on a small product, alternating with the
 * panels path they replace, and opens the way when the kernels have been the faster of the two
 * three times in a row; meanwhile products take the panels path. Where the kernels never get
 * there in {@link #PATIENCE_NANOS} (a JVM without the Vector API's compiler intrinsics, or one
 * run with {@code -XX:TieredStopAtLevel=1}), they are never used.
 */
final class VectorWarmupF64 {
  static final long PATIENCE_NANOS = 30_000_000_000L;
  private static final int WINS_NEEDED = 3;
  private static final AtomicBoolean STARTED = new AtomicBoolean();
  private static volatile boolean warm;

  private VectorWarmupF64() {}

  /** Whether the kernels are compiled and faster; the first call starts the warm-up. */
  static boolean isWarm() {
    if (warm) {
      return true;
    }
    if (STARTED.compareAndSet(false, true)) {
      Thread thread = new Thread(VectorWarmupF64::run, "chainrule-vector-warmup-f64");
      thread.setDaemon(true);
      thread.start();
    }
    return false;
  }

  private static void run() {
    // A product a tile high and two wide over one block of the depth: every line of the
    // kernels' inner loops runs on it, in a few microseconds once compiled.
    int m = VectorPanelsF64.TILE_ROWS;
    int n = 2 * VectorPanelsF64.TILE_COLS;
    int k = VectorPanelsF64.DEPTH_BLOCK;
    OperandF64 left = new OperandF64(MatrixBlockF64.of(filled(m * k), m, k), false);
    OperandF64 right = new OperandF64(MatrixBlockF64.of(filled(k * n), k, n), false);
    MatrixBlockF64 c = MatrixBlockF64.of(new double[m * n], m, n);
    PanelsF64 panels = new PanelsF64(1, left, right, 0, c, false, m, n, k);
    JavaGemm.Blocking blocking = JavaGemm.tuned();
    long deadline = System.nanoTime() + PATIENCE_NANOS;
    int wins = 0;
    while (wins < WINS_NEEDED && System.nanoTime() < deadline) {
      long start = System.nanoTime();
      VectorPanelsF64.gemm(1, left, right, 0, c, k, 1);
      long vector = System.nanoTime() - start;
      start = System.nanoTime();
      panels.compute(0, m, blocking);
      long panel = System.nanoTime() - start;
      wins = vector < panel ? wins + 1 : 0;
    }
    warm = wins >= WINS_NEEDED;
  }

  private static double[] filled(int size) {
    double[] values = new double[size];
    for (int i = 0; i < size; i++) {
      values[i] = 1.0 / (i + 1);
    }
    return values;
  }
}
