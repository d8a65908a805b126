package dev.chainrule.core.gemm;

/**
 * A row-major {@code rows × cols} matrix stored in {@code data} from {@code offset} on: how the
 * tensor core hands its own storage to a {@link Gemm} without copying. It is a window, not a value:
 * two blocks are equal only when they view the same array at the same place.
 */
public record MatrixBlock(double[] data, int offset, int rows, int cols) {
  /** Checks that the window lies inside the array. */
  public MatrixBlock {
    if (data == null || rows < 0 || cols < 0 || offset < 0
        || offset + (long) rows * cols > data.length) {
      throw new IllegalArgumentException(String.format(
          "MatrixBlock: %d x %d from offset %d does not fit an array of %s",
          rows, cols, offset, data == null ? "null" : data.length + " elements"));
    }
  }

  /** A block over a whole array. */
  public static MatrixBlock of(double[] data, int rows, int cols) {
    return new MatrixBlock(data, 0, rows, cols);
  }

  /** Whether the block covers its whole array from the start, so it can be wrapped as is. */
  public boolean isWholeArray() {
    return offset == 0 && data.length == rows * cols;
  }
}
