package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Sgd;
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
        + " (Loss.Outputs.CLASS_SCORES), which a lambda cannot: write the loss as a class",
        e.getMessage());
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
