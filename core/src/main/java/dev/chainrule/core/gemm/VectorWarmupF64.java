package dev.chainrule.core.gemm;

/**
 * Decides, once per process and before any product takes them, whether products may take the
 * Vector API kernels ({@link VectorPanelsF64}), and has them compiled first. Uncompiled, the
 * Vector API runs as plain Java that builds an object per vector operation, a thousand times
 * slower: a 128 × 256 × 128 product took half a millisecond compiled and half a second before.
 * So the first product that could take the kernels runs them on a small product, alternating
 * with the panels path, until they are within {@link #SLOWER_AT_MOST} times its time three times
 * in a row (compiled, they are faster; uncompiled, hundreds of times slower, so no machine's noise
 * moves the verdict); that took about a second here. Where it never happens in
 * {@link #PATIENCE_NANOS} (a JVM without the Vector API's compiler intrinsics, or one run with
 * {@code -XX:TieredStopAtLevel=1}), the kernels are never used.
 *
 * <p>The decision is made before the first product that could take them, by the thread that asks
 * (others wait for it), so that which kernel computes a product, and with it the bits of its
 * result, does not depend on when a thread finished: the same seed gives the same bits within a
 * process and from one process to the next, as GradCheck's determinism check and the trainer's
 * reproducibility need.
 */
final class VectorWarmupF64 {
  static final long PATIENCE_NANOS = 30_000_000_000L;
  static final double SLOWER_AT_MOST = 4;
  private static final int WINS_NEEDED = 3;
  private static volatile Boolean decided;

  private VectorWarmupF64() {}

  /** Whether products may take the kernels; the first call decides, compiling them. */
  static boolean isWarm() {
    Boolean verdict = decided;
    if (verdict == null) {
      synchronized (VectorWarmupF64.class) {
        if (decided == null) {
          decided = compiles();
        }
        verdict = decided;
      }
    }
    return verdict;
  }

  private static boolean compiles() {
    // A product a tile high and two wide over one block of the depth, and the same read
    // transposed (a layer's forward product x·Wᵀ) over two blocks, added to C and split across
    // two tasks: every line of the kernels runs on them (the packing of a transposed operand,
    // gathered in float64, and both ways of merging into C) in a few microseconds once
    // compiled. A path left out ran 15 to 25 times slower for a real product's first calls
    // while HotSpot compiled it.
    int m = VectorPanelsF64.TILE_ROWS;
    int n = 2 * VectorPanelsF64.TILE_COLS;
    int k = VectorPanelsF64.DEPTH_BLOCK;
    int deep = k + 1;
    OperandF64 left = new OperandF64(MatrixBlockF64.of(filled(m * k), m, k), false);
    OperandF64 right = new OperandF64(MatrixBlockF64.of(filled(k * n), k, n), false);
    OperandF64 deepLeft = new OperandF64(MatrixBlockF64.of(filled(m * deep), m, deep), false);
    OperandF64 deepStored =
        new OperandF64(MatrixBlockF64.of(filled(deep * n), n, deep), true);
    MatrixBlockF64 c = MatrixBlockF64.of(new double[m * n], m, n);
    PanelsF64 panels = new PanelsF64(1, left, right, 0, c, false, m, n, k);
    PanelsF64 deepPanels = new PanelsF64(1, deepLeft, deepStored, 1, c, false, m, n, deep);
    JavaGemm.Blocking blocking = JavaGemm.tuned();
    long deadline = System.nanoTime() + PATIENCE_NANOS;
    int wins = 0;
    while (wins < WINS_NEEDED && System.nanoTime() < deadline) {
      long start = System.nanoTime();
      VectorPanelsF64.gemm(1, left, right, 0, c, k, 1);
      VectorPanelsF64.gemm(1, deepLeft, deepStored, 1, c, deep, 2);
      long vector = System.nanoTime() - start;
      start = System.nanoTime();
      panels.compute(0, m, blocking);
      deepPanels.compute(0, m, blocking);
      long panel = System.nanoTime() - start;
      wins = vector <= SLOWER_AT_MOST * panel ? wins + 1 : 0;
    }
    return wins >= WINS_NEEDED;
  }

  private static double[] filled(int size) {
    double[] values = new double[size];
    for (int i = 0; i < size; i++) {
      values[i] = 1.0 / (i + 1);
    }
    return values;
  }
}
