package dev.chainrule.optim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The confusion table's layout at its edges, and the metrics' shape checks by name. */
class ConfusionEdgesTest {
  private static final ConfusionMatrix SMALL = ConfusionMatrix.tally(Tensor.vector(0, 2, 2, 1),
      Tensor.vector(0, 1, 2, 2), 3);

  @Test
  void namesAreOnePerClassOrNoneForTheIndices() {
    // A table half names, half indices (it was drawn so) hides which name is missing.
    assertEquals("confusion matrix: 1 class names for 3 classes (or a null name): [a]",
        assertThrows(IllegalArgumentException.class, () -> SMALL.format(List.of("a")))
            .getMessage());
    assertEquals("confusion matrix: 3 class names for 3 classes (or a null name): [a, null, c]",
        assertThrows(IllegalArgumentException.class,
            () -> SMALL.format(java.util.Arrays.asList("a", null, "c"))).getMessage());
    assertEquals(SMALL.format(null), SMALL.toString());
    assertEquals(String.join("\n",
        "true\\pred     0     1     2",
        "        0     1     0     0",
        "        1     0     0     1",
        "        2     0     1     1"), SMALL.toString());
  }

  @Test
  void countsAreWholeNumbersAndF1IsDefinedWherePrecisionIsNot() {
    assertEquals("confusion matrix: count NaN at [0, 0] is not a whole number >= 0",
        assertThrows(IllegalArgumentException.class, () -> new ConfusionMatrix(Tensor.of(
            new double[] {Double.NaN, 0.4, -1, 2.6}, 2, 2))).getMessage());
    // Class 1 is never predicted: precision 0/0, recall 0, F1 = 2·0 / (0 + 1) = 0 (scikit-learn).
    ConfusionMatrix never = Metrics.confusion(Tensor.vector(0, 0, 0), Tensor.vector(0, 0, 1), 2);
    assertEquals(Double.NaN, never.precision(1));
    assertEquals(0.0, never.f1(1));
    // A class neither present nor predicted has no F1.
    assertEquals(Double.NaN, Metrics.confusion(Tensor.vector(0, 0), Tensor.vector(0, 0), 2).f1(1));
  }

  /**
   * A class of the count that no true row holds is not present, even when predicted, and has
   * no recall to average.
   */
  @Test
  void aClassWithoutTrueRowsIsNotPresent() {
    ConfusionMatrix unseen = ConfusionMatrix.tally(Tensor.vector(0, 2, 0, 1),
        Tensor.vector(0, 1, 1, 0), 3);
    assertEquals(2, unseen.presentClasses());
    // Recalls 1/2 and 0 averaged over the present classes only: exact in binary, so no tolerance.
    assertEquals(0.25, unseen.balancedAccuracy(), 0);
    assertEquals(3, SMALL.presentClasses());
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
    ConfusionMatrix big = ConfusionMatrix.tally(Tensors.zeros(123_456), Tensors.zeros(123_456), 2);
    assertEquals(String.join("\n",
        "true\\pred      0      1",
        "        0 123456      0",
        "        1      0      0"), big.toString());
  }

  @Test
  void shapesAreCheckedByName() {
    assertEquals("confusion matrix: true classes [3] and predictions [2] must be vectors of one "
        + "length", assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.tally(
            Tensor.vector(0, 1), Tensor.vector(0, 1, 1), 2)).getMessage());
    assertEquals("accuracy: [3] predictions for [2] targets",
        assertThrows(IllegalArgumentException.class,
            () -> Metrics.accuracy(Tensor.vector(0, 1, 1), Tensor.vector(0, 1))).getMessage());
    assertEquals("accuracy: expected class indices [N] or rows of scores [N, K], got [2, 2, 2]",
        assertThrows(IllegalArgumentException.class,
            () -> Metrics.accuracy(Tensors.zeros(2, 2, 2), Tensor.vector(0, 1))).getMessage());
    // Rows of 3 scores against one-hot rows of 2 classes: each argmax fits, the counts do not.
    assertEquals("accuracy: predictions [2, 3] and targets [2, 2] have different numbers of"
        + " classes", assertThrows(IllegalArgumentException.class, () -> Metrics.accuracy(
            Tensor.of(new double[] {.1, .9, 0, .9, .1, 0}, 2, 3),
            Tensor.of(new double[] {0, 1, 1, 0}, 2, 2))).getMessage());
    assertEquals("confusion matrix: predictions [2, 4] have 4 columns, not one per class of 2",
        assertThrows(IllegalArgumentException.class, () -> Metrics.confusion(
            Tensor.of(new double[] {0, 0, 0, 1, 1, 0, 0, 0}, 2, 4), Tensor.vector(0, 1), 2))
            .getMessage());
  }

  @Test
  void rSquaredOfConstantTargetsIsUndefinedEvenWhenTheirMeanRounds() {
    // mean(0.1, 0.1, 0.1) is 0.10000000000000002: the spread was 1e-34, and R² −5.2e31.
    assertEquals(Double.NaN, Metrics.rSquared(Tensor.vector(0.2, 0.2, 0.2),
        Tensor.vector(0.1, 0.1, 0.1)));
  }
}
