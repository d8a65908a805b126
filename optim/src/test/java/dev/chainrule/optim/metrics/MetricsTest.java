package dev.chainrule.optim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
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
    // A count over a count in any type: float32 outputs used to give 4/6 rounded to float32.
    assertEquals(4.0 / 6, Metrics.accuracy(scores.to(DType.FLOAT32),
        Tensors.oneHot(TRUTH, 3).to(DType.FLOAT32)), 0, "exactly the float64 quotient");
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
    assertTrue(Double.isNaN(ConfusionMatrix.tally(Tensor.vector(0), Tensor.vector(0), 2)
        .precision(1)), "no sample predicted as 1: precision undefined");
    assertEquals("""
        true\\pred     a     b     c
                a     1     1     0
                b     1     2     0
                c     0     0     1""", m.format(List.of("a", "b", "c")));
  }

  /**
   * Probabilities given where class indices belong used to be compared with the labels as if they
   * were indices: 0.9, 0.2, 0.7 against 1, 0, 1 scored 0.0 without a word.
   */
  @Test
  void vectorsThatAreNotClassIndicesAreRefusedWithTheValueAndItsPosition() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Metrics.accuracy(Tensor.vector(0.9, 0.2, 0.7), Tensor.vector(1, 0, 1)));
    assertEquals("accuracy: predictions hold 0.9 at [0], not a class index (a whole number ≥ 0);"
        + " predictions as a vector are class indices: take the argmax of scores (or threshold"
        + " binary probabilities) first, or give the rows [N, K] to a Metrics function"
        + " (Metrics.confusion for the table)", e.getMessage());
    // The first offender is named, not merely the first element.
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> Metrics.accuracy(Tensor.vector(1, 0, 1), Tensor.vector(1, 0, -1))).getMessage()
        .startsWith("accuracy: targets hold -1.0 at [2], not a class index"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> Metrics.accuracy(Tensor.vector(1, Double.NaN), Tensor.vector(1, 0))).getMessage()
        .startsWith("accuracy: predictions hold NaN at [1]"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> Metrics.accuracy(Tensor.vector(0, Double.POSITIVE_INFINITY), Tensor.vector(1, 0)))
        .getMessage().startsWith("accuracy: predictions hold Infinity at [1]"));
    // Float32 indices are whole numbers too.
    assertEquals(0.5, Metrics.accuracy(Tensor.vector(1, 0).to(dev.chainrule.core.DType.FLOAT32),
        Tensor.vector(1, 1)));
  }

  @Test
  void aSingleColumnOfScoresIsRefusedForItsArgmaxIsAlwaysClassZero() {
    Tensor sigmoid = Tensor.matrix(new double[][] {{0.9}, {0.2}, {0.7}});
    assertEquals("accuracy: predictions [3, 1] have one column, whose argmax is always class 0:"
        + " give class indices as a vector [N] (threshold binary probabilities or logits first)",
        assertThrows(IllegalArgumentException.class,
            () -> Metrics.accuracy(sigmoid, Tensor.vector(1, 0, 1))).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> Metrics.confusion(Tensor.vector(1, 0, 1), sigmoid.ge(0.5), 2)).getMessage()
        .startsWith("confusion: targets [3, 1] have one column"));
    assertEquals(1.0, Metrics.accuracy(sigmoid.ge(0.5).reshape(3), Tensor.vector(1, 0, 1)),
        "thresholded into a vector, as the message says");
    // The training loop's count refuses them alike, targets of one column too: argmax would
    // have called every row class 0 and so every row right.
    Tensor column = Tensor.matrix(new double[][] {{1}, {0}, {0}});
    assertEquals("accuracy: predictions [3, 1] have one column, whose argmax is always class 0:"
        + " give class indices as a vector [N] (threshold binary probabilities or logits first)",
        assertThrows(IllegalArgumentException.class,
            () -> Metrics.correctRows(sigmoid, column)).getMessage());
  }

  @Test
  void theConfusionMatrixRefusesIndicesOutsideItsClasses() {
    assertEquals("confusion matrix: predictions hold 0.5 at [1], not a class index (a whole"
        + " number from 0 to 2); predictions as a vector are class indices: take the argmax of"
        + " scores (or threshold binary probabilities) first, or give the rows [N, K] to a"
        + " Metrics function (Metrics.confusion for the table)",
        assertThrows(IllegalArgumentException.class,
            () -> Metrics.confusion(Tensor.vector(0, 0.5), Tensor.vector(0, 1), 3)).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> ConfusionMatrix.tally(Tensor.vector(0, 1), Tensor.vector(0, 3), 3)).getMessage()
        .startsWith("confusion matrix: true classes hold the class 3 at [1], but the count of"
            + " classes is 3"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> ConfusionMatrix.tally(Tensor.vector(0), Tensor.vector(-1), 3)).getMessage()
        .startsWith("confusion matrix: true classes hold -1.0 at [0]"));
    assertEquals("confusion matrix: class count must be positive, got 0",
        assertThrows(IllegalArgumentException.class,
            () -> ConfusionMatrix.tally(Tensor.vector(0), Tensor.vector(0), 0)).getMessage());
  }

  @Test
  void regressionErrors() {
    Tensor p = Tensor.vector(1, 2, 4);
    Tensor y = Tensor.vector(1, 3, 2);
    assertEquals(5.0 / 3, Metrics.meanSquaredError(p, y), "(0 + 1 + 4)/3 rounds once: exact");
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
    assertEquals(0, Metrics.rSquared(Tensors.full(truth.shape(), 2.5), truth),
        "always the mean: 0, exactly, the residuals being the deviations");
    Tensor twoColumns = Tensor.matrix(new double[][] {{1, 5}, {3, 5}});
    assertTrue(Double.isNaN(Metrics.rSquared(twoColumns, twoColumns)),
        "a constant column leaves R² undefined");
    assertEquals("rSquared: needs targets of shape [N], [N, K] or [N, ...] with N >= 2, got [1, 1]",
        assertThrows(IllegalArgumentException.class,
            () -> Metrics.rSquared(Tensor.matrix(new double[][] {{1}}), Tensor.matrix(
                new double[][] {{1}}))).getMessage());
  }

  @Test
  void regressionScoresOfHugeAndTinyTargetsAreTheirSizeNotInfinityOrZero() {
    // The worked numbers of regressionScoresInTheTargetsUnits times 1e200 and 1e-200: squares
    // of 1e200 overflow float64 and of 1e-200 underflow it, and the program printed "RMSE
    // Infinity" with "R² undefined (constant test targets)" for targets of 1e305. Tolerance:
    // relative, a few roundings, as there.
    for (double unit : new double[] {1e200, 1e-200}) {
      Tensor truth = Tensor.vector(1, 2, 3, 4).mul(unit);
      Tensor predicted = Tensor.vector(1.5, 2, 2, 4).mul(unit);
      assertEquals(Math.sqrt(0.3125) * unit, Metrics.rootMeanSquaredError(predicted, truth),
          1e-15 * unit, "RMSE at " + unit);
      assertEquals(1.5 / 4 * unit, Metrics.meanAbsoluteError(predicted, truth), 1e-15 * unit,
          "MAE at " + unit);
      assertEquals(1 - 1.25 / 5, Metrics.rSquared(predicted, truth), 1e-15, "R² at " + unit);
    }
    // Targets near float64's largest: their mean's sum overflowed too.
    Tensor largest = Tensor.vector(1.7e308, -1.7e308, 1.7e308, -1.7e308);
    assertEquals(1, Metrics.rSquared(largest, largest), 0, "a perfect fit at any size");
    // float32, whose squares overflow from 1e20.
    Tensor truth32 = Tensor.vector(1, 2, 3, 4).mul(1e25).to(DType.FLOAT32);
    Tensor predicted32 = Tensor.vector(1.5, 2, 2, 4).mul(1e25).to(DType.FLOAT32);
    assertEquals(Math.sqrt(0.3125) * 1e25, Metrics.rootMeanSquaredError(predicted32, truth32),
        1e-6 * 1e25, "float32 RMSE, to float32's precision");
    // Four float32 ulps of 0.75 (6e-8 each): the sums and the ratio are float32 operations, and
    // float32's rounding of the inputs moves the exact R² to 0.75 − 5.2e-8 (measured 0.75).
    assertEquals(0.75, Metrics.rSquared(predicted32, truth32), 4 * Math.ulp(0.75f),
        "float32 R²");
    // The MSE is a double: 0.3125e50 fits it, where float32's square overflowed to infinity.
    assertEquals(0.3125 * 1e50, Metrics.meanSquaredError(predicted32, truth32), 1e-6 * 1e50,
        "float32 MSE, to float32's precision");
    // Columns of very different sizes are each scaled on their own.
    Tensor columns = Tensor.matrix(new double[][] {{1e300, 1e-300}, {2e300, 2e-300},
        {3e300, 3e-300}, {4e300, 4e-300}});
    Tensor guesses = Tensor.matrix(new double[][] {{1.5e300, 1.5e-300}, {2e300, 2e-300},
        {2e300, 2e-300}, {4e300, 4e-300}});
    assertEquals(0.75, Metrics.rSquared(guesses, columns), 1e-15, "both columns 0.75");
  }

  @Test
  void scalingLeavesOrdinaryFiguresUnchangedToTheBit() {
    // A power of two scales exactly: where nothing overflows, the scaled figures are the plain
    // formulas' own, which these spell out with the same tensor operations.
    Tensor truth = Tensor.vector(0.3, -1.7, 2.9, 4.1, -0.05, 12.5);
    Tensor predicted = Tensor.vector(0.1, -1.2, 3.3, 3.7, 0.4, 11.0);
    Tensor error = predicted.sub(truth);
    assertEquals(Math.sqrt(error.square().mean().item()),
        Metrics.rootMeanSquaredError(predicted, truth), 0);
    assertEquals(error.abs().mean().item(), Metrics.meanAbsoluteError(predicted, truth), 0);
    assertEquals(error.square().mean().item(), Metrics.meanSquaredError(predicted, truth), 0);
    double residual = truth.sub(predicted).square().sum().item();
    double spread = truth.sub(truth.mean()).square().sum().item();
    assertEquals(1 - residual / spread, Metrics.rSquared(predicted, truth), 0);
  }

  @Test
  void rSquaredTakesTheShapesItsSiblingsTake() {
    Tensor truth = Tensor.vector(1, 2, 3, 4);
    Tensor predicted = Tensor.vector(1.5, 2, 2, 4);
    // The worked numbers of regressionScoresInTheTargetsUnits, as a vector: one column. The same
    // operations on the same values: equal to the last bit.
    assertEquals(1 - 1.25 / 5, Metrics.rSquared(predicted, truth), 1e-15);
    assertEquals(Metrics.rSquared(predicted.reshape(4, 1), truth.reshape(4, 1)),
        Metrics.rSquared(predicted, truth), 0.0);
    // [N] against [N, 1] is refused, as its siblings refuse it, rather than broadcast to [N, N].
    assertEquals("rSquared: predictions [4] and targets [4, 1] differ",
        assertThrows(IllegalArgumentException.class,
            () -> Metrics.rSquared(predicted, truth.reshape(4, 1))).getMessage());
    assertEquals("meanSquaredError: predictions [4] and targets [4, 1] differ",
        assertThrows(IllegalArgumentException.class,
            () -> Metrics.meanSquaredError(predicted, truth.reshape(4, 1))).getMessage());
    // [N, 2, 1]: a column per element of a sample, as [N, 2].
    Tensor columns = Tensor.matrix(new double[][] {{1, 0}, {2, 4}, {3, 1}, {4, 3}});
    Tensor guesses = Tensor.matrix(new double[][] {{1.5, 1}, {2, 3}, {2, 1}, {4, 2}});
    assertEquals(Metrics.rSquared(guesses, columns),
        Metrics.rSquared(guesses.reshape(4, 2, 1), columns.reshape(4, 2, 1)), 0.0);
    assertEquals("rSquared: needs targets of shape [N], [N, K] or [N, ...] with N >= 2, got [1]",
        assertThrows(IllegalArgumentException.class,
            () -> Metrics.rSquared(Tensor.vector(1), Tensor.vector(1))).getMessage());
    assertEquals("rSquared: needs targets of shape [N], [N, K] or [N, ...] with N >= 2, got []",
        assertThrows(IllegalArgumentException.class,
            () -> Metrics.rSquared(Tensor.scalar(1), Tensor.scalar(1))).getMessage());
  }

  @Test
  void classesAreTheArgmaxOfScoreRowsOrTheIndicesThemselves() {
    // Predictions are not checked for ties (tied scores are an answer, the first class).
    assertEquals(Tensor.vector(1, 0, 0), Metrics.classes("m",
        Tensor.matrix(new double[][] {{0.1, 0.9}, {0.8, 0.2}, {0.5, 0.5}})));
    assertEquals(Tensor.vector(2, 0), Metrics.classes("m", Tensor.vector(2, 0)));
  }
}
