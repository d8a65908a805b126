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

  @Test
  void perceptronInputsWhoseNetInputIsNoNumberAreRefused() {
    Tensor and = Tensor.of(new double[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2);
    IllegalArgumentException overflow = assertThrows(IllegalArgumentException.class,
        () -> Perceptron.train(and.mul(1e200), Tensor.vector(0, 0, 0, 1), 1, 50));
    assertTrue(overflow.getMessage().contains("overflowed to"), overflow.getMessage());
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> Perceptron.predict(Tensor.vector(0, 1, 1),
            Tensor.of(new double[] {Double.NaN, 0}, 1, 2)));
    assertEquals("perceptron: input NaN at [0, 0] is not a finite number", nan.getMessage());
  }
}
