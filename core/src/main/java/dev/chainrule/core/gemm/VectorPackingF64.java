package dev.chainrule.core.gemm;

import static dev.chainrule.core.gemm.VectorTileF64.LANES;
import static dev.chainrule.core.gemm.VectorTileF64.SPECIES;
import static dev.chainrule.core.gemm.VectorTileF64.TILE_COLS;
import static dev.chainrule.core.gemm.VectorTileF64.TILE_ROWS;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;

/**
 * The packing of the Vector API products' operands ({@code VectorPanelsF64}), and the template of
 * its float32 twin ({@code VectorPackingF32}, generated at build time): a block of α·A as groups
 * of a tile's rows, a block of B as panels of a tile's width ({@link VectorTileF64}), the edges
 * padded with zeros so that every tile runs the same full-width loop.
 */
final class VectorPackingF64 {
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

  private VectorPackingF64() {}

  /**
   * α·left[row..row+height, p..p+depth) as {@code depth} groups of {@link
   * VectorTileF64#TILE_ROWS}.
   */
  static void packLeft(double alpha, OperandF64 left, int row, int height, int p,
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
   * right[p..p+depth, col..col+width) as panels of {@link VectorTileF64#TILE_COLS} columns, panel
   * after panel, each {@code depth} rows of a tile's width, zero past the last column.
   */
  static void packRight(OperandF64 right, int p, int depth, int col, int width,
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
}
