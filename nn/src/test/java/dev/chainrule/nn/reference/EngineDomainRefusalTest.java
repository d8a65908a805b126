package dev.chainrule.nn.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
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
 * What the engine's losses refuse, the reference refuses too, where it answered: a sigmoid's rows
 * under categorical cross-entropy (loss 0.718 where the engine says the row sums to 2.29), an
 * identity's or a tanh's positive outputs under negative log-likelihood (loss 0.143 where the
 * engine says a log-probability is above 0), targets that are no distributions or
 * probabilities. Each case is checked against the engine's own refusal, so the two cannot drift
 * apart unnoticed; where the values happen to be in the loss's domain both still answer alike.
 */
class EngineDomainRefusalTest {
  private static final Tensor X = Tensors.uniform(Shape.of(5, 3), -1, 1, 1L);
  private static final Tensor CLASSES = Tensor.vector(0, 3, 1, 2, 1);

  private static Tensor distributions(double scale) {
    Tensor p = Tensors.uniform(Shape.of(5, 4), 0.1, 1, 2L);
    return p.div(p.sum(1, true)).mul(scale);
  }

  private static Sequential model(Activation last) {
    return Sequential.of(Dense.of(3, 6, 3L), Activation.tanh(), Dense.of(6, 4, 4L), last);
  }

  /** The reference's refusal, after checking that the engine refuses the same case. */
  private static String refused(Sequential model, Loss loss, Tensor target) {
    String engine = assertThrows(IllegalArgumentException.class,
        () -> loss.compute(model.forward(Variable.constant(X)), target),
        "the engine refuses it").getMessage();
    assertTrue(DeltaRule.supports(model, loss), "the model and loss are the reference's kind");
    String reference = assertThrows(IllegalArgumentException.class,
        () -> DeltaRule.backprop(DeltaRule.layersOf(model), loss, X, target),
        () -> "the reference answered where the engine said: " + engine).getMessage();
    assertTrue(reference.startsWith("delta rule: "), reference);
    return reference;
  }

  @Test
  void sigmoidRowsUnderCategoricalCrossEntropyAreNoDistributions() {
    String message = refused(model(Activation.sigmoid()), Loss.categoricalCrossEntropy(),
        distributions(1));
    assertTrue(message.matches("delta rule: prediction row \\[0] sums to 2\\.28\\d*, not 1"
        + " \\(within 1\\.0E-4\\), where categorical-cross-entropy \\(mean\\) scores"
        + " distributions over the classes: the engine refuses it .*"), message);
  }

  @Test
  void positiveOutputsUnderNegativeLogLikelihoodAreNoLogProbabilities() {
    for (Activation last : List.of(Activation.identity(), Activation.tanh())) {
      for (Tensor target : List.of(CLASSES, distributions(1))) {
        String message = refused(model(last), Loss.negativeLogLikelihood(), target);
        assertTrue(message.startsWith("delta rule: log-probability "), message);
        assertTrue(message.contains(" is above 0, the log of no probability, which"
            + " negative-log-likelihood (mean) refuses in the engine"), message);
      }
    }
  }

  @Test
  void targetsThatAreNoDistributionsOrProbabilitiesAreRefused() {
    Tensor rows = distributions(1.5);
    for (var c : List.of(
        List.of(model(Activation.softmax()), Loss.categoricalCrossEntropy()),
        List.of(model(Activation.logSoftmax()), Loss.negativeLogLikelihood()),
        List.of(model(Activation.identity()), Loss.softmaxCrossEntropy()))) {
      String message = refused((Sequential) c.get(0), (Loss) c.get(1), rows);
      assertTrue(message.startsWith("delta rule: target row [0] sums to 1.5"), message);
      assertTrue(message.endsWith("refuses in the engine: target rows are one-hot or soft"
          + " probabilities"), message);
    }
    Tensor half = Tensors.zeros(5, 4).add(1.5);
    assertEquals("delta rule: target 1.5 at [0, 0] is not a probability in [0, 1], which"
        + " binary-cross-entropy (mean) refuses in the engine",
        refused(model(Activation.sigmoid()), Loss.binaryCrossEntropy(), half));
    assertEquals("delta rule: target 2.5 at [1] is not a class index for 4 classes (whole"
        + " numbers 0 to 3), which softmax-cross-entropy (mean) refuses in the engine",
        refused(model(Activation.identity()), Loss.softmaxCrossEntropy(),
            Tensor.vector(0, 2.5, 1, 2, 1)));
  }

  /**
   * In the domain both answer, and alike: a log-softmax's outputs are log-probabilities, and the
   * identity's outputs shifted below 0 (a last bias of −10) are too, so the reference's refusal
   * is of values, not of the pairing. Loss to 1e-12 relative (a few float64 roundings).
   */
  @Test
  void inTheDomainBothAnswerAlike() {
    Dense random = Dense.of(6, 4, 4L);
    Dense last = Dense.of(random.weight().value(), random.bias().value().sub(10));
    Sequential shifted = Sequential.of(Dense.of(3, 6, 3L), Activation.tanh(), last);
    for (Sequential model : List.of(shifted, model(Activation.logSoftmax()))) {
      Loss loss = Loss.negativeLogLikelihood();
      double engine = loss.compute(model.forward(Variable.constant(X)), CLASSES).item();
      double reference = DeltaRule.backprop(DeltaRule.layersOf(model), loss, X, CLASSES).loss();
      assertEquals(engine, reference, 1e-12 * Math.abs(engine));
    }
  }
}
