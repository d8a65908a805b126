package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * A product's bias rows are laid down by doubling copies; every row must still be the bias, for
 * any row length and count (a count that is not a power of two leaves a partial last copy).
 */
class FillRowsProperties {
  @Property
  void everyRowIsTheBias(@ForAll @IntRange(min = 1, max = 40) int length,
      @ForAll @IntRange(min = 0, max = 70) int rows) {
    double[] row = new double[length];
    float[] rowF32 = new float[length];
    for (int j = 0; j < length; j++) {
      row[j] = j + 0.25;
      rowF32[j] = j + 0.25f;
    }
    double[] expected = new double[rows * length];
    float[] expectedF32 = new float[rows * length];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(row, 0, expected, i * length, length);
      System.arraycopy(rowF32, 0, expectedF32, i * length, length);
    }
    double[] out = new double[rows * length];
    float[] outF32 = new float[rows * length];
    MatMulF64.fillRows(row, out);
    MatMulF32.fillRows(rowF32, outF32);
    assertArrayEquals(expected, out);
    assertArrayEquals(expectedF32, outF32);
  }
}
