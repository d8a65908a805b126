package dev.chainrule.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The upper and lower triangles of the last two axes ({@link Tensor#triu}, {@link Tensor#tril}):
 * each row's kept run copied into a zeroed result. A selection, not a product with a 0/1 mask, so
 * an ∞ or NaN outside the triangle gives 0, as PyTorch's triu and tril (a mask's 0·∞ is NaN).
 */
final class Triangles {
  private Triangles() {}

  /**
   * Row i of each matrix keeps columns j with j − i ≥ diagonal (upper) or j − i ≤ diagonal
   * (lower), so the run kept is one contiguous piece of the row. The bounds are taken in long
   * arithmetic: i + diagonal for a diagonal near ±2^31 must not wrap into the row.
   */
  static Tensor keep(String op, Tensor x, int diagonal, boolean upper) {
    checkNotNull(x, "%s: the tensor is null", op);
    Shape shape = x.shape();
    checkArgument(shape.rank() >= 2, "%s: needs a tensor of at least 2 dimensions (its last two"
        + " are the matrix), got shape %s", op, shape);
    int rows = shape.dim(-2);
    int columns = shape.dim(-1);
    Storage in = x.storage();
    Storage out = in.zeros(in.length());
    int matrices = rows * columns == 0 ? 0 : in.length() / (rows * columns);
    for (int m = 0; m < matrices; m++) {
      for (int i = 0; i < rows; i++) {
        long first = upper ? Math.max(0L, (long) i + diagonal) : 0L;
        long end = upper ? columns : Math.min(columns, (long) i + diagonal + 1);
        if (first < end) {
          int rowStart = (m * rows + i) * columns;
          System.arraycopy(in.array(), rowStart + (int) first, out.array(),
              rowStart + (int) first, (int) (end - first));
        }
      }
    }
    return new Tensor(shape, out);
  }
}
