package dev.chainrule.core.gemm;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

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
  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();
  /** Rows of a tile: 6 × 4 accumulators leave registers for four B vectors and a broadcast. */
  static final int TILE_ROWS = 6;
  /** Columns of a tile: four vectors. */
  static final int TILE_COLS = 4 * LANES;
  /**
   * At most 3,200 bytes of one row of A per block (400 float64 or 800 float32 elements): a
   * 784-wide layer's depth in two blocks of float64, or one of float32. Each further block costs a
   * pass of every tile over C, and 2 KB blocks made that four passes.
   */
  static final int DEPTH_BLOCK = 3200 / Double.BYTES;
  /** Elements of B packed at once: 512 KB, which stays in L2. */
  static final int PACKED_RIGHT = 512 * 1024 / Double.BYTES;

  private static final int TRANSPOSE_BLOCK = 16;
  /**
   * Whether a transposed operand's panels are gathered a vector at a time: in float64 only, so
   * that one JVM gathers with index vectors of one shape. HotSpot's gather intrinsic runs through
   * the JDK's index-vector code, which both element types share; once float32 (16-lane index
   * vectors) and float64 (8-lane) had both gathered, it ran the plain-Java fallback for both,
   * five to six times as slow (a probe timing one gather of each type). Float32 packs those
   * panels an element at a time, which cost its epoch's products 155 ms against 132 gathered;
   * letting float32 gather instead of float64 sometimes threw the tiles onto the fallback as well
   * (docs/performance-history.md, the fortieth session). Written with {@code Long.SIZE}: the
   * float32 twin's generator would turn {@code Double.SIZE} into its own.
   */
  private static final boolean GATHERS = SPECIES.elementSize() == Long.SIZE;

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
    // Splitting C's columns has every task pack all of A and its share of B; splitting rows,
    // the other way round.
    boolean byColumns = (long) k * m + (long) k * n / tasks < (long) k * n + (long) k * m / tasks;
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
        packRight(right, p, depth, col, width, scratch.packedRight);
        for (int row = rowFrom; row < rowTo; row += TILE_ROWS) {
          int height = Math.min(TILE_ROWS, rowTo - row);
          packLeft(alpha, left, row, height, p, depth, scratch.packedLeft);
          for (int j = 0; j < width; j += TILE_COLS) {
            tile(scratch, j * depth, depth, c, row, height, col + j,
                Math.min(TILE_COLS, width - j), factor);
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

  /** α·left[row..row+height, p..p+depth) as {@code depth} groups of {@link #TILE_ROWS}. */
  private static void packLeft(double alpha, OperandF64 left, int row, int height, int p,
      int depth, double[] packed) {
    double[] data = left.data();
    if (height < TILE_ROWS) {
      Arrays.fill(packed, 0, depth * TILE_ROWS, 0);
    }
    if (left.colStep() == 1) {
      for (int r = 0; r < height; r++) {
        for (int q = 0, at = left.at(row + r, p); q < depth; q++) {
          packed[q * TILE_ROWS + r] = alpha * data[at + q];
        }
      }
    } else {
      // A transposed operand's tile rows lie side by side: read them a stored row at a time.
      int stride = left.colStep();
      for (int q = 0, at = left.at(row, p); q < depth; q++, at += stride) {
        for (int r = 0; r < height; r++) {
          packed[q * TILE_ROWS + r] = alpha * data[at + r];
        }
      }
    }
  }

  /**
   * right[p..p+depth, col..col+width) as panels of {@link #TILE_COLS} columns, panel after
   * panel, each {@code depth} rows of a tile's width, zero past the last column.
   */
  private static void packRight(OperandF64 right, int p, int depth, int col, int width,
      double[] packed) {
    double[] data = right.data();
    int rowStep = right.rowStep();
    int colStep = right.colStep();
    int[] across = GATHERS && colStep != 1 ? laneOffsets(colStep) : null;
    for (int j0 = 0; j0 < width; j0 += TILE_COLS) {
      int panel = j0 * depth;
      int w = Math.min(TILE_COLS, width - j0);
      if (colStep == 1) {
        for (int q = 0; q < depth; q++) {
          System.arraycopy(data, right.at(p + q, col + j0), packed, panel + q * TILE_COLS, w);
        }
      } else if (GATHERS && w == TILE_COLS) {
        // A transposed operand's panel row lies across stored rows: gather it a vector at a
        // time. Copied an element at a time, sixteen stored rows at once, the packing took a
        // third as long as the tiles in a 784-wide layer's forward product (x·Wᵀ); gathered,
        // an epoch of those products took 215 ms instead of 225 in float64.
        gatherPanel(data, right.at(p, col + j0), rowStep, colStep, across, depth, packed, panel);
      } else {
        // Read along the stored rows sixteen elements at a time, so the sixteen panel rows
        // written stay in L1 while every column of the panel is gathered: a partial panel, or
        // every panel in float32 (see GATHERS).
        for (int q0 = 0; q0 < depth; q0 += TRANSPOSE_BLOCK) {
          int q1 = Math.min(depth, q0 + TRANSPOSE_BLOCK);
          for (int j = 0; j < w; j++) {
            for (int q = q0, at = right.at(p + q0, col + j0 + j); q < q1; q++, at += rowStep) {
              packed[panel + q * TILE_COLS + j] = data[at];
            }
          }
        }
      }
      if (w < TILE_COLS) {
        for (int q = 0; q < depth; q++) {
          Arrays.fill(packed, panel + q * TILE_COLS + w, panel + (q + 1) * TILE_COLS, 0);
        }
      }
    }
  }

  /** One tile: C[row.., col..] ← factor·C + packedLeft·panel, over {@code depth}. */
  private static void tile(Scratch scratch, int panel, int depth, MatrixBlockF64 c, int row,
      int height, int col, int width, double factor) {
    double[] a = scratch.packedLeft;
    double[] b = scratch.packedRight;
    DoubleVector c00 = DoubleVector.zero(SPECIES);
    DoubleVector c01 = c00, c02 = c00, c03 = c00, c10 = c00, c11 = c00, c12 = c00, c13 = c00;
    DoubleVector c20 = c00, c21 = c00, c22 = c00, c23 = c00, c30 = c00, c31 = c00, c32 = c00;
    DoubleVector c33 = c00, c40 = c00, c41 = c00, c42 = c00, c43 = c00, c50 = c00, c51 = c00;
    DoubleVector c52 = c00, c53 = c00;
    for (int q = 0; q < depth; q++) {
      int at = panel + q * TILE_COLS;
      DoubleVector b0 = DoubleVector.fromArray(SPECIES, b, at);
      DoubleVector b1 = DoubleVector.fromArray(SPECIES, b, at + LANES);
      DoubleVector b2 = DoubleVector.fromArray(SPECIES, b, at + 2 * LANES);
      DoubleVector b3 = DoubleVector.fromArray(SPECIES, b, at + 3 * LANES);
      int r = q * TILE_ROWS;
      DoubleVector x = DoubleVector.broadcast(SPECIES, a[r]);
      c00 = x.fma(b0, c00); c01 = x.fma(b1, c01); c02 = x.fma(b2, c02); c03 = x.fma(b3, c03);
      x = DoubleVector.broadcast(SPECIES, a[r + 1]);
      c10 = x.fma(b0, c10); c11 = x.fma(b1, c11); c12 = x.fma(b2, c12); c13 = x.fma(b3, c13);
      x = DoubleVector.broadcast(SPECIES, a[r + 2]);
      c20 = x.fma(b0, c20); c21 = x.fma(b1, c21); c22 = x.fma(b2, c22); c23 = x.fma(b3, c23);
      x = DoubleVector.broadcast(SPECIES, a[r + 3]);
      c30 = x.fma(b0, c30); c31 = x.fma(b1, c31); c32 = x.fma(b2, c32); c33 = x.fma(b3, c33);
      x = DoubleVector.broadcast(SPECIES, a[r + 4]);
      c40 = x.fma(b0, c40); c41 = x.fma(b1, c41); c42 = x.fma(b2, c42); c43 = x.fma(b3, c43);
      x = DoubleVector.broadcast(SPECIES, a[r + 5]);
      c50 = x.fma(b0, c50); c51 = x.fma(b1, c51); c52 = x.fma(b2, c52); c53 = x.fma(b3, c53);
    }
    // The sums go to a buffer, then into C: passed to a method as vectors, or kept past the
    // loop's end for C's edges, they would be boxed as objects, and the loop with them.
    double[] t = scratch.sums;
    c00.intoArray(t, 0); c01.intoArray(t, LANES); c02.intoArray(t, 2 * LANES);
    c03.intoArray(t, 3 * LANES);
    c10.intoArray(t, TILE_COLS); c11.intoArray(t, TILE_COLS + LANES);
    c12.intoArray(t, TILE_COLS + 2 * LANES); c13.intoArray(t, TILE_COLS + 3 * LANES);
    c20.intoArray(t, 2 * TILE_COLS); c21.intoArray(t, 2 * TILE_COLS + LANES);
    c22.intoArray(t, 2 * TILE_COLS + 2 * LANES); c23.intoArray(t, 2 * TILE_COLS + 3 * LANES);
    c30.intoArray(t, 3 * TILE_COLS); c31.intoArray(t, 3 * TILE_COLS + LANES);
    c32.intoArray(t, 3 * TILE_COLS + 2 * LANES); c33.intoArray(t, 3 * TILE_COLS + 3 * LANES);
    c40.intoArray(t, 4 * TILE_COLS); c41.intoArray(t, 4 * TILE_COLS + LANES);
    c42.intoArray(t, 4 * TILE_COLS + 2 * LANES); c43.intoArray(t, 4 * TILE_COLS + 3 * LANES);
    c50.intoArray(t, 5 * TILE_COLS); c51.intoArray(t, 5 * TILE_COLS + LANES);
    c52.intoArray(t, 5 * TILE_COLS + 2 * LANES); c53.intoArray(t, 5 * TILE_COLS + 3 * LANES);
    merge(t, c, row, height, col, width, factor);
  }

  /**
   * A tile's real elements into C: written (factor 0), or added to factor·C. A whole row of the
   * tile is four vector operations: HotSpot does not vectorize a loop of four vectors' length,
   * and the scalar loop took a quarter as long as the tile's sums when a depth of 784 came in four
   * blocks. factor·C + sum is rounded once either way, so both give the same bits.
   */
  private static void merge(double[] sums, MatrixBlockF64 c, int row, int height, int col,
      int width, double factor) {
    double[] data = c.data();
    DoubleVector scale = DoubleVector.broadcast(SPECIES, factor);
    for (int r = 0; r < height; r++) {
      int at = c.at(row + r, col);
      int from = r * TILE_COLS;
      if (factor == 0) {
        System.arraycopy(sums, from, data, at, width);
      } else if (width == TILE_COLS) {
        for (int j = 0; j < TILE_COLS; j += LANES) {
          DoubleVector.fromArray(SPECIES, data, at + j)
              .fma(scale, DoubleVector.fromArray(SPECIES, sums, from + j))
              .intoArray(data, at + j);
        }
      } else {
        for (int j = 0; j < width; j++) {
          data[at + j] = Math.fma(factor, data[at + j], sums[from + j]);
        }
      }
    }
  }

  /**
   * Whether an {@code m × n} result over depth {@code k} takes this path: its tiles must be mostly
   * real elements, not the zeros that pad them (a result of a few columns is computed turned
   * around by {@link PanelsF64}'s path instead).
   */
  static boolean takes(int m, int n, int k) {
    return m >= TILE_ROWS / 2 && n >= TILE_COLS / 2;
  }

  /**
   * {@code depth} rows of a panel from a transposed operand, from {@code at}: each row's lanes
   * {@code colStep} apart in {@code data}, its rows {@code rowStep} apart. A method of its own,
   * small enough that HotSpot inlines the whole gather: inside packRight it sometimes gave up on
   * the intrinsic and ran the Vector API's plain-Java fallback.
   */
  private static void gatherPanel(double[] data, int at, int rowStep, int colStep, int[] across,
      int depth, double[] packed, int to) {
    for (int q = 0; q < depth; q++, at += rowStep, to += TILE_COLS) {
      for (int v = 0; v < TILE_COLS; v += LANES) {
        DoubleVector.fromArray(SPECIES, data, at + v * colStep, across, 0)
            .intoArray(packed, to + v);
      }
    }
  }

  /** The offsets of a vector's lanes, {@code step} apart, for a gather. */
  private static int[] laneOffsets(int step) {
    int[] offsets = new int[LANES];
    for (int lane = 0; lane < LANES; lane++) {
      offsets[lane] = lane * step;
    }
    return offsets;
  }

  private static int roundDown(int value, int multiple) {
    return Math.max(multiple, value / multiple * multiple);
  }
}
