package dev.chainrule.optim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The confusion table's layout at its edges, and the metrics' shape checks by name. */
class ConfusionEdgesTest {
  private static final ConfusionMatrix SMALL = ConfusionMatrix.of(Tensor.vector(0, 1, 2, 2),
      Tensor.vector(0, 2, 2, 1), 3);

  @Test
  void missingNamesFallBackToIndices() {
    assertEquals(String.join("\n",
        "true\\pred     a     1     2",
        "        a     1     0     0",
        "        1     0     0     1",
        "        2     0     1     1"), SMALL.format(List.of("a")));
    assertEquals(SMALL.format(null), SMALL.toString());
    assertEquals(String.join("\n",
        "true\\pred     0     1     2",
        "        0     1     0     0",
        "        1     0     0     1",
        "        2     0     1     1"), SMALL.toString());
  }

  /** A class outside the matrix is named as such, not as an index of its table. */
  @Test
  void aClassOutsideTheMatrixIsNamed() {
    assertEquals("precision: class 3 is not one of the matrix's 3 classes (0 to 2)",
        assertThrows(IllegalArgumentException.class, () -> SMALL.precision(3)).getMessage());
    assertEquals("recall: class -1 is not one of the matrix's 3 classes (0 to 2)",
        assertThrows(IllegalArgumentException.class, () -> SMALL.recall(-1)).getMessage());
    assertEquals("f1: class 3 is not one of the matrix's 3 classes (0 to 2)",
        assertThrows(IllegalArgumentException.class, () -> SMALL.f1(3)).getMessage());
  }

  /** A count wider than five digits widens every column (by default five, plus a space). */
  @Test
  void wideCountsWidenTheColumns() {
    ConfusionMatrix big = ConfusionMatrix.of(Tensors.zeros(123_456), Tensors.zeros(123_456), 2);
    assertEquals(String.join("\n",
        "true\\pred      0      1",
        "        0 123456      0",
        "        1      0      0"), big.toString());
  }

  @Test
  void shapesAreCheckedByName() {
    assertEquals("confusion matrix: true classes [3] and predictions [2] must be vectors of one "
        + "length", assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(
            Tensor.vector(0, 1, 1), Tensor.vector(0, 1), 2)).getMessage());
    assertEquals("accuracy: [3] predictions for [2] targets",
        assertThrows(IllegalArgumentException.class,
            () -> Metrics.accuracy(Tensor.vector(0, 1, 1), Tensor.vector(0, 1))).getMessage());
    assertEquals("accuracy: expected class indices [N] or rows of scores [N, K], got [2, 2, 2]",
        assertThrows(IllegalArgumentException.class,
            () -> Metrics.accuracy(Tensors.zeros(2, 2, 2), Tensor.vector(0, 1))).getMessage());
  }
}
