package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.data.Dataset;
import org.junit.jupiter.api.Test;

/**
 * Mistakes that trained to nothing without a word are refused before the first step, by what
 * the untrained model gives: a softmax over a single output (loss 50.0 every epoch, gradient
 * norm 0, every prediction 1) and probabilities before a loss that applies its own softmax,
 * from a model whose last layer the build-time pairing check cannot see.
 */
class OutputChecksTest {
  private static final Dataset BINARY = new Dataset(Tensors.randn(Shape.of(8, 3), 3L),
      Tensor.matrix(new double[][] {{0}, {1}, {0}, {1}, {1}, {0}, {1}, {0}}));
  private static final Dataset CLASSES = new Dataset(Tensors.randn(Shape.of(8, 3), 3L),
      Tensor.vector(0, 1, 2, 1, 0, 2, 1, 0));

  private static Trainer trainer(Module model, Loss loss) {
    return Trainer.builder(model, loss, Sgd.builder(0.1).build(model)).epochs(1).batchSize(4)
        .build();
  }

  private static String refusal(Module model, Loss loss, Dataset data) {
    return assertThrows(IllegalArgumentException.class, () -> trainer(model, loss).fit(data))
        .getMessage();
  }

  /** A module of the user's own whose forward ends in a softmax: not a Sequential's layer. */
  private static final class EndsInSoftmax extends Module {
    private final Dense dense = registerModule("dense", Dense.of(3, 3, 1L));

    @Override
    public Variable forward(Variable x) {
      return dense.forward(x).softmax(-1);
    }
  }

  @Test
  void aSoftmaxOverASingleOutputIsRefusedForAnyLoss() {
    String expected = "trainer: the model ends in a softmax over axis -1 of its outputs [8, 1],"
        + " which holds a single value, whose softmax is always 1: every prediction would be 1"
        + " and no gradient would reach the model, found before the first step; for one yes/no"
        + " output end in a sigmoid (with binaryCrossEntropy), or give the last layer one output"
        + " per class";
    for (Loss loss : new Loss[] {Loss.binaryCrossEntropy(), Loss.meanSquaredError()}) {
      Sequential model = Sequential.of(Dense.of(3, 8, 1L), Activation.relu(), Dense.of(8, 1, 2L),
          Activation.softmax());
      assertEquals(expected, refusal(model, loss, BINARY));
      // Nothing changed: the refusal came before the first step.
      Sequential fresh = Sequential.of(Dense.of(3, 8, 1L), Activation.relu(),
          Dense.of(8, 1, 2L), Activation.softmax());
      assertTrue(model.parameters().get(0).value().allClose(
          fresh.parameters().get(0).value(), 0, 0), "the first layer's weights are as made");
    }
    Sequential logSoftmax = Sequential.of(Dense.of(3, 1, 2L), Activation.logSoftmax());
    assertTrue(refusal(logSoftmax, Loss.meanSquaredError(), BINARY).startsWith("trainer: the"
        + " model ends in a log-softmax over axis -1 of its outputs [8, 1], which holds a single"
        + " value, whose log-softmax is always 0: every prediction would be 0"));
  }

  @Test
  void probabilitiesBeforeTheSoftmaxCrossEntropyAreRefusedWhateverMadeThem() {
    String expected = "trainer: the model's outputs [8, 3] are probabilities (every row of the"
        + " last axis is non-negative and sums to 1, within 0.001), found before the first step,"
        + " and softmaxCrossEntropy applies its own softmax to the logits it takes, so it would"
        + " see the softmax of probabilities: remove the softmax at the end of the model's"
        + " forward (or use categoricalCrossEntropy, which takes probabilities)";
    assertEquals(expected, refusal(new EndsInSoftmax(), Loss.softmaxCrossEntropy(), CLASSES));
    Sequential lambda = Sequential.of(Dense.of(3, 3, 1L),
        Activation.of("softmax of mine", v -> v.softmax(1)));
    assertEquals(expected, refusal(lambda, Loss.softmaxCrossEntropy(), CLASSES));
  }

  /** A model that hands its features on as its outputs, so a test sets the outputs row by row. */
  private static final class Identity extends Module {
    @Override
    public Variable forward(Variable x) {
      return x;
    }
  }

  /** The rows as features, with class labels, for {@link Identity}. */
  private static Dataset outputs(double[][] rows) {
    return new Dataset(Tensor.matrix(rows), Tensor.vector(new double[rows.length]));
  }

  private static boolean refusedAsProbabilities(double[][] rows) {
    try {
      OutputChecks.require(new Identity(), Loss.softmaxCrossEntropy(), outputs(rows));
      return false;
    } catch (IllegalArgumentException e) {
      assertTrue(e.getMessage().contains("are probabilities"), e.getMessage());
      return true;
    }
  }

  @Test
  void twoClassesAndExactZerosAreProbabilitiesToo() {
    // Two values a row and two rows are the least the check takes; a 0 is a probability.
    assertTrue(refusedAsProbabilities(new double[][] {{0.25, 0.75}, {0, 1}}));
    assertTrue(refusedAsProbabilities(new double[][] {{0.5, 0, 0.5}, {0.2, 0.3, 0.5}}));
    // One row may sum to 1 by chance: it is not evidence enough, and trains.
    assertEquals(false, refusedAsProbabilities(new double[][] {{0.2, 0.3, 0.5}}));
    assertEquals(false, refusedAsProbabilities(new double[][] {{0.5, 0.5}, {0.5, 0.6}}));
  }

  @Test
  void aScalarOutputIsNoRowOfProbabilities() {
    Module sum = new Module() {
      @Override
      public Variable forward(Variable x) {
        return x.sum();
      }
    };
    // The sum of the rows is 1: a rank-0 output still has no last axis to sum over.
    assertDoesNotThrow(() -> OutputChecks.require(sum, Loss.softmaxCrossEntropy(),
        outputs(new double[][] {{0.25, 0.25}, {0.25, 0.25}})));
  }

  @Test
  void theRowsLookedAtAreSpreadOverTheWholeData() {
    // 64 rows, of which the check looks at every other one (32, from row 0): what it finds
    // there decides, whatever the rows it skips hold, and it looks past the first row.
    int n = 2 * OutputChecks.ROWS;
    double[][] oddRowsNot = new double[n][];
    double[][] secondLookedAtNot = new double[n][];
    for (int r = 0; r < n; r++) {
      oddRowsNot[r] = r % 2 == 1 ? new double[] {2, 3} : new double[] {0.5, 0.5};
      secondLookedAtNot[r] = r == 2 ? new double[] {2, 3} : new double[] {0.5, 0.5};
    }
    assertTrue(refusedAsProbabilities(oddRowsNot));
    assertEquals(false, refusedAsProbabilities(secondLookedAtNot));
  }

  @Test
  void aSoftmaxOverTheFirstAxisOfOneRowIsRefused() {
    Sequential model = Sequential.of(Dense.of(3, 3, 1L),
        new Activation.BuiltIn(Activation.Kind.SOFTMAX, 0));
    Dataset oneRow = new Dataset(Tensor.matrix(new double[][] {{1, 2, 3}}), Tensor.vector(1));
    String message = assertThrows(IllegalArgumentException.class,
        () -> OutputChecks.require(model, Loss.meanSquaredError(), oneRow)).getMessage();
    assertTrue(message.startsWith("trainer: the model ends in a softmax over axis 0 of its"
        + " outputs [1, 3], which holds a single value"), message);
  }

  @Test
  void logitsAndLogProbabilitiesTrain() {
    Sequential logits = Sequential.of(Dense.of(3, 3, 1L));
    assertEquals(1, trainer(logits, Loss.softmaxCrossEntropy()).fit(CLASSES).trainLosses().size());
    // Log-softmax outputs are never positive: the same loss (softmax ignores a row's shift).
    Sequential logSoftmax = Sequential.of(Dense.of(3, 3, 1L), Activation.logSoftmax());
    assertEquals(1,
        trainer(logSoftmax, Loss.softmaxCrossEntropy()).fit(CLASSES).trainLosses().size());
    Sequential oneOutput = Sequential.of(Dense.of(3, 1, 1L), Activation.sigmoid());
    assertEquals(1, trainer(oneOutput, Loss.binaryCrossEntropy()).fit(BINARY).trainLosses().size());
  }
}
