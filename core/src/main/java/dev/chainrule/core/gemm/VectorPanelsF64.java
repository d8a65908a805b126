package dev.chainrule.core.gemm;

import static dev.chainrule.core.gemm.VectorTileF64.TILE_COLS;
import static dev.chainrule.core.gemm.VectorTileF64.TILE_ROWS;

/**
 * Products of {@link JavaGemm} on the incubating Vector API, used only where the JVM runs with
 * {@code --add-modules jdk.incubator.vector} ({@link VectorApi}). Each 6-row by 4-vector tile of
 * C is 24 sums held in vector registers over a whole block of the inner dimension: per step of
 * that dimension, four loads of B and six broadcasts of A feed 24 fused multiply-adds. HotSpot's
 * own vectorizer cannot do that, as it keeps no array element in a register across loop
 * iterations, so the packed-panel path stores and reloads C's row on every step.
 *
 * <p>The operands are packed, as GotoBLAS does: a block of B ({@link #DEPTH_BLOCK} deep, as wide as
 * {@link #PACKED_RIGHT}'s 512 KB allow, so that it stays in L2) into panels of one tile's width,
 * and for each tile's rows that block's slice of α·A, which stays in L1. Packing pads the edges
 * with zeros, so every tile runs the same full-width loop, and only a tile's real elements are
 * written. With β = 0 C is written without being read, as BLAS does.
 */
final class VectorPanelsF64 {
  /**
   * At most 3,200 bytes of one row of A per block (400 float64 or 800 float32 elements): a
   * 784-wide layer's depth in two blocks of float64, or one of float32. Each further block costs a
   * pass of every tile over C, and 2 KB blocks made that four passes.
   */
  static final int DEPTH_BLOCK = 3200 / Double.BYTES;
  /** Elements of B packed at once: 512 KB, which stays in L2. */
  static final int PACKED_RIGHT = 512 * 1024 / Double.BYTES;

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private VectorPanelsF64() {}

  /** A thread's packed operands and a tile's sums, reused from product to product. */
  private static final class Scratch {
    final double[] packedLeft = new double[TILE_ROWS * DEPTH_BLOCK];
    // At least one full-depth panel, which vectors wider than 512 bits could make larger.
    final double[] packedRight = new double[Math.max(PACKED_RIGHT, TILE_COLS * DEPTH_BLOCK)];
    final double[] sums = new double[TILE_ROWS * TILE_COLS];
  }

  /**
   * C ← α·left·right + β·C for an {@code m × n} C over depth {@code k}, split into {@code tasks}
   * parts along whichever side of C leaves each task less to pack.
   */
  static void gemm(double alpha, OperandF64 left, OperandF64 right, double beta,
      MatrixBlockF64 c, int k, int tasks) {
    int m = c.rows();
    int n = c.cols();
    if (tasks == 1) {
      compute(alpha, left, right, beta, c, k, 0, m, 0, n);
      return;
    }
    boolean byColumns = splitsColumns(m, n, k, tasks);
    int tiles = byColumns ? (n + TILE_COLS - 1) / TILE_COLS : (m + TILE_ROWS - 1) / TILE_ROWS;
    int tileSize = byColumns ? TILE_COLS : TILE_ROWS;
    int parts = Math.min(tasks, tiles);
    GemmTasks.run(parts, t -> {
      int from = Math.min(byColumns ? n : m, tiles * t / parts * tileSize);
      int to = Math.min(byColumns ? n : m, tiles * (t + 1) / parts * tileSize);
      if (byColumns) {
        compute(alpha, left, right, beta, c, k, 0, m, from, to);
      } else {
        compute(alpha, left, right, beta, c, k, from, to, 0, n);
      }
    });
  }

  /**
   * Whether a product split into {@code tasks} parts splits C's columns, rather than its rows:
   * whichever leaves each task less to pack. Splitting C's columns has every task pack all of A
   * and its share of B; splitting rows, the other way round.
   */
  static boolean splitsColumns(int m, int n, int k, int tasks) {
    return (long) k * m + (long) k * n / tasks < (long) k * n + (long) k * m / tasks;
  }

  /** Rows [rowFrom, rowTo) and columns [colFrom, colTo) of C. */
  private static void compute(double alpha, OperandF64 left, OperandF64 right, double beta,
      MatrixBlockF64 c, int k, int rowFrom, int rowTo, int colFrom, int colTo) {
    Scratch scratch = SCRATCH.get();
    // Blocks of even depth: 784 as 2 × 392, not 400 and a block of 384; the last block of an
    // uneven split would spend more of its time writing its sums than the others.
    int blocks = depthBlocks(k);
    int colBlock = columnBlock(k);
    for (int col = colFrom; col < colTo; col += colBlock) {
      int width = Math.min(colBlock, colTo - col);
      for (int b = 0, p = 0; b < blocks; b++) {
        int depth = (int) ((long) k * (b + 1) / blocks) - p;
        // The first block of the depth applies β to C; later ones add to what it holds.
        double factor = p == 0 ? beta : 1;
        VectorPackingF64.packRight(right, p, depth, col, width, scratch.packedRight);
        for (int row = rowFrom; row < rowTo; row += TILE_ROWS) {
          int height = Math.min(TILE_ROWS, rowTo - row);
          VectorPackingF64.packLeft(alpha, left, row, height, p, depth, scratch.packedLeft);
          for (int j = 0; j < width; j += TILE_COLS) {
            VectorTileF64.tile(scratch.packedLeft, scratch.packedRight, scratch.sums, j * depth,
                depth, c, row, height, col + j, Math.min(TILE_COLS, width - j), factor);
          }
        }
        p += depth;
      }
    }
  }

  /**
   * The columns of B packed at once over depth {@code k}: as many as {@link #PACKED_RIGHT} holds
   * at the depth of its deepest block, so that a shallow product (a layer's weight gradient over
   * a batch of 128) packs its whole width at once: sized for a full depth block, the block was
   * 160 columns wide, and a 784-wide gradient split in two ended each half in a block of 72
   * columns.
   */
  static int columnBlock(int k) {
    int blocks = Math.max(1, depthBlocks(k));
    int deepest = (k + blocks - 1) / blocks;
    return roundDown(PACKED_RIGHT / Math.max(1, deepest), TILE_COLS);
  }

  /** The blocks a depth of {@code k} comes in, of {@link #DEPTH_BLOCK} at most. */
  private static int depthBlocks(int k) {
    return (k + DEPTH_BLOCK - 1) / DEPTH_BLOCK;
  }

  /**
   * Whether an {@code m × n} result over depth {@code k} takes this path: its tiles must be mostly
   * real elements, not the zeros that pad them (a result of a few columns is computed turned
   * around by {@link PanelsF64}'s path instead).
   */
  static boolean takes(int m, int n, int k) {
    return m >= TILE_ROWS / 2 && n >= TILE_COLS / 2;
  }

  private static int roundDown(int value, int multiple) {
    return Math.max(multiple, value / multiple * multiple);
  }
}
