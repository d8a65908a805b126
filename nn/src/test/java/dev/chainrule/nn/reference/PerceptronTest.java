package dev.chainrule.nn.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The perceptron rule step by step on a case small enough to follow by hand, and its checks. */
class PerceptronTest {
  private static final Tensor ONE_INPUT = Tensor.of(new double[] {-1, 2}, 2, 1);

  @Test
  void eachMistakeMovesThetaByTheLearningRateTimesTheAugmentedRow() {
    // Targets 1 for x = 2 and 0 for x = -1. From θ = 0 with η = 0.5 (all values exact in binary):
    // epoch 1: x = -1: net 0 ≥ 0 gives 1, error -1, θ = (-0.5, 0.5); x = 2: net 0.5, right.
    // epoch 2: x = -1: net -1, right; x = 2: net 0.5, right; converged after 2 epochs.
    Perceptron.Result run = Perceptron.train(ONE_INPUT, Tensor.vector(0, 1), 0.5, 10);
    assertArrayEquals(new double[] {-0.5, 0.5}, run.theta().toArray(), 0, "exact in binary");
    assertEquals(2, run.epochs());
    assertTrue(run.converged());
    assertEquals(List.of(1, 0), run.errorsPerEpoch());
    assertArrayEquals(new double[] {0, 1}, run.predict(ONE_INPUT).toArray(), 0);
  }

  /**
   * From θ = 0 the rule decides the same at every positive rate. Summed at η = 0.1, AND's net
   * input at (1, 0), exactly 0, came out −2.8e-17, and AND was "learned" in 4 epochs, not 6.
   */
  @Test
  void aFractionalRateDecidesAsRateOneDoesAndScalesTheWeights() {
    Tensor inputs = Tensor.of(new double[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2);
    Tensor and = Tensor.vector(0, 0, 0, 1);
    Perceptron.Result one = Perceptron.train(inputs, and, 1, 100);
    assertEquals(6, one.epochs());
    assertArrayEquals(new double[] {-3, 2, 1}, one.theta().toArray(), 0);
    for (double rate : new double[] {0.1, 0.3, 0.7, 3}) {
      Perceptron.Result run = Perceptron.train(inputs, and, rate, 100);
      assertEquals(one.errorsPerEpoch(), run.errorsPerEpoch(), "rate " + rate);
      assertEquals(and, run.predict(inputs), "rate " + rate);
    }
    // A row the rule classified at a net input of exactly 0: the scaled θ (−0.1, 0.1, −0.2)
    // puts it at −2.8e-17, and the run's own prediction must still be its decision.
    Tensor rows = Tensor.of(new double[] {3, 1, 4, 2, 0, 2, 5, 2}, 4, 2);
    Tensor targets = Tensor.vector(1, 0, 0, 1);
    Perceptron.Result tenth = Perceptron.train(rows, targets, 0.1, 100);
    assertTrue(tenth.converged());
    assertEquals(targets, tenth.predict(rows));
  }

  @Test
  void aNetInputOfExactlyZeroFiresTheUnit() {
    assertArrayEquals(new double[] {1, 1, 0},
        Perceptron.predict(Tensor.vector(-1, 0.5), Tensor.of(new double[] {2, 3, 1}, 3, 1))
            .toArray(), 0, "net inputs 0, 0.5 and -0.5");
  }

  /**
   * Row 1's net input is exactly 0 when the rule last sees it (class 1, no error), but θ₀ added
   * last instead of first gives −1.1e-16 (class 0): prediction must sum as training did.
   */
  @Test
  void predictsTheTrainingRowsAsTheConvergedRunDecidedThem() {
    Tensor inputs = Tensor.of(new double[] {-0.3, 0.1, -0.2, 0.6}, 2, 2);
    Tensor targets = Tensor.vector(0, 1);
    Perceptron.Result run = Perceptron.train(inputs, targets, 1, 50);
    assertTrue(run.converged());
    assertEquals(6, run.epochs(), "the rule's course for this data, worked by hand");
    assertArrayEquals(targets.toArray(), run.predict(inputs).toArray());
    assertArrayEquals(targets.toArray(),
        Perceptron.predict(run.unscaled(), inputs).toArray());
  }

  @Test
  void runsOutOfEpochsWithoutConvergingOnXor() {
    Tensor inputs = Tensor.of(new double[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2);
    Perceptron.Result run = Perceptron.train(inputs, Tensor.vector(0, 1, 1, 0), 1, 1);
    assertEquals(1, run.epochs(), "one epoch allowed");
    assertFalse(run.converged());
    assertEquals(1, run.errorsPerEpoch().size());
  }

  @Test
  void refusesMismatchedShapesAndNonPositiveSettings() {
    IllegalArgumentException targets = assertThrows(IllegalArgumentException.class,
        () -> Perceptron.train(ONE_INPUT, Tensor.vector(0, 1, 1), 1, 10));
    assertEquals("perceptron: inputs [2, 1] and targets [3] do not match", targets.getMessage());
    assertEquals("perceptron: inputs [2] and targets [2] do not match",
        assertThrows(IllegalArgumentException.class,
            () -> Perceptron.train(Tensor.vector(-1, 2), Tensor.vector(0, 1), 1, 10)).getMessage());
    for (double rate : new double[] {0, -1}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Perceptron.train(ONE_INPUT, Tensor.vector(0, 1), rate, 10));
      assertEquals("perceptron: need a positive learning rate and epoch count, got " + rate
          + " and 10", e.getMessage());
    }
    assertEquals("perceptron: need a positive learning rate and epoch count, got 1.0 and 0",
        assertThrows(IllegalArgumentException.class,
            () -> Perceptron.train(ONE_INPUT, Tensor.vector(0, 1), 1, 0)).getMessage());
    IllegalArgumentException predict = assertThrows(IllegalArgumentException.class,
        () -> Perceptron.predict(Tensors.zeros(3), ONE_INPUT));
    assertEquals("perceptron: inputs [2, 1] do not match parameters [3] (bias first)",
        predict.getMessage());
  }
}
