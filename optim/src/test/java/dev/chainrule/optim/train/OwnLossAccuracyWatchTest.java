package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Reduction;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.data.Dataset;
import org.junit.jupiter.api.Test;

/**
 * Watching the validation accuracy with a loss of one's own that answers {@code VALUES} (every
 * lambda does) is refused, as with mean squared error, but the message named a lambda by its
 * hidden class ({@code P12$$Lambda$208/0x00007fd96c144208@2002fc1d}) and offered only to watch
 * the loss, where a loss that scores classes wants its {@code outputs()} declared, which a
 * lambda cannot do.
 */
class OwnLossAccuracyWatchTest {
  private static final Dense MODEL = Dense.of(2, 2, 1L);

  private static Trainer.Builder builder(Loss loss) {
    return Trainer.builder(MODEL, loss, Sgd.builder(0.1).build(MODEL)).epochs(1);
  }

  /** A cross-entropy of one's own, as a class that forgot to say it scores classes. */
  static class Forgetful implements Loss {
    @Override
    public Variable compute(Variable prediction, Tensor target) {
      return Loss.softmaxCrossEntropy().compute(prediction, target);
    }

    @Override
    public String toString() {
      return "forgetful";
    }
  }

  @Test
  void aLambdaIsNamedAsOneAndToldToBecomeAClassThatDeclaresItsOutputs() {
    Loss lambda = (prediction, target) -> Loss.softmaxCrossEntropy().compute(prediction, target);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> builder(lambda).earlyStopping(Monitor.VALIDATION_ACCURACY, 2, 0));
    assertEquals("trainer: early stopping watches the validation accuracy, which is not a number"
        + " for the loss written as a lambda (its outputs are values, not classes); watch"
        + " VALIDATION_LOSS, or, for a loss of yours that scores classes, say so in its outputs()"
        + " (Loss.Outputs.CLASS_SCORES), which a lambda declares through Loss.of(lambda,"
        + " Reduction.MEAN, Outputs.CLASS_SCORES)", e.getMessage());
  }

  @Test
  void aClassOfOnesOwnIsNamedAndToldToDeclareItsOutputs() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> builder(new Forgetful()).reduceLearningRateOnPlateau(Monitor.VALIDATION_ACCURACY,
            0.5, 2));
    assertEquals("trainer: the plateau reduction watches the validation accuracy, which is not a"
        + " number for the loss forgetful (its outputs are values, not classes); watch"
        + " VALIDATION_LOSS, or, for a loss of yours that scores classes, say so in its outputs()"
        + " (Loss.Outputs.CLASS_SCORES)", e.getMessage());
  }

  /**
   * The way the refusal offers: the lambda declared through {@code Loss.of} is watched, and its
   * run counts the accuracy that its undeclared twin left NaN, identically to the built-in it
   * computes (same batches, same steps, same arithmetic).
   */
  @Test
  void aLambdaDeclaredThroughLossOfCountsTheAccuracyTheBuiltInCounts() {
    Loss lambda = (prediction, target) -> Loss.softmaxCrossEntropy().compute(prediction, target);
    Loss declared = Loss.of(lambda, Reduction.MEAN, Loss.Outputs.CLASS_SCORES);
    Tensor x = Tensors.randn(Shape.of(24, 2), 3L);
    Dataset data = new Dataset(x, x.sum(1, false).gt(0));
    EpochResult ofLambda = run(declared, data);
    EpochResult builtIn = run(Loss.softmaxCrossEntropy(), data);
    assertEquals(builtIn.trainAccuracy(), ofLambda.trainAccuracy());
    assertEquals(builtIn.validationAccuracy(), ofLambda.validationAccuracy());
    assertEquals(builtIn.trainLoss(), ofLambda.trainLoss());
    assertTrue(Double.isNaN(run(lambda, data).trainAccuracy()), "undeclared: values, no accuracy");
    assertFalse(Double.isNaN(ofLambda.trainAccuracy()));
  }

  /**
   * A lambda that sums over the batch, declared SUM, gives the epoch's sum like the built-in sum
   * of squares; undeclared, the loop took its sums for means and reported their weighted mean,
   * the number of batches (3) smaller.
   */
  @Test
  void aSummedLambdaDeclaredSumReportsTheEpochsSum() {
    Loss summed = (prediction, target) -> Loss.sumOfSquares().compute(prediction, target);
    Tensor x = Tensors.randn(Shape.of(24, 2), 5L);
    Dataset data = new Dataset(x, x.sum(1, true));
    double builtIn = run(Loss.sumOfSquares(), data).trainLoss();
    assertEquals(builtIn, run(Loss.of(summed, Reduction.SUM, Loss.Outputs.VALUES), data)
        .trainLoss());
    // Each batch's sum taken for its 8 rows' mean and weighed by them: the mean of the three
    // batches' sums, up to the rounding of another order of additions (1e-12 relative).
    assertEquals(builtIn / 3, run(summed, data).trainLoss(), 1e-12 * builtIn);
  }

  /** One epoch at learning rate 0, batches of 8, the data its own validation set. */
  private static EpochResult run(Loss loss, Dataset data) {
    Dense model = Dense.of(2, loss.outputs() == Loss.Outputs.VALUES
        && data.labels().rank() == 2 ? 1 : 2, 9L);
    return Trainer.builder(model, loss, Sgd.builder(0).build(model)).epochs(1).batchSize(8)
        .seed(1).build().fit(data, data).last();
  }

  @Test
  void aClassThatDeclaresClassScoresMayWatchTheAccuracy() {
    Loss declared = new Forgetful() {
      @Override
      public Outputs outputs() {
        return Outputs.CLASS_SCORES;
      }
    };
    assertDoesNotThrow(() -> builder(declared).earlyStopping(Monitor.VALIDATION_ACCURACY, 2, 0));
  }
}
