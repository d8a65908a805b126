package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The order in which a float64 column sum (a sum over the first axis) adds its rows, which
 * decides its last bits: rows shorter than {@link ReduceF64#SHORT_ROWS_BELOW} columns in four
 * partial sums of every fourth row, (s₀ + s₁) + (s₂ + s₃), a block of rows at a time
 * ({@link ShortColumnsF64}); rows of that many columns or more row onto row, each column's running
 * sum in row order. Written out here for Gaussian values, which show any other order. (A single
 * column is one contiguous run, summed as a row.)
 */
class ColumnSumOrderTest {
  private static final int ROWS = 37;

  private static double[][] gaussians(int columns) {
    double[] flat = Tensors.randn(Shape.of(ROWS, columns), columns).toArray();
    double[][] rows = new double[ROWS][columns];
    for (int r = 0; r < ROWS; r++) {
      System.arraycopy(flat, r * columns, rows[r], 0, columns);
    }
    return rows;
  }

  private static Tensor columnSums(double[][] rows) {
    return Tensor.matrix(rows).sum(0, false);
  }

  @Test
  void rowsOfSixtyFourColumnsOrMoreAddRowOntoRow() {
    for (int columns = ReduceF64.SHORT_ROWS_BELOW; columns <= 66; columns++) {
      double[][] x = gaussians(columns);
      double[] expected = new double[columns];
      for (double[] row : x) {
        for (int c = 0; c < columns; c++) {
          expected[c] += row[c];
        }
      }
      assertEquals(Tensor.vector(expected), columnSums(x), columns + " columns");
    }
  }

  @Test
  void shorterRowsAddFourPartialSumsPerBlockOfRows() {
    for (int columns : new int[] {2, 3, 4, 5, 16, 63}) {
      double[][] x = gaussians(columns);
      int blockRows = ReduceF64.SHORT_ROWS_BLOCK / columns / 4 * 4;
      double[] expected = new double[columns];
      for (int c = 0; c < columns; c++) {
        for (int first = 0; first < ROWS; first += blockRows) {
          double[] partial = new double[4];
          int end = Math.min(ROWS, first + blockRows);
          int whole = first + (end - first) / 4 * 4;
          for (int r = first; r < end; r++) {
            // Every fourth row into its own sum; the ragged rows after the last four, into s₀.
            partial[r < whole ? (r - first) % 4 : 0] += x[r][c];
          }
          expected[c] += (partial[0] + partial[1]) + (partial[2] + partial[3]);
        }
      }
      assertEquals(Tensor.vector(expected), columnSums(x), columns + " columns");
    }
  }
}
