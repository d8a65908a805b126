package dev.chainrule.optim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {
  private static final Tensor TRUTH = Tensor.vector(0, 0, 1, 1, 1, 2);
  private static final Tensor PREDICTED = Tensor.vector(0, 1, 1, 1, 0, 2);

  @Test
  void accuracyFromIndicesScoresAndOneHot() {
    assertEquals(4.0 / 6, Metrics.accuracy(PREDICTED, TRUTH));
    Tensor scores = Tensors.oneHot(PREDICTED, 3).mul(0.8).add(0.05);
    assertEquals(4.0 / 6, Metrics.accuracy(scores, Tensors.oneHot(TRUTH, 3)));
  }

  @Test
  void confusionMatrixAndPerClassScores() {
    ConfusionMatrix m = Metrics.confusion(PREDICTED, TRUTH, 3);
    assertEquals(Tensor.matrix(new double[][] {{1, 1, 0}, {1, 2, 0}, {0, 0, 1}}), m.counts());
    assertEquals(6, m.total());
    assertEquals(4.0 / 6, m.accuracy());
    assertEquals(0.5, m.precision(0));   // predicted 0: samples 0 and 4, one right
    assertEquals(0.5, m.recall(0));      // class 0: samples 0 and 1, one found
    assertEquals(2.0 / 3, m.precision(1));
    assertEquals(2.0 / 3, m.recall(1));
    assertEquals(2.0 / 3, m.f1(1), 1e-15);
    assertEquals(1, m.f1(2));
    List<ConfusionMatrix.ClassScores> scores = m.perClass();
    assertEquals(3, scores.get(1).support());
    assertTrue(Double.isNaN(ConfusionMatrix.of(Tensor.vector(0), Tensor.vector(0), 2)
        .precision(1)), "no sample predicted as 1: precision undefined");
    assertEquals("""
        true\\pred     a     b     c
                a     1     1     0
                b     1     2     0
                c     0     0     1""", m.format(List.of("a", "b", "c")));
  }

  @Test
  void regressionErrors() {
    Tensor p = Tensor.vector(1, 2, 4);
    Tensor y = Tensor.vector(1, 3, 2);
    assertEquals(5.0 / 3, Metrics.meanSquaredError(p, y), 1e-15);
    assertEquals(1, Metrics.meanAbsoluteError(p, y));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Metrics.meanSquaredError(p, Tensors.ones(2)));
    assertEquals("meanSquaredError: predictions [3] and targets [2] differ", e.getMessage());
  }

  @Test
  void regressionScoresInTheTargetsUnits() {
    Tensor truth = Tensor.matrix(new double[][] {{1}, {2}, {3}, {4}});
    Tensor predicted = Tensor.matrix(new double[][] {{1.5}, {2}, {2}, {4}});
    // Errors 0.5, 0, 1, 0: MSE 1.25 / 4, MAE 1.5 / 4; spread Σ(y − 2.5)² = 5. Tolerance: a few
    // roundings of numbers near 1.
    assertEquals(Math.sqrt(0.3125), Metrics.rootMeanSquaredError(predicted, truth), 1e-15);
    assertEquals(1.5 / 4, Metrics.meanAbsoluteError(predicted, truth), 1e-15);
    assertEquals(1 - 1.25 / 5, Metrics.rSquared(predicted, truth), 1e-15);
    assertEquals(0, Metrics.rSquared(Tensors.full(truth.shape(), 2.5), truth), 1e-15,
        "always the mean: 0");
    Tensor twoColumns = Tensor.matrix(new double[][] {{1, 5}, {3, 5}});
    assertTrue(Double.isNaN(Metrics.rSquared(twoColumns, twoColumns)),
        "a constant column leaves R² undefined");
    assertThrows(IllegalArgumentException.class,
        () -> Metrics.rSquared(Tensor.matrix(new double[][] {{1}}), Tensor.matrix(
            new double[][] {{1}})));
  }
}
