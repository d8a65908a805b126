package dev.chainrule.examples.run;

import dev.chainrule.core.Tensor;
import dev.chainrule.examples.cli.Console;
import dev.chainrule.optim.data.Standardizer;
import dev.chainrule.optim.metrics.Metrics;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A regression run's test scores in the target's own units (predictions and targets taken back
 * through the target's standardisation) besides the standardised loss: RMSE and MAE say how far
 * off a prediction typically is, R² how much of the spread the model explains.
 */
final class RegressionReport {
  private RegressionReport() {}

  /** Prints the scores and returns them as JSON fields: test_rmse, test_mae, test_r2. */
  static Map<String, Object> print(Problem problem, Tensor predictions, double standardisedMse,
      Console console) {
    Standardizer targets = problem.preparation().targets();
    Tensor truth = problem.test().labels();
    Tensor predicted = predictions;
    if (targets != null) {
      truth = targets.inverseTransform(truth);
      predicted = targets.inverseTransform(predicted);
    }
    double rmse = Metrics.rootMeanSquaredError(predicted, truth);
    double mae = Metrics.meanAbsoluteError(predicted, truth);
    double r2 = truth.dim(0) >= 2 ? Metrics.rSquared(predicted, truth) : Double.NaN;
    console.println(String.format(Locale.ROOT, "test RMSE %.4g, MAE %.4g (in the units of %s),"
            + " R² %s; mean squared error %.4g (targets standardised)", rmse, mae,
        problem.columns().label(), Double.isNaN(r2) ? "undefined (constant test targets)"
            : String.format(Locale.ROOT, "%.4f", r2), standardisedMse));
    Map<String, Object> scores = new LinkedHashMap<>();
    scores.put("test_rmse", rmse);
    scores.put("test_mae", mae);
    scores.put("test_r2", r2);
    return scores;
  }
}
