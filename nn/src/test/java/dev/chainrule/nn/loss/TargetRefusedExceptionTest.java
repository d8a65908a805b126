package dev.chainrule.nn.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The losses' refusals of a target carry its position, for a training loop to name its data
 * set's row (messageAt) without parsing the message, which is unchanged.
 */
class TargetRefusedExceptionTest {
  private static final Tensor LOGITS =
      Tensor.matrix(new double[][] {{0.3, -1.2, 2}, {1.5, 0.2, -0.7}, {0, 1, 2}});

  @Test
  void aClassIndexRefusalGivesItsPositionAndTakesAnotherPlace() {
    TargetRefusedException e = refusal(Loss.softmaxCrossEntropy(), LOGITS,
        Tensor.vector(0, 2, 5));
    assertEquals("softmaxCrossEntropy: target 5.0 at [2] is not a class index for 3 classes"
        + " (whole numbers 0 to 2)", e.getMessage());
    assertArrayEquals(new int[] {2}, e.position());
    assertEquals("softmaxCrossEntropy: target 5.0 at row 77 of the data is not a class index"
        + " for 3 classes (whole numbers 0 to 2)", e.messageAt("row 77 of the data"));
  }

  @Test
  void aRowThatIsNoDistributionGivesTheRowsPosition() {
    Tensor rows = Tensor.matrix(new double[][] {{1, 0, 0}, {0, 1, 1}, {0, 0, 1}});
    TargetRefusedException e = refusal(Loss.softmaxCrossEntropy(), LOGITS, rows);
    assertEquals("softmaxCrossEntropy: target row [1] sums to 2.0, not 1: target rows are"
        + " one-hot or soft probabilities (within 1.0E-4)", e.getMessage());
    assertArrayEquals(new int[] {1}, e.position());
    assertEquals("softmaxCrossEntropy: target row 9 of the data sums to 2.0, not 1: target rows"
        + " are one-hot or soft probabilities (within 1.0E-4)", e.messageAt("row 9 of the data"));
  }

  @Test
  void aBinaryTargetOutsideZeroToOneGivesItsRowAndColumn() {
    TargetRefusedException e = refusal(Loss.binaryCrossEntropyWithLogits(),
        Tensor.matrix(new double[][] {{0.1, 0.2}, {0.3, 0.4}}),
        Tensor.matrix(new double[][] {{0, 1}, {-0.5, 1}}));
    assertEquals("binaryCrossEntropyWithLogits: target -0.5 at [1, 0] is not a probability in"
        + " [0, 1]", e.getMessage());
    assertArrayEquals(new int[] {1, 0}, e.position());
  }

  private static TargetRefusedException refusal(Loss loss, Tensor prediction, Tensor target) {
    return assertThrows(TargetRefusedException.class,
        () -> loss.compute(Variable.constant(prediction), target));
  }
}
