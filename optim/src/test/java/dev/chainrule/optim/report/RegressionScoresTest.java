package dev.chainrule.optim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.data.Standardizer;
import dev.chainrule.optim.model.Problem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Regression scores come in the target's own units, with R² only where it is defined. */
class RegressionScoresTest {
  private static Problem problem(Tensor testLabels, Standardizer targets) {
    Dataset test = new Dataset(Tensor.matrix(new double[testLabels.dim(0)][1]), testLabels);
    return new Problem("regression", test, test, List.of(), true,
        new Problem.Columns(List.of("x"), "y"), new Problem.Preparation(null, targets, null));
  }

  private static final Tensor LABELS = Tensor.matrix(new double[][] {{0}, {1}});
  private static final Tensor PREDICTIONS = Tensor.matrix(new double[][] {{0.5}, {1}});

  @Test
  void scoresAreTakenBackThroughTheTargetsStandardisation() {
    // Mean 10, scale 2: truth 10 and 12, predictions 11 and 12, errors 1 and 0; R² = 1 − 1/2.
    RegressionScores scores = RegressionScores.of(problem(LABELS,
        new Standardizer(Tensor.vector(10), Tensor.vector(2))), PREDICTIONS);
    // A few roundings in a mean of two terms: 1e-15 is a few ulps of these values.
    assertEquals(Math.sqrt(0.5), scores.rmse(), 1e-15);
    assertEquals(0.5, scores.mae(), 1e-15);
    assertEquals(0.5, scores.r2(), 1e-15);
    assertEquals(List.of("test_rmse", "test_mae", "test_r2"),
        List.copyOf(scores.fields().keySet()));
    assertEquals(Map.of("test_rmse", scores.rmse(), "test_mae", 0.5, "test_r2", scores.r2()),
        scores.fields());
  }

  @Test
  void withoutAStandardisationTheModelsUnitsAreTheTargets() {
    RegressionScores scores = RegressionScores.of(problem(LABELS, null), PREDICTIONS);
    // Exact without a standardisation to undo: errors 0.5 and 0, their squares and means short
    // binary fractions, and one square root on either side.
    assertEquals(Math.sqrt(0.125), scores.rmse());
    assertEquals(0.25, scores.mae());
    assertEquals(0.5, scores.r2(), "1 − 0.25/0.5");
  }

  @Test
  void oneTestRowHasNoR2() {
    RegressionScores scores = RegressionScores.of(problem(Tensor.matrix(new double[][] {{3}}),
        null), Tensor.matrix(new double[][] {{1}}));
    assertEquals(2, scores.rmse(), 0);
    assertTrue(Double.isNaN(scores.r2()), "R² needs at least two rows");
  }
}
