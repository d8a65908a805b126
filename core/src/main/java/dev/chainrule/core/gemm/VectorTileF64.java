package dev.chainrule.core.gemm;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * One register-blocked tile of the Vector API products ({@code VectorPanelsF64}), and the template
 * of its float32 twin ({@code VectorTileF32}, generated at build time): the tile's shape, which
 * the packed operands ({@code VectorPackingF64}) are laid out for, and the kernel that computes a
 * tile of C from them and writes its real elements into C.
 */
final class VectorTileF64 {
  static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  static final int LANES = SPECIES.length();
  /** Rows of a tile: 6 × 4 accumulators leave registers for four B vectors and a broadcast. */
  static final int TILE_ROWS = 6;
  /** Columns of a tile: four vectors. */
  static final int TILE_COLS = 4 * LANES;

  private VectorTileF64() {}

  /**
   * One tile: C[row.., col..] ← factor·C + a·panel, over {@code depth}; {@code a} is the packed
   * rows of α·A, {@code b} the packed panels of B from {@code panel}, {@code t} room for the
   * tile's TILE_ROWS × TILE_COLS sums.
   */
  static void tile(double[] a, double[] b, double[] t, int panel, int depth, MatrixBlockF64 c,
      int row, int height, int col, int width, double factor) {
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
}
