package dev.chainrule.nn.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import org.junit.jupiter.api.Test;

/**
 * Binary cross-entropy of an output of exactly 0 against target 0: the engine's clamped
 * logarithm gives the term 0 · (−100) = 0 and gradient 0, while the reference's −y/a is 0/0 =
 * NaN. A weight of 0 alone does not make a clamped logarithm harmless: the reference must refuse
 * an output at 0, else it answers NaN gradients for a model the engine trains, and a test
 * comparing the two fails on the reference, not on the engine.
 */
class ZeroOutputZeroTargetRefusalTest {
  @Test
  void anOutputOfZeroAgainstTargetZeroIsRefused() {
    // An identity Dense with W = 0, b = 0 outputs 0 on every row.
    Sequential model = Sequential.of(Dense.of(Tensor.matrix(new double[][] {{0, 0, 0}}),
        Tensor.vector(0)), Activation.identity());
    Tensor x = Tensor.matrix(new double[][] {{1, -0.5, 0.3}, {-1, 0.2, 0.8}});
    Tensor target = Tensor.matrix(new double[][] {{0}, {0}});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
        DeltaRule.backprop(DeltaRule.layersOf(model), Loss.binaryCrossEntropy(), x, target));
    assertEquals("delta rule: output at row 0, column 0 is 0.0, below e^−100 ="
        + " 3.720075976020836E-44, where binary-cross-entropy (mean) takes its logarithm against"
        + " target 0.0: the engine clamps that logarithm there (value −100, gradient 0), and the"
        + " hand-derived reference, which does not clamp, would answer otherwise", e.getMessage());
  }
}
