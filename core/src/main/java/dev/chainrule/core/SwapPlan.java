package dev.chainrule.core;

/**
 * A permute seen as the layout it moves: axes of size 1 dropped (they move nothing) and the axes
 * that stay neighbours in the same order merged, a permute that swaps two neighbouring blocks is a
 * tensor laid out {@code [batch, rows, cols, inner]} copied to {@code [batch, cols, rows, inner]}:
 * {@code transpose(0, 1)} of a matrix, of the last two axes of any rank ({@code inner = 1}), or of
 * the first two of a rank-3 tensor ({@code batch = 1}). {@link SwapAxesF64} copies it tile by
 * tile; the other permutes go through an offset per element.
 *
 * @param batch the product of the sizes before the swapped blocks
 * @param rows the size of the first swapped block
 * @param cols the size of the second
 * @param inner the product of the sizes after them
 */
record SwapPlan(int batch, int rows, int cols, int inner) {
  /** A plan that moves nothing: the permute is a plain copy. */
  static final SwapPlan COPY = new SwapPlan(1, 1, 1, 1);

  /**
   * The plan of a permute of {@code dims}, output axis {@code i} being input axis
   * {@code axes[i]}; {@link #COPY} when no element moves, null when it is no swap of two blocks.
   * The tensor is not empty (an empty one is copied as it stands).
   */
  static SwapPlan of(int[] dims, int[] axes) {
    // The input axes of size > 1, in output order, and each one's size.
    int[] order = new int[axes.length];
    int kept = 0;
    for (int axis : axes) {
      if (dims[axis] > 1) {
        order[kept++] = axis;
      }
    }
    // Blocks: runs of output axes that are consecutive input axes. blockStart[k] is the input axis
    // that opens the k-th block in output order, blockSize[k] its product of sizes.
    int[] blockStart = new int[kept];
    long[] blockSize = new long[kept];
    int blocks = 0;
    for (int i = 0; i < kept; i++) {
      if (i == 0 || !follows(dims, order[i - 1], order[i])) {
        blockStart[blocks] = order[i];
        blockSize[blocks++] = 1;
      }
      blockSize[blocks - 1] *= dims[order[i]];
    }
    // In input order the blocks' starts increase; the output must list them so, except for one
    // pair of neighbours exchanged.
    int swapped = -1;
    for (int k = 0; k + 1 < blocks; k++) {
      if (blockStart[k] > blockStart[k + 1]) {
        if (swapped >= 0) {
          return null;
        }
        swapped = k;
      }
    }
    if (swapped < 0) {
      return COPY;
    }
    int k = swapped;
    boolean neighbours = (k == 0 || blockStart[k - 1] < blockStart[k + 1])
        && (k + 2 >= blocks || blockStart[k] < blockStart[k + 2]);
    if (!neighbours) {
      return null;
    }
    long batch = 1;
    long inner = 1;
    for (int j = 0; j < k; j++) {
      batch *= blockSize[j];
    }
    for (int j = k + 2; j < blocks; j++) {
      inner *= blockSize[j];
    }
    return new SwapPlan((int) batch, (int) blockSize[k + 1], (int) blockSize[k], (int) inner);
  }

  /** Whether input axis {@code next} comes right after {@code previous}, axes of size 1 between. */
  private static boolean follows(int[] dims, int previous, int next) {
    if (next <= previous) {
      return false;
    }
    for (int a = previous + 1; a < next; a++) {
      if (dims[a] > 1) {
        return false;
      }
    }
    return true;
  }
}
