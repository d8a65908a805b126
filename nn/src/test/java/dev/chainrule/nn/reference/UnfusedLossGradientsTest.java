package dev.chainrule.nn.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import org.junit.jupiter.api.Test;

/**
 * The delta rule's own ∂J/∂a, the one used where no output activation cancels the loss: an
 * identity output scored by categorical cross-entropy (rows that sum to 1), by negative
 * log-likelihood (log-probabilities, all ≤ 0) or by binary cross-entropy (inside (0, 1)).
 * Mutation testing found no other test reading it for the first two, which the reference's
 * tests reach through softmax and logSoftmax, whose fused deltas never read it: a wrong sign in
 * it (dW +0.676 for −0.676) left the reference disagreeing with the engine on the very models it
 * is meant to check, unnoticed.
 *
 * <p>Tolerance 1e-12: each gradient entry is a float64 sum of 4 rows' terms of size at most ~5
 * (y/a with a ≥ 0.26, 1/(1 − a) with a ≤ 0.79), so the engine's and the reference's orders of
 * rounding differ by ~1e-15; a wrong sign or scale changes entries by more than 0.01.
 */
class UnfusedLossGradientsTest {
  private static final Tensor X = Tensor.matrix(new double[][] {{1, -0.5, 0.3}, {-1, 0.2, 0.8},
      {0.4, 0.9, -0.7}, {0, 0, 1}});
  private static final double TOLERANCE = 1e-12;

  private static void agree(Dense dense, Loss loss, Tensor target) {
    Sequential model = Sequential.of(dense, Activation.identity());
    DeltaRule.Result reference = DeltaRule.backprop(DeltaRule.layersOf(model), loss, X, target);
    Variable engine = loss.compute(model.forward(Variable.constant(X)), target);
    engine.backward();
    assertEquals(engine.value().item(), reference.loss(), TOLERANCE, "the loss");
    assertArrayEquals(dense.weight().grad().toArray(),
        reference.weightGradients().get(0).toArray(), TOLERANCE, "dW");
    assertArrayEquals(dense.bias().grad().toArray(), reference.biasGradients().get(0).toArray(),
        TOLERANCE, "db");
  }

  @Test
  void categoricalCrossEntropyOnIdentityRowsSummingToOne() {
    // Opposite weight rows and biases summing to 1: every output row sums to 1, entries in
    // [0.26, 0.74].
    Dense dense = Dense.of(Tensor.matrix(new double[][] {{0.1, 0.2, -0.1}, {-0.1, -0.2, 0.1}}),
        Tensor.vector(0.4, 0.6));
    agree(dense, Loss.categoricalCrossEntropy(), Tensor.vector(0, 1, 1, 0));
  }

  @Test
  void negativeLogLikelihoodOnIdentityLogProbabilities() {
    // Biases −1 and −2 keep every output at most −0.7: log-probabilities.
    Dense dense = Dense.of(Tensor.matrix(new double[][] {{0.1, 0.2, -0.1}, {-0.1, -0.2, 0.1}}),
        Tensor.vector(-1, -2));
    agree(dense, Loss.negativeLogLikelihood(), Tensor.vector(0, 1, 1, 0));
  }

  @Test
  void binaryCrossEntropyOnIdentityOutputsInsideZeroOne() {
    Dense dense = Dense.of(Tensor.matrix(new double[][] {{0.1, 0.2, -0.1}}), Tensor.vector(0.5));
    agree(dense, Loss.binaryCrossEntropy(), Tensor.matrix(new double[][] {{1}, {0}, {1}, {0}}));
  }
}
