package dev.chainrule.core.gemm;

import java.util.Locale;

/**
 * A row-major {@code rows × cols} matrix stored in {@code data} from {@code offset} on: how the
 * tensor core hands its own storage to a {@link Gemm} without copying. It is a window, not a
 * value: two blocks are equal only when they view the same array at the same place. The float32
 * form is generated from the float64 one (core/build/GenerateFloat32.java).
 *
 * @param data the array that holds the matrix; shared, not copied
 * @param offset the index in {@code data} of element (0, 0)
 * @param rows the number of rows, at least 0
 * @param cols the number of columns, at least 0; consecutive rows are {@code cols} apart
 */
public record MatrixBlockF64(double[] data, int offset, int rows, int cols) {
  /**
   * Checks that the window lies inside the array.
   *
   * @param data the array that holds the matrix; shared, not copied
   * @param offset the index in {@code data} of element (0, 0), at least 0
   * @param rows the number of rows, at least 0
   * @param cols the number of columns, at least 0
   * @throws IllegalArgumentException naming the window and the array's length when {@code data}
   *     is null or the window does not fit in it
   */
  public MatrixBlockF64 {
    if (data == null || rows < 0 || cols < 0 || offset < 0
        || offset + (long) rows * cols > data.length) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, 
          "MatrixBlockF64: %d x %d from offset %d does not fit an array of %s",
          rows, cols, offset, data == null ? "null" : data.length + " elements"));
    }
  }

  /**
   * A block over a whole array, starting at its first element.
   *
   * @param data the array, row-major; shared, not copied
   * @param rows the number of rows
   * @param cols the number of columns
   * @return the block; {@code data} may be longer than {@code rows · cols}
   * @throws IllegalArgumentException when {@code data} is null or shorter than
   *     {@code rows · cols}
   */
  public static MatrixBlockF64 of(double[] data, int rows, int cols) {
    return new MatrixBlockF64(data, 0, rows, cols);
  }

  /**
   * Whether the block covers its whole array from the start, so it can be wrapped as is.
   *
   * @return true when the offset is 0 and the array holds exactly {@code rows · cols} elements
   */
  public boolean isWholeArray() {
    return offset == 0 && data.length == rows * cols;
  }

  /**
   * Number of elements.
   *
   * @return {@code rows · cols}
   */
  public int size() {
    return rows * cols;
  }

  /** The index in {@code data} of element (row, col). */
  int at(int row, int col) {
    return offset + row * cols + col;
  }
}
