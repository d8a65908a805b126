package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.Tensor;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The first row holding a NaN or an infinity, at the edges of its search: the very first value of
 * the features or the targets, and a target row of several values (the Spark trainer's shards
 * give their first row's number, the trainer 0).
 */
class NonFiniteRowsTest {
  private static final Tensor FINITE = Tensor.matrix(new double[][] {{1, 2}, {3, 4}, {5, 6}});

  @Test
  void theFirstFeatureOfTheFirstRowIsFound() {
    Tensor x = Tensor.matrix(new double[][] {{Double.NaN, 2}, {3, 4}, {5, 6}});
    assertEquals(Optional.of(new NonFiniteRows.Row(0, "row 0 of the training data holds NaN"
        + " (feature 0)")), NonFiniteRows.first(new Dataset(x, Tensor.vector(0, 1, 0)), 0));
    assertEquals(Optional.of(new NonFiniteRows.Row(100, "row 100 of the training data holds NaN"
        + " (feature 0)")), NonFiniteRows.first(new Dataset(x, Tensor.vector(0, 1, 0)), 100));
  }

  @Test
  void theFirstTargetIsFoundWhenTheFeaturesAreFinite() {
    assertEquals(Optional.of(new NonFiniteRows.Row(0, "row 0 of the training data has the target"
            + " Infinity")),
        NonFiniteRows.first(new Dataset(FINITE,
            Tensor.matrix(new double[][] {{Double.POSITIVE_INFINITY}, {1}, {0}})), 0));
  }

  @Test
  void aTargetRowOfSeveralValuesIsNumberedByRow() {
    // Flat index 5 of targets [3, 2] is row 2 (5 / 2), not row 10 (5 · 2).
    Tensor y = Tensor.matrix(new double[][] {{1, 0}, {0, 1}, {1, Double.NEGATIVE_INFINITY}});
    assertEquals(Optional.of(new NonFiniteRows.Row(2, "row 2 of the training data has the target"
        + " -Infinity")), NonFiniteRows.first(new Dataset(FINITE, y), 0));
    assertEquals(Optional.empty(), NonFiniteRows.first(new Dataset(FINITE, FINITE), 0));
  }

  @Test
  void aValueInALaterRowAndColumnIsNumberedByBoth() {
    // Row 2, feature 1 of rows of 3 features: flat index 7.
    Tensor x = Tensor.matrix(new double[][] {{1, 2, 3}, {4, 5, 6}, {7, Double.NaN, 9}});
    assertEquals(Optional.of(new NonFiniteRows.Row(12, "row 12 of the training data holds NaN"
        + " (feature 1)")), NonFiniteRows.first(new Dataset(x, Tensor.vector(0, 1, 0)), 10));
  }
}
