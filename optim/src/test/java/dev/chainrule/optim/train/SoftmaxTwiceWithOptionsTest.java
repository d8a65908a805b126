package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Reduction;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.CrossEntropyOptions;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.data.Dataset;
import org.junit.jupiter.api.Test;

/**
 * A softmax before a softmax cross-entropy with options (class weights, label smoothing, an
 * ignore index) was told to use categoricalCrossEntropy instead, which takes no options: the
 * advice, followed, dropped them without a word. It now names a log-softmax with
 * negativeLogLikelihood of the same options, which this test follows.
 */
class SoftmaxTwiceWithOptionsTest {
  private static final CrossEntropyOptions OPTIONS = CrossEntropyOptions.none()
      .withClassWeights(1, 2, 3).withLabelSmoothing(0.1);
  private static final Dataset CLASSES = new Dataset(Tensors.randn(Shape.of(8, 2), 3L),
      Tensor.vector(0, 1, 2, 1, 0, 2, 1, 0));
  private static final String ADVICE = "or end it in Activation.logSoftmax() instead, with the"
      + " same options given to Loss.negativeLogLikelihood(options), which takes"
      + " log-probabilities: the same loss; categoricalCrossEntropy takes no options, and would"
      + " drop the class weights and label smoothing)";

  private static Trainer trainer(Module model, Loss loss) {
    return Trainer.builder(model, loss, Sgd.builder(0.1).build(model)).epochs(2).batchSize(4)
        .build();
  }

  /** A module of one's own ending in a softmax, which the build-time pairing cannot see. */
  private static final class EndsInSoftmax extends Module {
    private final Dense dense = registerModule("dense", Dense.of(2, 3, 1L));

    @Override
    public Variable forward(Variable x) {
      return dense.forward(x).softmax(-1);
    }
  }

  @Test
  void theAdviceKeepsTheOptions() {
    Loss weighted = Loss.softmaxCrossEntropy(OPTIONS);
    String pairing = assertThrows(IllegalArgumentException.class, () -> trainer(
        Sequential.of(Dense.of(2, 3, 1L), Activation.softmax()), weighted)).getMessage();
    assertTrue(pairing.endsWith("remove the model's last softmax (" + ADVICE), pairing);
    String outputs = assertThrows(IllegalArgumentException.class,
        () -> trainer(new EndsInSoftmax(), weighted).fit(CLASSES)).getMessage();
    assertTrue(outputs.endsWith("remove the softmax at the end of the model's forward ("
        + ADVICE), outputs);
    // Without options, categoricalCrossEntropy loses nothing: still offered.
    String plain = assertThrows(IllegalArgumentException.class, () -> trainer(Sequential.of(
        Dense.of(2, 3, 1L), Activation.softmax()), Loss.softmaxCrossEntropy(
            CrossEntropyOptions.none()))).getMessage();
    assertTrue(plain.endsWith("(or use categoricalCrossEntropy, which takes probabilities)"),
        plain);
    assertFalse(plain.contains("negativeLogLikelihood"), plain);
  }

  /** The advised loss sums when this one sums, and the words name only the options given. */
  @Test
  void theAdviceKeepsTheReductionAndNamesTheOptionsGiven() {
    Module model = Sequential.of(Dense.of(2, 3, 1L), Activation.softmax());
    String summed = assertThrows(IllegalArgumentException.class, () -> trainer(model,
        Loss.softmaxCrossEntropy(CrossEntropyOptions.none().withIgnoreIndex(2))
            .withReduction(Reduction.SUM))).getMessage();
    assertTrue(summed.endsWith("Loss.negativeLogLikelihood(options).withReduction(Reduction.SUM),"
        + " which takes log-probabilities: the same loss; categoricalCrossEntropy takes no"
        + " options, and would drop the ignore index)"), summed);
    String plain = assertThrows(IllegalArgumentException.class, () -> trainer(model,
        Loss.softmaxCrossEntropy().withReduction(Reduction.SUM))).getMessage();
    assertTrue(plain.endsWith("(or use categoricalCrossEntropy().withReduction(Reduction.SUM),"
        + " which takes probabilities)"), plain);
  }

  /** The advice followed: the same loss, value for value, and a run that trains. */
  @Test
  void theAdviceFollowedIsTheSameLossAndTrains() {
    Tensor logits = Tensors.randn(Shape.of(6, 3), 5L);
    Tensor targets = Tensor.vector(0, 1, 2, 2, 1, 0);
    double direct = Loss.softmaxCrossEntropy(OPTIONS).compute(Variable.constant(logits), targets)
        .value().item();
    double followed = Loss.negativeLogLikelihood(OPTIONS).compute(
        Activation.logSoftmax().forward(Variable.constant(logits)), targets).value().item();
    // One log-sum-exp each way, in float64: a few ulps of a loss near 1.
    assertEquals(direct, followed, 1e-12);

    Sequential model = Sequential.of(Dense.of(2, 3, 1L), Activation.logSoftmax());
    assertEquals(2, trainer(model, Loss.negativeLogLikelihood(OPTIONS)).fit(CLASSES)
        .trainLosses().size());
  }
}
