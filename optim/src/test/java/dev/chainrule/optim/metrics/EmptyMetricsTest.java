package dev.chainrule.optim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import org.junit.jupiter.api.Test;

/**
 * The averaging metrics returned NaN without a word for tensors holding no values, where their
 * neighbours (rSquared, the losses, the trainer) and scikit-learn refuse them.
 */
class EmptyMetricsTest {
  @Test
  void errorMetricsRefuseTensorsWithNoValuesNamingTheMetricAndTheShape() {
    assertEquals("meanSquaredError: predictions [0] hold no values to average (the mean of none"
        + " is 0/0 = NaN)", assertThrows(IllegalArgumentException.class,
            () -> Metrics.meanSquaredError(Tensors.zeros(0), Tensors.zeros(0))).getMessage());
    assertEquals("meanAbsoluteError: predictions [0, 2] hold no values to average (the mean of"
        + " none is 0/0 = NaN)", assertThrows(IllegalArgumentException.class,
            () -> Metrics.meanAbsoluteError(Tensors.zeros(0, 2), Tensors.zeros(0, 2)))
            .getMessage());
    // Rows without columns hold no values either.
    assertEquals("rootMeanSquaredError: predictions [3, 0] hold no values to average (the mean"
        + " of none is 0/0 = NaN)", assertThrows(IllegalArgumentException.class,
            () -> Metrics.rootMeanSquaredError(Tensors.zeros(3, 0), Tensors.zeros(3, 0)))
            .getMessage());
  }

  @Test
  void accuracyRefusesNoRowsAfterTheShapeChecks() {
    assertEquals("accuracy: predictions [0, 3] and targets [0] hold no rows; the share of none"
        + " classified correctly would be 0/0 = NaN", assertThrows(IllegalArgumentException.class,
            () -> Metrics.accuracy(Tensors.zeros(0, 3), Tensors.zeros(0))).getMessage());
    // Shapes that do not fit are told as before, not as a lack of rows.
    assertEquals("accuracy: [0] predictions for [2] targets",
        assertThrows(IllegalArgumentException.class,
            () -> Metrics.accuracy(Tensors.zeros(0), Tensors.zeros(2))).getMessage());
  }

  @Test
  void correctRowsCountsNoneOfNoRows() {
    // The training loop's count: no rows are no correct rows, not a refusal.
    assertEquals(0, Metrics.correctRows(Tensors.zeros(0, 3), Tensors.zeros(0)));
    assertEquals(0, Metrics.correctRows(Tensors.zeros(0, 3), Tensors.zeros(0, 3)));
    // and rows are counted as before, now without going through accuracy's mean
    assertEquals(2, Metrics.correctRows(Tensor.matrix(new double[][] {{1, 0}, {0, 1}, {1, 0}}),
        Tensor.vector(0, 1, 1)));
  }
}
