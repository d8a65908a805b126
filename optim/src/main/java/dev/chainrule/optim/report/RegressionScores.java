package dev.chainrule.optim.report;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.Tensor;
import dev.chainrule.optim.data.Standardizer;
import dev.chainrule.optim.metrics.Metrics;
import dev.chainrule.optim.model.Problem;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A regression model's test scores in the target's own units: predictions and targets are taken
 * back through the target's standardisation first, so that RMSE and MAE say how far off a
 * prediction typically is in the label's units, and R² how much of the spread the model explains.
 *
 * @param rmse root mean squared error
 * @param mae mean absolute error
 * @param r2 the coefficient of determination; NaN when undefined (fewer than 2 test rows, or
 *     constant test targets)
 */
public record RegressionScores(double rmse, double mae, double r2) {

  /**
   * The scores of {@code predictions} (standardised, as the model gives them) on the test rows.
   *
   * @param problem the problem, with its test rows and the targets' standardisation
   * @param predictions the model's outputs for the test rows
   * @return the scores in the target's units
   */
  public static RegressionScores of(Problem problem, Tensor predictions) {
    checkNotNull(problem, "RegressionScores: problem is null");
    checkNotNull(predictions, "RegressionScores: predictions are null");
    Standardizer targets = problem.preparation().targets();
    Tensor truth = problem.test().labels();
    Tensor predicted = predictions;
    if (targets != null) {
      truth = targets.inverseTransform(truth);
      predicted = targets.inverseTransform(predicted);
    }
    return new RegressionScores(Metrics.rootMeanSquaredError(predicted, truth),
        Metrics.meanAbsoluteError(predicted, truth),
        truth.dim(0) >= 2 ? Metrics.rSquared(predicted, truth) : Double.NaN);
  }

  /**
   * The JSON fields {@code test_rmse}, {@code test_mae} and {@code test_r2}, in that order.
   *
   * @return the fields, ordered
   */
  public Map<String, Object> fields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("test_rmse", rmse);
    fields.put("test_mae", mae);
    fields.put("test_r2", r2);
    return fields;
  }
}
