package dev.chainrule.nn.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the hand-derived references cannot answer, refused by name where they gave a number:
 * class indices that do not match the rows, probabilities at 0 or 1 (the engine clamps the
 * logarithm there, the reference does not), a threshold unit between layers, and perceptron inputs
 * whose net input is not a number.
 */
class ReferenceRefusalsTest {
  private static final Tensor X = Tensors.randn(Shape.of(5, 3), 7L);

  @Test
  void classIndicesMustNameOneClassPerRow() {
    List<DeltaRule.Layer> softmax = DeltaRule.layersOf(
        Sequential.of(Dense.of(3, 3, 1L), Activation.softmax()));
    for (Tensor indices : List.of(Tensor.vector(2), Tensor.vector(0, 2))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> DeltaRule.backprop(softmax, Loss.categoricalCrossEntropy(), X, indices));
      assertEquals("delta rule: output [5, 3] and class indices " + indices.shape()
          + " do not match: one index per row", e.getMessage());
    }
  }

  @Test
  void probabilitiesAtZeroOrOneAreRefusedWhereTheLossTakesTheirLogarithm() {
    // ReLU's zeros before binary cross-entropy: the reference's log(0) made the loss NaN.
    List<DeltaRule.Layer> relu = DeltaRule.layersOf(
        Sequential.of(Dense.of(3, 4, 1L), Activation.tanh(), Dense.of(4, 3, 2L),
            Activation.relu()));
    Tensor targets = Tensors.zeros(5, 3).add(1).mul(0.5);
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
        () -> DeltaRule.backprop(relu, Loss.binaryCrossEntropy(), X, targets));
    assertTrue(zero.getMessage().matches("delta rule: output at row \\d+, column \\d+ is 0\\.0,"
        + " below e\\^−100 = .*, where binary-cross-entropy \\(mean\\) takes its logarithm"
        + " against target 0\\.5: the engine clamps that logarithm there .*"), zero.getMessage());
    // A sigmoid saturated at exactly 1 (pre-activations of 100s): the fused δ = a − y is the
    // limit, where the engine's clamped logarithm gives another gradient.
    List<DeltaRule.Layer> saturated = List.of(new DeltaRule.Layer(
        Tensors.zeros(3, 3).add(100), Tensors.zeros(3), Activation.sigmoid()));
    Tensor ones = Tensors.ones(5, 3);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> DeltaRule.backprop(saturated,
            Loss.binaryCrossEntropy(), ones, Tensors.zeros(5, 3)))
        .getMessage().startsWith("delta rule: output at row 0, column 0 is 1.0, and 1 − p = 0.0 is"
        + " below e^−100 = " + Math.exp(-100) + ", where binary-cross-entropy"
        + " (mean) takes its logarithm "));
  }

  @Test
  void aThresholdUnitBetweenLayersIsRefusedWithItsPlace() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DeltaRule.layersOf(Sequential.of(Dense.of(3, 3, 1L), Activation.hardLimit(),
            Dense.of(3, 1, 2L))));
    assertTrue(e.getMessage().startsWith("delta rule: layer 1 is the threshold unit"),
        e.getMessage());
  }

  /**
   * A rate that carries θ past float64's range is refused, the bias first among the weights it
   * overflows (AND learns θ = [−3, 2, 1] at rate 1, so 1e308 overflows the bias and the first
   * weight); and a bad target is refused in the first row as in any other.
   */
  @Test
  void perceptronRatesPastTheRangeAndABadFirstTargetAreRefused() {
    Tensor and = Tensor.of(new double[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2);
    Tensor targets = Tensor.vector(0, 0, 0, 1);
    assertEquals(Tensor.vector(-3, 2, 1), Perceptron.train(and, targets, 1, 50).unscaled());
    IllegalArgumentException rate = assertThrows(IllegalArgumentException.class,
        () -> Perceptron.train(and, targets, 1e308, 50));
    assertTrue(rate.getMessage().startsWith("perceptron: the learning rate 1.0E308 overflows the"
        + " weights "), rate.getMessage());
    IllegalArgumentException first = assertThrows(IllegalArgumentException.class,
        () -> Perceptron.train(and, Tensor.vector(-1, 0, 0, 1), 1, 50));
    assertEquals("perceptron: target -1.0 at [0] is not 0 or 1", first.getMessage());
  }

  @Test
  void perceptronInputsWhoseNetInputIsNoNumberAreRefused() {
    Tensor and = Tensor.of(new double[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2);
    IllegalArgumentException overflow = assertThrows(IllegalArgumentException.class,
        () -> Perceptron.train(and.mul(1e200), Tensor.vector(0, 0, 0, 1), 1, 50));
    // Epoch 1 leaves θ = [0, 1e200, 1e200]; epoch 2's first error makes the bias −1, and row 1's
    // θ·x = −1 + 1e200·1e200 passes float64's range.
    assertEquals("perceptron: the net input θ·x of row 1 overflowed to Infinity in epoch 2"
        + " (inputs of magnitude up to 1.0E200); scale the inputs down", overflow.getMessage());
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> Perceptron.predict(Tensor.vector(0, 1, 1),
            Tensor.of(new double[] {Double.NaN, 0}, 1, 2)));
    assertEquals("perceptron: input NaN at [0, 0] is not a finite number", nan.getMessage());
  }
}
