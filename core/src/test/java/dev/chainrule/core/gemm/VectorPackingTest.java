package dev.chainrule.core.gemm;

import static dev.chainrule.core.gemm.VectorTileF64.TILE_COLS;
import static dev.chainrule.core.gemm.VectorTileF64.TILE_ROWS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The layout {@code VectorPackingF64} promises the tiles: α·A as groups of a tile's rows, B as
 * panels of a tile's width, and zeros in the padding past A's last row and B's last column. The
 * scratch arrays it packs into hold a previous product's values (NaN here), and each operand's
 * array ends with its last element, so that reading or writing past an edge shows. The values
 * compared are copies, or products by α = 2, which are exact: no tolerance.
 */
class VectorPackingTest {
  private static final double ALPHA = 2;

  /** An operand {@code rows × cols}, stored transposed or not: (r, s) holds r·1000 + s + 1. */
  private static OperandF64 operand(int rows, int cols, boolean transposed) {
    int storedRows = transposed ? cols : rows;
    int storedCols = transposed ? rows : cols;
    double[] data = new double[rows * cols];
    for (int r = 0; r < rows; r++) {
      for (int s = 0; s < cols; s++) {
        data[transposed ? s * storedCols + r : r * storedCols + s] = value(r, s);
      }
    }
    return new OperandF64(MatrixBlockF64.of(data, storedRows, storedCols), transposed);
  }

  private static double value(int r, int s) {
    return r * 1000 + s + 1;
  }

  private static double[] stale(int size) {
    double[] packed = new double[size];
    Arrays.fill(packed, Double.NaN);
    return packed;
  }

  @Test
  void leftBlocksAreGroupsOfATilesRowsScaledByAlphaAndZeroBelowTheLastRow() {
    assumeTrue(VectorApi.readable(), "core's surefire runs with --add-modules " + VectorApi.MODULE);
    // Ten rows are a full tile and one of four; the block is the depth's last (columns 2 to 19
    // of 20), so that a read past the last row's last element falls off the array.
    int m = 10;
    int k = 20;
    int p = 2;
    int depth = k - p;
    for (boolean transposed : new boolean[] {false, true}) {
      OperandF64 left = operand(m, k, transposed);
      for (int row = 0; row < m; row += TILE_ROWS) {
        int height = Math.min(TILE_ROWS, m - row);
        double[] packed = stale(TILE_ROWS * depth);
        VectorPackingF64.packLeft(ALPHA, left, row, height, p, depth, packed);
        for (int q = 0; q < depth; q++) {
          for (int r = 0; r < TILE_ROWS; r++) {
            double expected = r < height ? ALPHA * value(row + r, p + q) : 0;
            assertEquals(expected, packed[q * TILE_ROWS + r],
                "transposed " + transposed + ", row " + (row + r) + ", depth " + q);
          }
        }
      }
    }
  }

  @Test
  void rightBlocksArePanelsOfATilesWidthAndZeroPastTheLastColumn() {
    assumeTrue(VectorApi.readable(), "core's surefire runs with --add-modules " + VectorApi.MODULE);
    // A full panel and one of three columns, and two full panels (a transposed B's full panels
    // are gathered a vector at a time in float64); the last block of the depth, and a packed
    // array of exactly the panels' size, so that a row or a lane too many falls off an array.
    int k = 20;
    int p = 3;
    int depth = k - p;
    for (int n : new int[] {TILE_COLS + 3, 2 * TILE_COLS}) {
      for (boolean transposed : new boolean[] {false, true}) {
        OperandF64 right = operand(k, n, transposed);
        int panels = (n + TILE_COLS - 1) / TILE_COLS;
        double[] packed = stale(panels * TILE_COLS * depth);
        VectorPackingF64.packRight(right, p, depth, 0, n, packed);
        for (int j0 = 0; j0 < n; j0 += TILE_COLS) {
          for (int q = 0; q < depth; q++) {
            for (int j = 0; j < TILE_COLS; j++) {
              double expected = j0 + j < n ? value(p + q, j0 + j) : 0;
              assertEquals(expected, packed[j0 * depth + q * TILE_COLS + j], "n " + n
                  + ", transposed " + transposed + ", column " + (j0 + j) + ", depth " + q);
            }
          }
        }
      }
    }
  }
}
