package dev.chainrule.examples.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Why R² has no value, in predict's words: one scored row and constant targets are named, and
 * predictions that are not numbers (a NaN error) are not called constant targets.
 */
class PredictionScoresTextTest {
  private static String described(double rmse, double r2, int scored) {
    List<Map<String, Object>> rows = java.util.Collections.nCopies(scored, Map.of());
    return new Predictions(rows, Map.of("scored", scored, "rmse", rmse, "mae", rmse, "r2", r2),
        "price").describeScores();
  }

  @Test
  void r2WithoutAValueSaysWhyOnlyWhereTheReasonIsKnown() {
    assertEquals("RMSE 2.000, MAE 2.000 (in the units of price), R² 0.5000",
        described(2, 0.5, 3));
    assertEquals("RMSE 2.000, MAE 2.000 (in the units of price), R² undefined (one scored row)",
        described(2, Double.NaN, 1));
    assertEquals("RMSE 2.000, MAE 2.000 (in the units of price), R² undefined (constant"
        + " targets)", described(2, Double.NaN, 3));
    assertEquals("RMSE NaN, MAE NaN (in the units of price), R² undefined",
        described(Double.NaN, Double.NaN, 3));
  }
}
