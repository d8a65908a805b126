package dev.chainrule.examples.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * predict's line of scores. Why R² has no value: one scored row and constant targets are named,
 * and predictions that are not numbers (a NaN error) are not called constant targets. Accuracy
 * counts the rows scored and the rows without a label.
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
    // Two rows have a spread; without one they are alike, not one row.
    assertEquals("RMSE 2.000, MAE 2.000 (in the units of price), R² undefined (constant"
        + " targets)", described(2, Double.NaN, 2));
    assertEquals("RMSE NaN, MAE NaN (in the units of price), R² undefined",
        described(Double.NaN, Double.NaN, 3));
  }

  private static String accuracy(int rows, int scored, double accuracy, long correct) {
    List<Map<String, Object>> all = java.util.Collections.nCopies(rows, Map.of());
    return new Predictions(all, Map.of("scored", scored, "accuracy", accuracy, "correct",
        correct), "species").describeScores();
  }

  @Test
  void accuracySaysHowManyRowsItCountedAndHowManyItCouldNot() {
    assertEquals("accuracy 0.9733 (146 of 150)", accuracy(150, 150, 146 / 150.0, 146));
    assertEquals("accuracy 0.6667 (2 of 3); 1 row without a label not scored",
        accuracy(4, 3, 2 / 3.0, 2));
    assertEquals("accuracy 0.5000 (1 of 2); 1,998 rows without a label not scored",
        accuracy(2_000, 2, 0.5, 1));
  }

  @Test
  void rowsWithoutAnyLabelAreSaidToBePredictedNotScored() {
    assertEquals("note: the row has no label (column \"species\" is empty, NA or infinite): it is"
        + " predicted, not scored", accuracy(1, 0, Double.NaN, 0));
    assertEquals("note: none of the 1,500 rows has a label (column \"species\" is empty, NA or"
        + " infinite): they are predicted, not scored", accuracy(1_500, 0, Double.NaN, 0));
  }
}
