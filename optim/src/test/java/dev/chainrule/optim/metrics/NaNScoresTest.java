package dev.chainrule.optim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.train.Evaluation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Scores holding NaN were counted as answers: argmax takes a NaN for the largest score and a row
 * of NaN for class 0, and NaN ≥ ½ is false, so a diverged model scored an accuracy of 1.0 below.
 * The metrics refuse such scores, naming the first row; the training loop's count takes their
 * rows as wrong. And a class index the scores have no column for was counted wrong without a
 * word, where the confusion matrix refuses it.
 */
class NaNScoresTest {
  private static final double NAN = Double.NaN;
  /** Rows 0 to 2 hold NaN where argmax answered 0, 1 and 2; row 3 is class 0, answered. */
  private static final Tensor SCORES = Tensor.of(new double[] {
      NAN, NAN, NAN,
      0, NAN, 1,
      0, 1, NAN,
      1, 1, 0}, 4, 3);
  private static final Tensor CLASSES = Tensor.vector(0, 1, 2, 0);

  private static void assertRefused(String message, Executable call) {
    String said = assertThrows(IllegalArgumentException.class, call).getMessage();
    assertEquals(message, said.substring(0, said.indexOf(':', said.indexOf(':') + 1)));
  }

  @Test
  void theMetricsRefuseScoresHoldingNaNNamingTheFirstRow() {
    assertRefused("accuracy: predictions [4, 3] hold NaN in row 0 (column 0)",
        () -> Metrics.accuracy(SCORES, CLASSES));
    assertRefused("accuracy: predictions [4, 3] hold NaN in row 0 (column 0)",
        () -> Metrics.accuracy(SCORES.to(DType.FLOAT32), CLASSES));
    assertRefused("confusion: predictions [3, 3] hold NaN in row 0 (column 1)",
        () -> Metrics.confusion(SCORES.slice(0, 1, 4), CLASSES.slice(0, 1, 4), 3));
    // Infinities are scores: +∞ is the largest.
    double inf = Double.POSITIVE_INFINITY;
    assertEquals(1.0, Metrics.accuracy(Tensor.of(new double[] {inf, 0, -inf, 1}, 2, 2),
        Tensor.vector(0, 1)));
  }

  /**
   * correctRows is the training loop's count and must not stop the run: it threw on NaN scores,
   * against its Javadoc; their rows now count as wrong, with targets as rows or as indices.
   */
  @Test
  void correctRowsCountsRowsOfNaNAsWrong() {
    Tensor oneHot = Tensor.of(new double[] {0, 1, 0, 0, 0, 1, 1, 0, 0}, 3, 3);
    // Rows 1 and 2 of SCORES hold NaN; row 3 ([1, 1, 0], argmax 0) is class 0, right.
    assertEquals(1, Metrics.correctRows(SCORES.slice(0, 1, 4), oneHot));
    assertEquals(1, Metrics.correctRows(SCORES.slice(0, 1, 4), CLASSES.slice(0, 1, 4)));
    assertEquals(1, Metrics.correctRows(SCORES, CLASSES));
    assertEquals(1, Metrics.correctRows(SCORES.to(DType.FLOAT32), CLASSES));
    assertEquals(0, Metrics.correctRows(SCORES.slice(0, 0, 1), CLASSES.slice(0, 0, 1)),
        "a row of NaN alone");
    // Its other refusals stand: a class index the scores have no column for.
    assertTrue(assertThrows(IllegalArgumentException.class,
            () -> Metrics.correctRows(SCORES, Tensor.vector(0, 1, 2, 7)))
        .getMessage().startsWith("accuracy: targets hold the class 7 at [0], but the predictions"
        + " [1, 3] have columns for classes 0 to 2 only: the two count"
        + " different classes"));
  }

  @Test
  void theTrainingCountTakesRowsOfNaNAsWrong() {
    // Before: 4 of 4, each NaN's place taken for the answer.
    assertEquals(1, Evaluation.correct(Loss.softmaxCrossEntropy(), SCORES, CLASSES));
    assertEquals(1, Evaluation.correct(Loss.softmaxCrossEntropy(), SCORES.to(DType.FLOAT32),
        CLASSES));
    Tensor probabilities = Tensor.of(new double[] {NAN, 0.9, 0.2}, 3, 1);
    Tensor binary = Tensor.of(new double[] {0, 1, 0}, 3, 1);
    // Before: 3 of 3, NaN ≥ ½ being false, class 0.
    assertEquals(2, Evaluation.correct(Loss.binaryCrossEntropy(), probabilities, binary));
    assertEquals(2, Evaluation.correct(Loss.binaryCrossEntropyWithLogits(),
        Tensor.of(new double[] {NAN, 3, -1}, 3, 1), binary));
    assertEquals(0, Evaluation.correct(Loss.softmaxCrossEntropy(), SCORES.slice(0, 0, 1),
        CLASSES.slice(0, 0, 1)), "a batch of NaN alone");
  }

  /**
   * A model answering NaN: the score's loss is NaN, as it was, and its accuracy counts no row
   * right (it was 2/3, the rows of class 0). Not refused: the trainer scores its validation data
   * so and then names a row of NaN in them, or goes on with a NaN validation loss.
   */
  @Test
  void aScoreOfNaNOutputsIsANaNLossAndNoRowRight() {
    Module answersNaN = new Module() {
      @Override
      public Variable forward(Variable x) {
        return x.mul(NAN);
      }
    };
    Dataset data = new Dataset(Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2),
        Tensor.vector(0, 0, 1));
    Evaluation.Score score = Evaluation.score(answersNaN, Loss.softmaxCrossEntropy(), data);
    assertEquals(NAN, score.loss());
    assertEquals(0.0, score.accuracy());
  }

  @Test
  void aClassIndexBeyondTheScoresColumnsIsRefused() {
    Tensor scores = Tensor.of(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, 3, 3);
    // Before: 2/3, row 2 counted wrong.
    assertEquals("accuracy: targets hold the class 5 at [2], but the predictions [3, 3] have"
        + " columns for classes 0 to 2 only: the two count different classes",
        assertThrows(IllegalArgumentException.class,
            () -> Metrics.accuracy(scores, Tensor.vector(0, 1, 5))).getMessage());
    assertEquals("accuracy: predictions hold the class 3 at [0], but the targets [3, 3] have"
        + " columns for classes 0 to 2 only: the two count different classes",
        assertThrows(IllegalArgumentException.class,
            () -> Metrics.accuracy(Tensor.vector(3, 1, 2), scores)).getMessage());
    String notAClass = assertThrows(IllegalArgumentException.class,
        () -> Metrics.accuracy(scores, Tensor.vector(0, 1, 2.5))).getMessage();
    assertEquals("accuracy: targets hold 2.5 at [2], not a class index (a whole number ≥ 0)",
        notAClass.substring(0, notAClass.indexOf(';')));
    assertEquals(1.0, Metrics.accuracy(scores, Tensor.vector(0, 1, 2)));
    assertEquals(2, Metrics.correctRows(scores, Tensor.vector(0, 1, 1)));
  }
}
