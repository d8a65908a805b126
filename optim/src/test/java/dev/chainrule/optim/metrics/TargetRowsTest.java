package dev.chainrule.optim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.Tensor;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.train.Evaluation;
import org.junit.jupiter.api.Test;

/**
 * Target rows whose argmax names no class are refused: a row of zeros was scored as class 0, so
 * a model answering 0 for a sample without a class counted as right.
 */
class TargetRowsTest {
  private static final Tensor SCORES = Tensor.of(new double[] {
      0.9, 0.05, 0.05,
      0.1, 0.8, 0.1,
      0.7, 0.2, 0.1}, 3, 3);

  private static Tensor targets(double... row2) {
    double[] rows = {1, 0, 0, 0, 1, 0, row2[0], row2[1], row2[2]};
    return Tensor.of(rows, 3, 3);
  }

  @Test
  void aRowOfZerosAMultiHotRowAndNaNNameNoClass() {
    // Before: accuracy 1.0, the zero row taken as class 0, which the scores answer.
    assertEquals("accuracy: target row 2 of [3, 3] names no one class: its largest entry, 0.0,"
        + " is not above 0; one-hot or soft target rows have a largest entry above 0,"
        + " and one only if it is 1 (leave out samples without a class, or give class indices as"
        + " a vector [N])",
        assertThrows(IllegalArgumentException.class,
            () -> Metrics.accuracy(SCORES, targets(0, 0, 0))).getMessage());
    String multiHot = assertThrows(IllegalArgumentException.class,
        () -> Metrics.confusion(SCORES, targets(1, 1, 0), 3)).getMessage();
    assertEquals("confusion: target row 2 of [3, 3] names no one class: its largest entry, 1.0,"
        + " is in 2 of its 3 places", multiHot.substring(0, multiHot.indexOf(';')));
    String nan = assertThrows(IllegalArgumentException.class,
        () -> Metrics.accuracy(SCORES, targets(Double.NaN, 1, 0))).getMessage();
    assertEquals("accuracy: target row 2 of [3, 3] names no one class: it holds NaN",
        nan.substring(0, nan.indexOf(';')));
  }

  @Test
  void negativeRowsAreToldApartFromTies() {
    String logits = assertThrows(IllegalArgumentException.class,
        () -> Metrics.accuracy(SCORES, targets(-1, -2, -3))).getMessage();
    assertEquals("accuracy: target row 2 of [3, 3] names no one class: its largest entry, -1.0,"
        + " is not above 0", logits.substring(0, logits.indexOf(';')));
  }

  /**
   * The training loop's count takes a masked row (zeros) as not correct, where accuracy refuses
   * it: a loss of one's own may mask samples so, and a count kept while training must not stop
   * the run. Rows 0 and 1 are right; row 2, answered as class 0, is a row of zeros.
   */
  @Test
  void theTrainingCountTakesAMaskedRowAsWrong() {
    assertEquals(2, Metrics.correctRows(SCORES, targets(0, 0, 0)));
    assertEquals(3, Metrics.correctRows(SCORES, targets(1, 0, 0)));
    assertEquals(2, Evaluation.correct(Loss.softmaxCrossEntropy(), SCORES, targets(0, 0, 0)));
    assertEquals(2, Metrics.correctRows(SCORES, Tensor.vector(0, 1, 1)), "class indices");
  }

  /**
   * Soft rows keep their class, tied probabilities argmax's first (the losses take such rows, and
   * training scores its batches with this), and tied scores in the predictions are an answer.
   */
  @Test
  void softTargetsAndTiedPredictionsAreTaken() {
    assertEquals(1.0, Metrics.accuracy(SCORES, targets(0.8, 0.1, 0.1)));
    assertEquals(1.0, Metrics.accuracy(SCORES, targets(0.5, 0.5, 0)));
    Tensor tied = Tensor.of(new double[] {0.5, 0.5, 0, 0, 1, 0, 1, 0, 0}, 3, 3);
    assertEquals(1.0, Metrics.accuracy(tied, targets(1, 0, 0)));
    // No rows were 0 / 0 = NaN here, as NumPy's mean of nothing; refused now, as the losses,
    // the trainer and scikit-learn's accuracy_score refuse them (EmptyMetricsTest).
    assertEquals("accuracy: predictions [0, 3] and targets [0, 3] hold no rows; the share of none"
        + " classified correctly would be 0/0 = NaN",
        assertThrows(IllegalArgumentException.class, () -> Metrics.accuracy(
            Tensor.of(new double[0], 0, 3), Tensor.of(new double[0], 0, 3))).getMessage());
  }
}
