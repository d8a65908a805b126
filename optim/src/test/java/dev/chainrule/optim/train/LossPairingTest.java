package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.CrossEntropyOptions;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Sgd;
import org.junit.jupiter.api.Test;

/**
 * A model whose last layer does its loss's work is refused: a softmax before the softmax
 * cross-entropy trained, to a loss of 0.56 where 0.015 was reachable, without a word.
 */
class LossPairingTest {
  private static Sequential endingIn(Activation last) {
    return Sequential.of(Dense.of(4, 3, 1L), last);
  }

  /** The refusal of a trainer of {@code model} with {@code loss}. */
  private static String refusal(Sequential model, Loss loss) {
    return assertThrows(IllegalArgumentException.class,
        () -> Trainer.builder(model, loss, Sgd.builder(0.1).build(model)).build()).getMessage();
  }

  @Test
  void aSquashingLastLayerBeforeALossOnLogitsIsRefused() {
    assertEquals("trainer: the model ends in a softmax, and softmaxCrossEntropy applies its own"
        + " softmax to the logits it takes, so it would see the softmax of probabilities: remove"
        + " the model's last softmax (or use categoricalCrossEntropy, which takes"
        + " probabilities)", refusal(endingIn(Activation.softmax()), Loss.softmaxCrossEntropy()));
    Sequential sigmoid = Sequential.of(Sequential.of(Dense.of(4, 1, 1L)), Activation.sigmoid());
    assertEquals("trainer: the model ends in a sigmoid, and binaryCrossEntropyWithLogits applies"
        + " its own sigmoid to the logits it takes, so it would see the sigmoid of"
        + " probabilities: remove the model's last sigmoid (or use binaryCrossEntropy, which"
        + " takes probabilities)", refusal(sigmoid, Loss.binaryCrossEntropyWithLogits()));
  }

  /**
   * Class weights and label smoothing keep the loss's own softmax: refused the same way, with a
   * way out that keeps them (SoftmaxTwiceWithOptionsTest follows it).
   */
  @Test
  void aSoftmaxBeforeAWeightedCrossEntropyIsRefused() {
    String plain = refusal(endingIn(Activation.softmax()), Loss.softmaxCrossEntropy());
    String weighted = refusal(endingIn(Activation.softmax()), Loss.softmaxCrossEntropy(
        CrossEntropyOptions.none().withClassWeights(1, 2, 3).withLabelSmoothing(0.1)));
    String common = "remove the model's last softmax (";
    assertEquals(plain.substring(0, plain.indexOf(common)),
        weighted.substring(0, weighted.indexOf(common)));
    Sequential logSoftmax = endingIn(Activation.logSoftmax());
    Trainer.builder(logSoftmax, Loss.negativeLogLikelihood(CrossEntropyOptions.none()
        .withClassWeights(1, 2, 3)), Sgd.builder(0.1).build(logSoftmax)).build();
  }

  @Test
  void theLossesThatTakeWhatTheLastLayerGivesPass() {
    Sequential softmax = endingIn(Activation.softmax());
    Trainer.builder(softmax, Loss.categoricalCrossEntropy(), Sgd.builder(0.1).build(softmax))
        .build();
    // Softmax ignores a row's shift: log-softmax before it is the same loss.
    Sequential logSoftmax = endingIn(Activation.logSoftmax());
    Trainer.builder(logSoftmax, Loss.softmaxCrossEntropy(), Sgd.builder(0.1)
        .build(logSoftmax)).build();
    Sequential sigmoid = endingIn(Activation.sigmoid());
    Trainer.builder(sigmoid, Loss.binaryCrossEntropy(), Sgd.builder(0.1).build(sigmoid)).build();
  }
}
