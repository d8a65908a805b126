package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.LearningRateSchedule;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.PerStepScheduler;
import dev.chainrule.optim.PlateauReduction;
import dev.chainrule.optim.data.Dataset;
import org.junit.jupiter.api.Test;

/**
 * {@link Trainer.Builder#restoreBestWeights} under {@link Trainer.Builder#scheduleEveryStep}:
 * the optimizer's step count goes back with the best epoch's moments, and so does the rate, the
 * schedule's at that count. Before, the rate stayed the last step's while the count went back, so
 * the optimizer held a rate no step of its count ran at. Under a reduction on a plateau the rate
 * the run reached stays, as documented and as Keras keeps it.
 *
 * <p>The run: Adam at 0.3 under warm restarts every 10 steps, 23 rows in batches of 5 (5 steps an
 * epoch), 6 epochs; the validation loss is lowest at epoch 2 (steps 10 to 14), whose last step
 * runs at the cycle's low end and the next epoch's at its high end.
 */
class RestoredStepRateTest {
  private static final Dataset TRAIN = data(1, 23);
  private static final Dataset VALIDATION = data(2, 13);

  private static Dataset data(long seed, int rows) {
    Tensor x = Tensors.randn(Shape.of(rows, 4), seed);
    Tensor r = Tensors.rand(Shape.of(rows), seed + 7);
    return new Dataset(x, r.gt(0.33).add(r.gt(0.66)));
  }

  private static Sequential model() {
    return Sequential.of(Dense.of(4, 6, 11), Activation.tanh(), Dense.of(6, 3, 12));
  }

  @Test
  void theRateGoesBackWithTheStepCount() {
    Sequential model = model();
    Optimizer adam = Adam.builder().learningRate(0.3).build(model);
    Trainer trainer = Trainer.builder(model, Loss.softmaxCrossEntropy(), adam).epochs(6)
        .batchSize(5).scheduleEveryStep(LearningRateSchedule.cosineWarmRestarts(10, 1, 0.0))
        .restoreBestWeights(true).build();
    History history = trainer.fit(TRAIN, VALIDATION);
    assertEquals(2, history.weightsEpoch());
    assertEquals(15, adam.stepCount());
    // Exact: the rate is the one copied with the weights, the best epoch's last step's.
    assertEquals(history.learningRates().get(2), adam.learningRate());
    // And the schedule's at step 14, the last the restored count has taken, far from the last
    // step's, which the optimizer held before.
    Optimizer fresh = Adam.builder().learningRate(0.3).build(model());
    PerStepScheduler schedule =
        PerStepScheduler.of(fresh, LearningRateSchedule.cosineWarmRestarts(10, 1, 0.0));
    assertEquals(schedule.rateAt(14), adam.learningRate());
    assertNotEquals(schedule.rateAt(29), adam.learningRate());
  }

  @Test
  void aPlateausLoweredRateStays() {
    Optimizer restored = plateauRun(true);
    Optimizer kept = plateauRun(false);
    // Exact: restoring changes nothing the run computes before its end, nor, here, the rate.
    assertEquals(kept.learningRate(), restored.learningRate());
    assertTrue(restored.stepCount() < kept.stepCount(), "the best epoch was not the last");
  }

  private static Optimizer plateauRun(boolean restore) {
    Sequential model = model();
    Optimizer adam = Adam.builder().learningRate(0.3).build(model);
    Trainer trainer = Trainer.builder(model, Loss.softmaxCrossEntropy(), adam).epochs(6)
        .batchSize(5).reduceLearningRateOnPlateau(Monitor.VALIDATION_LOSS,
            PlateauReduction.of(0.5, 0)).restoreBestWeights(restore).build();
    trainer.fit(TRAIN, VALIDATION);
    return adam;
  }
}
