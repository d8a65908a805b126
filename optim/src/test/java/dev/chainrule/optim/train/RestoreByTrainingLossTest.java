package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.data.Dataset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The refusal of restoring the best weights without validation data names the way out the
 * builder has, and that way works: early stopping on the training loss sets what restoring
 * watches, and a patience of the run's epochs never stops the run early.
 */
class RestoreByTrainingLossTest {
  private static Dataset line() {
    Tensor x = Tensors.randn(Shape.of(64, 1), 7);
    return new Dataset(x, x.mul(3));
  }

  @Test
  void theRefusalNamesTheWayOutAndTheWayOutRuns() {
    Sequential model = Sequential.of(Dense.of(1, 1, 2));
    // A rate this high overshoots (1.5 against a curvature of about 2): the loss rises and falls.
    Trainer.Builder builder = Trainer.builder(model, Loss.meanSquaredError(),
        Sgd.builder(0.95).build(model)).epochs(6).batchSize(64).restoreBestWeights(true);
    IllegalStateException refused = assertThrows(IllegalStateException.class,
        () -> builder.build().fit(line()));
    assertEquals("trainer: restoring the best epoch's weights by VALIDATION_LOSS needs validation"
        + " data to tell the best; pass some, or restore by the training loss with"
        + " earlyStopping(Monitor.TRAINING_LOSS, 6, 0), a patience of the run's epochs, which"
        + " never stops it early", refused.getMessage());

    History history = builder.earlyStopping(Monitor.TRAINING_LOSS, 6, 0).build().fit(line());
    assertEquals(6, history.epochs().size(), "every epoch ran");
    assertFalse(history.stoppedEarly());
    List<Double> losses = history.trainLosses();
    int best = 0;
    for (int i = 1; i < losses.size(); i++) {
      best = losses.get(i) < losses.get(best) ? i : best;
    }
    assertEquals(best, history.weightsEpoch(), "the weights of the least training loss");
  }
}
