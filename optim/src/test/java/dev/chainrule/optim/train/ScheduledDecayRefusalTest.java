package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.AdamW;
import dev.chainrule.optim.LearningRateSchedule;
import dev.chainrule.optim.data.Dataset;
import org.junit.jupiter.api.Test;

/**
 * An AdamW whose η·λ a rising schedule takes to 1 is refused before the run's first step, in
 * AdamW.step's words, as a one-cycle too short is; it used to stop at the epoch the schedule got
 * there (AdamW.step's IllegalStateException at epoch 2), its weights trained that far.
 */
class ScheduledDecayRefusalTest {
  private static final Dataset DATA = new Dataset(Tensors.randn(Shape.of(6, 2), 5L),
      Tensors.randn(Shape.of(6, 1), 6L));
  private static final String DECAY = "AdamW.step: learning rate 1.0 × weight decay 1.5 = 1.5 is"
      + " at least 1, so the decoupled decay would multiply the weights by 1 − ηλ = -0.5 (zeroing"
      + " them or flipping their signs); lower either";

  private static void assertRefusedUntouched(Dense model, AdamW adamw, Trainer trainer,
      String message) {
    double[] weights = model.weight().value().toArray();
    assertEquals(message, assertThrows(IllegalStateException.class, () -> trainer.fit(DATA))
        .getMessage());
    assertArrayEquals(weights, model.weight().value().toArray(), 0, "not trained");
    assertEquals(0, adamw.stepCount());
    assertEquals(0.5, adamw.learningRate(), "the rate as it was");
  }

  @Test
  void anEpochScheduleThatRaisesTheDecayToOneIsRefusedBeforeTheFirstStep() {
    Dense model = Dense.of(2, 1, 3L);
    AdamW adamw = AdamW.builder().learningRate(0.5).weightDecay(1.5).build(model);  // ηλ = 0.75
    Trainer trainer = Trainer.builder(model, Loss.meanSquaredError(), adamw).epochs(3)
        .batchSize(2).schedule(LearningRateSchedule.exponential(2)).build();
    assertRefusedUntouched(model, adamw, trainer, "trainer: a step at the learning rate 1.0 (the"
        + " schedule " + LearningRateSchedule.exponential(2) + " sets it at epoch 1) would be"
        + " refused: " + DECAY);
  }

  @Test
  void aPerStepScheduleThatRaisesTheDecayToOneIsRefusedBeforeTheFirstStep() {
    Dense model = Dense.of(2, 1, 3L);
    AdamW adamw = AdamW.builder().learningRate(0.5).weightDecay(1.5).build(model);
    Trainer trainer = Trainer.builder(model, Loss.meanSquaredError(), adamw).epochs(1)
        .batchSize(2).scheduleEveryStep(LearningRateSchedule.exponential(2)).build();
    assertRefusedUntouched(model, adamw, trainer, "trainer: a step at the learning rate 1.0 (the"
        + " per-step schedule " + LearningRateSchedule.exponential(2) + " sets it at step 1)"
        + " would be refused: " + DECAY);
  }

  @Test
  void aScheduleThatStaysBelowIsTaken() {
    Dense model = Dense.of(2, 1, 3L);
    AdamW adamw = AdamW.builder().learningRate(0.5).weightDecay(1.5).build(model);
    Trainer.builder(model, Loss.meanSquaredError(), adamw).epochs(3).batchSize(2)
        .schedule(LearningRateSchedule.exponential(0.5)).build().fit(DATA);
    assertEquals(9, adamw.stepCount());
  }
}
