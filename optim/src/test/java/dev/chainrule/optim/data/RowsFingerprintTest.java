package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.chainrule.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * What a split's fingerprint tells apart: only the model package's tests used it, on data that
 * differed in features, so the shapes and the labels it hashes went unchecked.
 */
class RowsFingerprintTest {
  private static Dataset data(int rows, int columns, double... labels) {
    return new Dataset(Tensor.of(new double[] {1, 2, 3, 4, 5}, rows, columns),
        Tensor.vector(labels));
  }

  /**
   * Five values and one label, or four values and two labels: the same numbers in the same
   * order, which only the shapes hashed first tell apart.
   */
  @Test
  void theSameNumbersInOtherShapesAreOtherRows() {
    Dataset one = new Dataset(Tensor.of(new double[] {1, 2, 3, 4, 5}, 1, 5), Tensor.vector(6));
    Dataset two = new Dataset(Tensor.of(new double[] {1, 2, 3, 4}, 2, 2), Tensor.vector(5, 6));
    assertNotEquals(RowsFingerprint.of(one), RowsFingerprint.of(two));
    assertEquals(64, RowsFingerprint.of(one).length());
  }

  @Test
  void labelsAreHashedToo() {
    assertNotEquals(RowsFingerprint.of(data(1, 5, 0)), RowsFingerprint.of(data(1, 5, 1)));
    assertEquals(RowsFingerprint.of(data(1, 5, 1)), RowsFingerprint.of(data(1, 5, 1)));
  }
}
