package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.LearningRateSchedule;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.data.Dataset;
import org.junit.jupiter.api.Test;

/**
 * A cosine "annealing" to a minimum above the optimizer's rate is refused by the trainer before
 * its first step: {@code cosine(3, 5.0)} from Adam's 0.001 used to train its second epoch at
 * 3.75, an increase of 3,750 times reported as a schedule.
 */
class ClimbingScheduleTest {
  private static final Dataset DATA = new Dataset(Tensors.randn(Shape.of(8, 2), 5L),
      Tensors.rand(Shape.of(8), 6L).gt(0.5));
  private static final String REFUSAL = "cosine: the minimum rate 5.0 is above the base rate"
      + " 0.001 that CosineAnnealing[epochs=3, minRate=5.0] anneals from, so the rate would"
      + " climb to it; give a minimum rate of at most the base rate (the optimizer's learning"
      + " rate)";

  private static void assertRefusedUntouched(Dense model, Optimizer adam, Trainer trainer) {
    Tensor weights = model.weight().value().copy();
    assertEquals(REFUSAL, assertThrows(IllegalArgumentException.class, () -> trainer.fit(DATA))
        .getMessage());
    assertArrayEquals(weights.toArray(), model.weight().value().toArray(), "not trained");
    assertEquals(0, adam.stepCount());
    assertEquals(0.001, adam.learningRate(), "the rate as it was");
  }

  @Test
  void aCosineEachEpochToAMinimumAboveTheRateIsRefusedBeforeTraining() {
    Dense model = Dense.of(2, 2, 3L);
    Optimizer adam = Adam.builder().build(model);
    assertRefusedUntouched(model, adam, Trainer.builder(model, Loss.softmaxCrossEntropy(), adam)
        .batchSize(4).epochs(3).schedule(LearningRateSchedule.cosine(3, 5.0)).build());
  }

  @Test
  void aCosineEveryStepBehindAWarmUpIsRefusedBeforeTheWarmUp() {
    // The cosine's first step would be the fifth; its refusal is its own, not "no rate".
    Dense model = Dense.of(2, 2, 3L);
    Optimizer adam = Adam.builder().build(model);
    assertRefusedUntouched(model, adam, Trainer.builder(model, Loss.softmaxCrossEntropy(), adam)
        .batchSize(4).epochs(3).scheduleEveryStep(LearningRateSchedule.warmUp(4, 0.1,
            LearningRateSchedule.cosine(3, 5.0))).build());
  }

  @Test
  void aModelHandedOverInEvaluationModeIsLeftInItWhenTheScheduleIsRefused() {
    // fit refuses the schedule before it puts the model in training mode, not when the epochs'
    // scheduler meets the same check.
    Dense model = Dense.of(2, 2, 3L);
    model.eval();
    Optimizer adam = Adam.builder().build(model);
    assertRefusedUntouched(model, adam, Trainer.builder(model, Loss.softmaxCrossEntropy(), adam)
        .batchSize(4).epochs(3).schedule(LearningRateSchedule.cosine(3, 5.0)).build());
    assertFalse(model.isTraining(), "still in evaluation mode");
  }
}
