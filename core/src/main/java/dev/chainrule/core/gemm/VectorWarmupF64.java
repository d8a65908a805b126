package dev.chainrule.core.gemm;

import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;
import jdk.incubator.vector.DoubleVector;

/**
 * Decides, once per process and before any product takes them, whether products may take the
 * Vector API kernels ({@link VectorPanelsF64}'s tiles, and {@link VectorRowsF64} for small
 * products, each decided on its own), and has them compiled first. Uncompiled, the Vector API
 * runs as plain Java that builds an object per vector operation, a thousand times slower: a 128 ×
 * 256 × 128 product took half a millisecond compiled and half a second before. So the first
 * product that could take the kernels runs them on a small product, alternating with the Java
 * path they replace, until they are within {@link #SLOWER_AT_MOST} times its time three times in
 * a row (compiled, they are faster; uncompiled, hundreds of times slower, so no machine's noise
 * moves the verdict); that took about a second here for the tiles. Where HotSpot says it compiles
 * the Vector API ({@link VectorApi#compilesToVectors}), the verdict is yes whatever the clock
 * read: the warm-up only has them compiled, for at most {@link #PATIENCE_NANOS}. Elsewhere, where
 * they are not within that time (a JVM without the Vector API's compiler intrinsics), they are
 * never used; a JVM without HotSpot's optimizing compiler ({@code -XX:TieredStopAtLevel=1}) never
 * gets here ({@link VectorApi#optimizingCompilerRuns()}).
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
  /** Runs of the direct loop alone before the small kernels' verdict, for HotSpot to compile it. */
  private static final int DIRECT_LOOP_RUNS = 2_000;
  // Suppliers.memoize computes once, the first caller's thread, while later callers wait.
  private static final Supplier<Boolean> TILES = Suppliers.memoize(VectorWarmupF64::compiles);
  private static final Supplier<Boolean> ROWS = Suppliers.memoize(VectorWarmupF64::rowsCompile);

  private VectorWarmupF64() {}

  /** Whether products may take the tiles; the first call decides, compiling them. */
  static boolean isWarm() {
    return TILES.get();
  }

  /** Whether small products may take {@link VectorRowsF64}; the first call decides. */
  static boolean rowsAreWarm() {
    return ROWS.get();
  }

  private static boolean compiles() {
    // A product a tile high and two wide over one block of the depth, and the same read
    // transposed (a layer's forward product x·Wᵀ) over two blocks, added to C and split across
    // two tasks: every line of the kernels runs on them (the packing of a transposed operand,
    // gathered in float64, and both ways of merging into C) in a few microseconds once
    // compiled. A path left out ran 15 to 25 times slower for a real product's first calls
    // while HotSpot compiled it.
    int m = VectorTileF64.TILE_ROWS;
    int n = 2 * VectorTileF64.TILE_COLS;
    int k = VectorPanelsF64.DEPTH_BLOCK;
    int deep = k + 1;
    OperandF64 left = new OperandF64(MatrixBlockF64.of(harmonic(m * k), m, k), false);
    OperandF64 right = new OperandF64(MatrixBlockF64.of(harmonic(k * n), k, n), false);
    OperandF64 deepLeft = new OperandF64(MatrixBlockF64.of(harmonic(m * deep), m, deep), false);
    OperandF64 deepStored =
        new OperandF64(MatrixBlockF64.of(harmonic(deep * n), n, deep), true);
    MatrixBlockF64 c = MatrixBlockF64.of(new double[m * n], m, n);
    PanelsF64 panels = new PanelsF64(1, left, right, 0, c, false, m, n, k);
    PanelsF64 deepPanels = new PanelsF64(1, deepLeft, deepStored, 1, c, false, m, n, deep);
    JavaGemm.Blocking blocking = JavaGemm.tuned();
    return within(VectorApi.compilesToVectors(), PATIENCE_NANOS, () -> {
      VectorPanelsF64.gemm(1, left, right, 0, c, k, 1);
      VectorPanelsF64.gemm(1, deepLeft, deepStored, 1, c, deep, 2);
    }, () -> {
      panels.compute(0, m, blocking);
      deepPanels.compute(0, m, blocking);
    }, 0);
  }

  private static boolean rowsCompile() {
    // The Iris network's shapes, each width and way of the kernels: a forward product x·Wᵀ (B
    // copied), rows of one vector over a short depth with a last block of one row, and a weight
    // gradient three wide, turned around (three columns are no vector's width).
    int lanes = DoubleVector.SPECIES_PREFERRED.length();
    int m = 9;
    int units = 2 * lanes;
    OperandF64 x = new OperandF64(MatrixBlockF64.of(harmonic(m * 4), m, 4), false);
    OperandF64 weights = new OperandF64(MatrixBlockF64.of(harmonic(units * 4), units, 4), true);
    OperandF64 gradient = new OperandF64(MatrixBlockF64.of(harmonic(m * 3), m, 3), false);
    OperandF64 narrow = new OperandF64(MatrixBlockF64.of(harmonic(3 * lanes), 3, lanes), false);
    OperandF64 hidden = new OperandF64(MatrixBlockF64.of(harmonic(m * units), m, units), true);
    MatrixBlockF64 wide = MatrixBlockF64.of(new double[m * units], m, units);
    MatrixBlockF64 tall = MatrixBlockF64.of(new double[m * lanes], m, lanes);
    MatrixBlockF64 turned = MatrixBlockF64.of(new double[units * 3], units, 3);
    // α = 1 and β = 0 (a forward product) in turn with α = -1/2 and β = 1 (one accumulated).
    boolean[] plain = {false};
    return within(VectorApi.compilesToVectors(), PATIENCE_NANOS, () -> {
      plain[0] = !plain[0];
      double alpha = plain[0] ? 1 : -0.5;
      double beta = plain[0] ? 0 : 1;
      VectorRowsF64.gemm(alpha, x, weights, beta, wide, 4);
      VectorRowsF64.gemm(alpha, gradient, narrow, beta, tall, 3);
      VectorRowsF64.gemm(alpha, hidden, gradient, beta, turned, m);
    }, () -> {
      double alpha = plain[0] ? 1 : -0.5;
      double beta = plain[0] ? 0 : 1;
      SmallGemmF64.gemm(alpha, x, weights, beta, wide, 4);
      SmallGemmF64.gemm(alpha, gradient, narrow, beta, tall, 3);
      SmallGemmF64.gemm(alpha, hidden, gradient, beta, turned, m);
    }, DIRECT_LOOP_RUNS);
  }

  /**
   * Runs {@code kernels} and {@code reference} in turn until the kernels take at most
   * {@link #SLOWER_AT_MOST} times the reference's time three times in a row, or until
   * {@code patienceNanos} have passed; says whether they may be used: when {@code certain}, always
   * (only a verdict known beforehand keeps which kernel runs, and the bits, off the clock), else
   * whether they kept within. The reference runs alone first, {@code referenceRuns} times, for a
   * reference whose interpreted time is no measure: the direct loop, interpreted, was as slow as
   * the uncompiled small kernels, and passed them at once.
   */
  static boolean within(boolean certain, long patienceNanos, Runnable kernels,
      Runnable reference, int referenceRuns) {
    long deadline = System.nanoTime() + patienceNanos;
    for (int run = 0; run < referenceRuns && System.nanoTime() < deadline; run++) {
      reference.run();
    }
    int wins = 0;
    while (wins < WINS_NEEDED && System.nanoTime() < deadline) {
      long start = System.nanoTime();
      kernels.run();
      long vector = System.nanoTime() - start;
      start = System.nanoTime();
      reference.run();
      long java = System.nanoTime() - start;
      wins = vector <= SLOWER_AT_MOST * java ? wins + 1 : 0;
    }
    return certain || wins >= WINS_NEEDED;
  }

  private static double[] harmonic(int size) {
    double[] values = new double[size];
    for (int i = 0; i < size; i++) {
      values[i] = 1.0 / (i + 1);
    }
    return values;
  }
}
