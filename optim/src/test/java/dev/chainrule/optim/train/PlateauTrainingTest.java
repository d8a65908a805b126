package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.LearningRateSchedule;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.PlateauReduction;
import dev.chainrule.optim.PlateauScheduler;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.data.Dataset;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Trainer.Builder#reduceLearningRateOnPlateau} in a run: a line fitted by SGD, whose
 * validation data follows a steeper line, so the validation loss levels off above 0 within a few
 * epochs and the rate is reduced. {@link PlateauScheduler}'s rule itself is held against
 * PyTorch's in {@code PlateauSchedulerTest}.
 */
class PlateauTrainingTest {
  private static final int EPOCHS = 20;
  private static final int BATCH = 16;
  private static final long SEED = 3;

  private static Dataset line(double slope, long seed) {
    Tensor x = Tensors.randn(Shape.of(64, 1), seed);
    return new Dataset(x, x.mul(slope).add(Tensors.randn(Shape.of(64, 1), seed + 1).mul(0.1)));
  }

  private static Sequential model() {
    return Sequential.of(Dense.of(Tensors.zeros(1, 1), Tensors.zeros(1)));
  }

  private static Trainer.Builder builder(Sequential model, Optimizer optimizer) {
    return Trainer.builder(model, Loss.meanSquaredError(), optimizer).epochs(EPOCHS)
        .batchSize(BATCH).seed(SEED);
  }

  @Test
  void eachEpochRunsAtTheRateThePlateauLeftAndTheOptimizerStepsWithIt(@TempDir Path folder) {
    Sequential model = model();
    Sgd sgd = Sgd.builder(0.1).build(model);
    Path checkpoint = folder.resolve("run.safetensors");
    History history = builder(model, sgd).reduceLearningRateOnPlateau(Monitor.VALIDATION_LOSS,
        0.5, 1).checkpointEvery(1, checkpoint).build().fit(line(2, 1), line(2.2, 5));

    // The rates: the first epoch at the optimizer's, each next one at what the rule, fed the
    // validation losses so far, left (a PyTorch loop's scheduler.step(val_loss)).
    PlateauScheduler replay = PlateauScheduler.minimizing(
        Sgd.builder(0.1).build(List.of(Variable.parameter(Tensor.scalar(0)))),
        PlateauReduction.of(0.5, 1));
    List<Double> rates = history.learningRates();
    double next = 0.1;
    for (EpochResult epoch : history.epochs()) {
      assertEquals(next, rates.get(epoch.epoch()), "epoch " + epoch.epoch());
      next = replay.step(epoch.validationLoss());
    }
    assertEquals(next, sgd.learningRate(), "the last epoch's reduction is made too");
    // PyTorch 1.13's ReduceLROnPlateau(SGD(lr=0.1), factor=0.5, patience=1), fed this run's
    // validation losses, gives these rates (the losses level off at 0.038 by epoch 11, and the
    // nearest call, epoch 11's improvement, is 4e-4 relative, four times the threshold).
    assertEquals(List.of(0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1,
        0.05, 0.05, 0.025, 0.025, 0.0125, 0.0125), rates);
    assertEquals(0.00625, sgd.learningRate());
    assertEquals(next, loadedRate(checkpoint), "a checkpoint holds the next epoch's rate");

    // The optimizer steps with the reduced rates: a loop of one's own, with the trainer's batch
    // order and the rates it recorded, ends with the same weights, bit for bit.
    Sequential mine = model();
    Sgd mySgd = Sgd.builder(0.1).build(mine);
    Dataset train = line(2, 1);
    for (int e = 0; e < EPOCHS; e++) {
      mySgd.setLearningRate(rates.get(e));
      for (Dataset batch : train.batches(BATCH, SEED, false).epoch(e)) {
        mySgd.zeroGrad();
        Loss.meanSquaredError().compute(mine.forward(Variable.constant(batch.features())),
            batch.labels()).backward();
        mySgd.step();
      }
    }
    assertEquals(mine.stateDict(), model.stateDict());
  }

  /** The best epoch's weights come back; the rate lowered after it stays lowered. */
  @Test
  void restoringTheBestWeightsKeepsTheReducedRate() {
    Sequential model = model();
    Sgd sgd = Sgd.builder(0.1).build(model);
    History history = builder(model, sgd).reduceLearningRateOnPlateau(Monitor.VALIDATION_LOSS,
        0.5, 1).restoreBestWeights(true).build().fit(line(2, 1), line(2.2, 5));
    assertTrue(history.weightsEpoch() < EPOCHS - 1, "an earlier epoch's weights: " + history);
    assertEquals(0.00625, sgd.learningRate(), "the four reductions of the run above stay");
  }

  @Test
  void theTrainingLossNeedsNoValidationData() {
    Sequential model = model();
    Sgd sgd = Sgd.builder(0.1).build(model);
    History history = builder(model, sgd)
        .reduceLearningRateOnPlateau(Monitor.TRAINING_LOSS, PlateauReduction.of(0.1, 0)
            .withAbsoluteThreshold(1e-3).withCooldown(3))
        .build().fit(line(2, 1));
    PlateauScheduler replay = PlateauScheduler.minimizing(
        Sgd.builder(0.1).build(List.of(Variable.parameter(Tensor.scalar(0)))),
        PlateauReduction.of(0.1, 0).withAbsoluteThreshold(1e-3).withCooldown(3));
    double next = 0.1;
    for (EpochResult epoch : history.epochs()) {
      assertEquals(next, epoch.learningRate(), "epoch " + epoch.epoch());
      next = replay.step(epoch.trainLoss());
    }
    assertTrue(sgd.learningRate() < 0.1, "reduced: " + history.learningRates());
  }

  @Test
  void refusesWhatItCannotDo() {
    Sequential model = model();
    Sgd sgd = Sgd.builder(0.1).build(model);
    IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
        () -> builder(model, sgd).schedule(LearningRateSchedule.exponential(0.9))
            .reduceLearningRateOnPlateau(Monitor.VALIDATION_LOSS, 0.5, 2).build());
    assertEquals("trainer: both a schedule (Exponential[gamma=0.9]) and a reduction on a plateau"
        + " set the learning rate, and the schedule would undo each reduction at the next epoch's"
        + " start; use one of them", both.getMessage());
    IllegalArgumentException accuracy = assertThrows(IllegalArgumentException.class,
        () -> builder(model, sgd).reduceLearningRateOnPlateau(Monitor.VALIDATION_ACCURACY, 0.5,
            2));
    assertEquals("trainer: the plateau reduction watches the validation accuracy, which is not a"
        + " number for the loss " + Loss.meanSquaredError() + " (its outputs are values, not"
        + " classes); watch VALIDATION_LOSS", accuracy.getMessage());
    Trainer trainer = builder(model, sgd)
        .reduceLearningRateOnPlateau(Monitor.VALIDATION_LOSS, 0.5, 2).build();
    IllegalStateException noValidation = assertThrows(IllegalStateException.class,
        () -> trainer.fit(line(2, 1)));
    assertEquals("trainer: reducing the learning rate on a plateau of VALIDATION_LOSS needs"
        + " validation data; pass some, or watch TRAINING_LOSS", noValidation.getMessage());
    assertEquals(0.1, sgd.learningRate(), "nothing ran");
  }

  private static double loadedRate(Path checkpoint) {
    Sequential model = model();
    Sgd sgd = Sgd.builder(1).build(model);
    ModelCheckpoint.load(checkpoint, model, sgd);
    return sgd.learningRate();
  }
}
