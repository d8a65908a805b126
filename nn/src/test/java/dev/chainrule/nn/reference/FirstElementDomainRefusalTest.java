package dev.chainrule.nn.reference;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import org.junit.jupiter.api.Test;

/**
 * The reference's domain checks find the first offending element in row-major order; one at
 * flat index 0 is an offender like any other. Were index 0 read as "none found", a class target
 * row [−0.5, 1.5] (summing to 1, so the row check passes too) or a log-probability 0.5 in the
 * first place would go through, and the reference would answer for a loss the engine refuses.
 */
class FirstElementDomainRefusalTest {
  private static final Tensor X = Tensor.matrix(new double[][] {{1, -0.5, 0.3}, {-1, 0.2, 0.8},
      {0.4, 0.9, -0.7}, {0, 0, 1}});

  private static String refusal(Sequential model, Loss loss, Tensor target) {
    return assertThrows(IllegalArgumentException.class, () -> DeltaRule.backprop(
        DeltaRule.layersOf(model), loss, X, target)).getMessage();
  }

  @Test
  void aFirstClassTargetOutsideZeroOneIsRefused() {
    Sequential model = Sequential.of(Dense.of(3, 2, 1L), Activation.softmax());
    Tensor target = Tensor.matrix(new double[][] {{-0.5, 1.5}, {0, 1}, {1, 0}, {0, 1}});
    String m = refusal(model, Loss.categoricalCrossEntropy(), target);
    assertTrue(m.startsWith("delta rule: target -0.5 at [0, 0] is not a class probability in"
        + " [0, 1]"), m);
  }

  @Test
  void aFirstLogProbabilityAboveZeroIsRefused() {
    // W = 0: every row's outputs are the biases, 0.5 (above 0, first) and −2.
    Sequential model = Sequential.of(Dense.of(Tensor.matrix(new double[][] {{0, 0, 0},
        {0, 0, 0}}), Tensor.vector(0.5, -2)), Activation.identity());
    String m = refusal(model, Loss.negativeLogLikelihood(), Tensor.vector(0, 1, 1, 0));
    assertTrue(m.startsWith("delta rule: log-probability 0.5 at [0, 0] is above 0"), m);
  }
}
