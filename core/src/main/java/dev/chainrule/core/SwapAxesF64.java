package dev.chainrule.core;

/**
 * The copy of a permute that swaps two neighbouring blocks of axes ({@link SwapPlan}): a tensor
 * laid out {@code [batch, rows, cols, inner]} becomes {@code [batch, cols, rows, inner]}. Every
 * 2-D transpose, batched or not, is this copy with {@code inner = 1}. The template of its float32
 * twin ({@code SwapAxesF32}, generated at build time).
 *
 * <p>It used to be a gather through a list of every element's offset, reading the source column by
 * column: a float32 1024² transpose took 5.6 ns per element against PyTorch's 0.51, growing from
 * 1.79 ns at 256² to 8.5 at 2048² as the columns fell out of cache. Here the matrix is walked in
 * tiles of {@link #TILE} × {@link #TILE}: the {@code TILE} source rows a tile reads stay in L1
 * while its columns are written out in order, and no offset list is built. Measured on the 2-core
 * EPYC (a standalone probe, n² elements, allocation included, the machine shared): tiles of 8
 * took 1.3–1.8 ns (float64) and 1.0–1.2 ns (float32) at 256²–1024² and 2.0–2.6 / 1.2–1.7 at 2048²;
 * tiles of 16, 32 and 64, square or with a 4 × 4 unrolled core, were as fast at 256² but up to
 * twice as slow at 1024² and 2048², where rows 4–16 KB apart share an L1 set and more than a
 * set's ways of them no longer fit.
 */
final class SwapAxesF64 {
  static final int TILE = 8;

  private SwapAxesF64() {}

  static Tensor swap(Tensor x, Shape shape, int batch, int rows, int cols, int inner) {
    double[] in = x.dataF64();
    double[] out = new double[in.length];
    int plane = rows * cols * inner;
    for (int b = 0, base = 0; b < batch; b++, base += plane) {
      if (inner == 1) {
        transpose(in, out, base, rows, cols);
      } else {
        transposeRuns(in, out, base, rows, cols, inner);
      }
    }
    return new Tensor(shape, out);
  }

  /** out[base + c·rows + r] = in[base + r·cols + c], tile by tile. */
  private static void transpose(double[] in, double[] out, int base, int rows, int cols) {
    for (int r0 = 0; r0 < rows; r0 += TILE) {
      int r1 = Math.min(r0 + TILE, rows);
      for (int c0 = 0; c0 < cols; c0 += TILE) {
        int c1 = Math.min(c0 + TILE, cols);
        for (int c = c0; c < c1; c++) {
          int to = base + c * rows;
          int from = base + c;
          for (int r = r0; r < r1; r++) {
            out[to + r] = in[from + r * cols];
          }
        }
      }
    }
  }

  /** The same walk when each element is a run of {@code inner} contiguous values. */
  private static void transposeRuns(
      double[] in, double[] out, int base, int rows, int cols, int inner) {
    for (int r0 = 0; r0 < rows; r0 += TILE) {
      int r1 = Math.min(r0 + TILE, rows);
      for (int c0 = 0; c0 < cols; c0 += TILE) {
        int c1 = Math.min(c0 + TILE, cols);
        for (int c = c0; c < c1; c++) {
          for (int r = r0; r < r1; r++) {
            int to = base + (c * rows + r) * inner;
            int from = base + (r * cols + c) * inner;
            for (int k = 0; k < inner; k++) {
              out[to + k] = in[from + k];
            }
          }
        }
      }
    }
  }
}
