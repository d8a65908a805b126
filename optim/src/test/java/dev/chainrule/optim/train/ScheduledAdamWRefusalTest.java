package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.AdamW;
import dev.chainrule.optim.LearningRateSchedule;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.StepRefusedException;
import dev.chainrule.optim.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An AdamW whose schedule raises η·λ to 1 trains until the step that refuses it, then stops as a
 * diverging run stops: a {@link DivergenceException} naming the epoch and batch, the listeners
 * told, the model keeping the weights of the step before, in either step mode. It threw AdamW's
 * own IllegalStateException, naming neither.
 */
class ScheduledAdamWRefusalTest {
  /** 40 rows in batches of 8: 5 steps an epoch. */
  private static final Dataset DATA = new Dataset(Tensors.randn(Shape.of(40, 3), 5L),
      Tensors.randn(Shape.of(40, 2), 6L));

  private static Sequential model() {
    return Sequential.of(Dense.of(3, 6, 1L), Activation.tanh(), Dense.of(6, 2, 2L));
  }

  private static Trainer.Builder trainer(Sequential model, Optimizer optimizer, int epochs) {
    // No divergence factor: the loss stays small; only the step refuses.
    return Trainer.builder(model, Loss.meanSquaredError(), optimizer).epochs(epochs)
        .batchSize(8).divergenceFactor(Double.POSITIVE_INFINITY)
        .schedule(LearningRateSchedule.exponential(2.0));
  }

  @Test
  void anEpochScheduleStopsAtTheStepItsRateIsRefused() {
    Sequential model = model();
    // Rates 0.1, 0.2, 0.4, 0.8, then 1.6: η·λ = 1.6 at the fifth epoch's first step.
    Optimizer adamW = AdamW.builder().learningRate(0.1).weightDecay(1.0).build(model);
    List<History> ended = new ArrayList<>();
    TrainingListener listener = new TrainingListener() {
      @Override
      public void onTrainingEnd(History history) {
        ended.add(history);
      }
    };
    DivergenceException e = assertThrows(DivergenceException.class,
        () -> trainer(model, adamW, 10).listener(listener).build().fit(DATA));

    assertTrue(e.getMessage().startsWith("training diverged at epoch 5, batch 1 of 5: AdamW.step:"
        + " learning rate 1.6 × weight decay 1.0"), e.getMessage());
    assertEquals(4, e.epoch());
    assertEquals(0, e.batch());
    assertInstanceOf(StepRefusedException.class, e.getCause(), "AdamW's refusal, kept");
    assertEquals(4, e.history().epochs().size(), "the epochs that completed");
    assertEquals(List.of(e.history()), ended, "the listeners heard the run end");
    assertEquals(20, adamW.stepCount(), "the refused step changed nothing");

    // The weights of the step before: the same run's, four epochs long, to the bit.
    Sequential fourEpochs = model();
    trainer(fourEpochs, AdamW.builder().learningRate(0.1).weightDecay(1.0).build(fourEpochs), 4)
        .build().fit(DATA);
    for (int i = 0; i < model.parameters().size(); i++) {
      assertArrayEquals(fourEpochs.parameters().get(i).value().toArray(),
          model.parameters().get(i).value().toArray());
    }
  }

  @Test
  void aPerStepScheduleNamesTheBatchOfTheRefusedStep() {
    Sequential model = model();
    Optimizer adamW = AdamW.builder().learningRate(0.1).weightDecay(1.0).build(model);
    DivergenceException e = assertThrows(DivergenceException.class,
        () -> Trainer.builder(model, Loss.meanSquaredError(), adamW).epochs(10).batchSize(8)
            .divergenceFactor(Double.POSITIVE_INFINITY)
            .scheduleEveryStep(LearningRateSchedule.exponential(1.2)).build().fit(DATA));
    // 0.1 · 1.2^t first reaches 1 at t = 13: the 14th step, batch 4 of epoch 3.
    assertEquals(2, e.epoch());
    assertEquals(3, e.batch());
    assertEquals(13, adamW.stepCount(), "the steps before it ran");
    assertInstanceOf(StepRefusedException.class, e.getCause());
  }

  @Test
  void updatingInBackwardTheRefusalStopsTheRunInTheSameWay() {
    Sequential model = model();
    Optimizer adamW = AdamW.builder().learningRate(0.1).weightDecay(1.0).build(model);
    // The refusal comes out of the backward pass, at the first parameter's update: it was
    // AdamW's bare exception, naming neither epoch nor batch.
    DivergenceException e = assertThrows(DivergenceException.class,
        () -> trainer(model, adamW, 10).updateInBackward(true).build().fit(DATA));
    assertEquals(4, e.epoch());
    assertEquals(0, e.batch());
    assertInstanceOf(StepRefusedException.class, e.getCause());
    assertEquals(20, adamW.stepCount(), "the refused step changed nothing");
    Sequential fourEpochs = model();
    trainer(fourEpochs, AdamW.builder().learningRate(0.1).weightDecay(1.0).build(fourEpochs), 4)
        .updateInBackward(true).build().fit(DATA);
    for (int i = 0; i < model.parameters().size(); i++) {
      assertArrayEquals(fourEpochs.parameters().get(i).value().toArray(),
          model.parameters().get(i).value().toArray(), "the weights of the step before");
    }
  }
}
