package dev.chainrule.examples.run;

import dev.chainrule.core.Tensor;
import dev.chainrule.examples.cli.Console;
import dev.chainrule.optim.model.Problem;
import dev.chainrule.optim.report.RegressionScores;
import java.util.Locale;
import java.util.Map;

/**
 * A regression run's test scores in the target's own units ({@link RegressionScores}) besides the
 * standardised loss.
 */
final class RegressionReport {
  private RegressionReport() {}

  /** Prints the scores and returns them as JSON fields: test_rmse, test_mae, test_r2. */
  static Map<String, Object> print(Problem problem, Tensor predictions, double standardisedMse,
      Console console) {
    RegressionScores scores = RegressionScores.of(problem, predictions);
    double r2 = scores.r2();
    console.println(String.format(Locale.ROOT, "test RMSE %.4g, MAE %.4g (in the units of %s),"
            + " R² %s; mean squared error %.4g (targets standardised)", scores.rmse(),
        scores.mae(), problem.columns().label(), Double.isNaN(r2)
            ? "undefined (constant test targets)" : String.format(Locale.ROOT, "%.4f", r2),
        standardisedMse));
    return scores.fields();
  }
}
