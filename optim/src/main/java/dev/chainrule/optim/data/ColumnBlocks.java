package dev.chainrule.optim.data;

import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.ArrayList;
import java.util.List;

/**
 * A reduction over the rows of each column, taken a block of columns at a time, for statistics
 * whose chain over all columns at once holds full-size temporaries: the standardiser's spread
 * (the deviations and their quotients) and the outlier bound's variance (the deviations and their
 * squares), two copies of a 188 MB float32 file of 60,000 × 784 beside it, the largest demands of
 * a run on it. The blocks give the whole chain's bits: column sums of rows of {@value #COLUMNS}
 * or more values add each column on its own, whatever the other columns (shorter rows sum in
 * another order), so every block holds at least that many and the last takes the remainder.
 */
final class ColumnBlocks {
  /** The columns of a block: rows this long sum each column on its own. */
  static final int COLUMNS = 64;

  private ColumnBlocks() {}

  /** A reduction of the columns {@code [from, to)} of the features, given as {@code block}. */
  @FunctionalInterface
  interface Reduction {
    /** The block's result, one value per column, shape {@code [to − from]}. */
    Tensor apply(Tensor block, int from, int to);
  }

  /**
   * The reduction of every column, from blocks of the features; data narrower than two blocks
   * is reduced whole (a copy of a block would be most of it).
   *
   * @param features [N, F] values
   * @param reduction the per-column reduction
   * @return one value per column, shape {@code [F]}
   */
  static Tensor reduce(Tensor features, Reduction reduction) {
    int columns = features.dim(1);
    if (columns < 2 * COLUMNS) {
      return reduction.apply(features, 0, columns);
    }
    List<Tensor> blocks = new ArrayList<>();
    for (int from = 0; from < columns;) {
      int to = columns - from < 2 * COLUMNS ? columns : from + COLUMNS;
      blocks.add(reduction.apply(features.slice(1, from, to), from, to));
      from = to;
    }
    return Tensors.concat(0, blocks.toArray(Tensor[]::new));
  }
}
