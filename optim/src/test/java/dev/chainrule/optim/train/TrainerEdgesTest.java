package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Adagrad;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.AdamW;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.RmsProp;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.checkpoint.SafeTensors;
import dev.chainrule.optim.data.Dataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer's settings at their limits, how it sums an epoch of unequal batches, when early
 * stopping stops, and which epoch a periodic checkpoint records.
 */
class TrainerEdgesTest {
  private static final Dataset FIVE_ROWS = new Dataset(Tensors.randn(Shape.of(5, 2), 1L),
      Tensors.randn(Shape.of(5, 1), 2L));

  private static Trainer.Builder regression(Dense model) {
    return Trainer.builder(model, Loss.meanSquaredError(), Sgd.builder(0.01).build(model));
  }

  private static void assertRefused(String message, Executable setting) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, setting).getMessage());
  }

  /**
   * Every optimizer that takes maximize is refused once it climbs, since the trainer's divergence
   * check and monitors read a rising loss as a run going wrong; the same optimizer descending
   * builds.
   */
  @Test
  void optimizersThatMaximizeAreRefused() {
    Dense model = Dense.of(2, 1, 1L);
    List<Optimizer> climbing = List.of(Sgd.builder(0.01).maximize(true).build(model),
        Adam.builder().maximize(true).build(model), AdamW.builder().maximize(true).build(model),
        RmsProp.builder().maximize(true).build(model),
        Adagrad.builder().maximize(true).build(model));
    for (Optimizer optimizer : climbing) {
      assertTrue(optimizer.maximizes(), optimizer::toString);
      Trainer.Builder builder = Trainer.builder(model, Loss.meanSquaredError(), optimizer);
      assertRefused("trainer: the optimizer " + optimizer + " maximizes, and the trainer"
          + " minimizes its loss (its divergence check, early stopping and best weights take"
          + " lower as better); train on the negated objective with an optimizer that"
          + " minimizes, or run the ascent in a loop of your own", builder::build);
    }
    Optimizer descending = Adam.builder().maximize(false).build(model);
    assertFalse(descending.maximizes());
    assertEquals(1, Trainer.builder(model, Loss.meanSquaredError(), descending).epochs(1)
        .build().fit(FIVE_ROWS).epochs().size());
  }

  @Test
  void settingsMustBePositive(@TempDir Path folder) {
    Trainer.Builder builder = regression(Dense.of(2, 1, 1L));
    assertRefused("trainer: epochs must be positive, got 0", () -> builder.epochs(0));
    assertRefused("trainer: batch size must be positive, got 0", () -> builder.batchSize(0));
    assertRefused("trainer: max norm must be positive, got 0.0",
        () -> builder.clipGradientNorm(0));
    assertRefused("trainer: patience must be positive, got 0",
        () -> builder.earlyStopping(Monitor.VALIDATION_LOSS, 0, 0));
    assertRefused("trainer: checkpoint interval must be positive, got 0",
        () -> builder.checkpointEvery(0, folder.resolve("c.safetensors")));
    // Refused before the first epoch's work, which a save after it would lose.
    assertRefused("trainer: the checkpoint file " + folder + " is a folder; give a file name",
        () -> builder.checkpointEvery(1, folder));
    Path missing = folder.resolve("missing");
    assertRefused("trainer: the checkpoint file " + missing.resolve("c.safetensors") + ": the"
        + " folder " + missing + " does not exist",
        () -> builder.checkpointEvery(1, missing.resolve("c.safetensors")));
    // The smallest allowed values are taken.
    History history = builder.epochs(1).batchSize(1).clipGradientNorm(1e-3).dropLast(true)
        .build().fit(FIVE_ROWS, null);
    assertEquals(5, history.last().samples());
  }

  @Test
  void anEpochOfUnequalBatchesWeighsEachBatchByItsRows() {
    List<BatchResult> batches = new ArrayList<>();
    History history = regression(Dense.of(2, 1, 1L)).epochs(1).batchSize(2)
        .listener(new TrainingListener() {
          @Override
          public void onBatchEnd(BatchResult batch) {
            batches.add(batch);
          }
        }).build().fit(FIVE_ROWS, null);
    assertEquals(List.of(0, 1, 2), batches.stream().map(BatchResult::batch).toList());
    assertEquals(List.of(2, 2, 1), batches.stream().map(BatchResult::samples).toList());
    double weighted = batches.stream().mapToDouble(b -> b.loss() * b.samples()).sum() / 5;
    EpochResult epoch = history.last();
    // The same three products summed in the same order: equal to the last bit.
    assertEquals(weighted, epoch.trainLoss(), 0);
    assertEquals(5, epoch.samples());
    assertTrue(Double.isNaN(epoch.trainAccuracy()), "mean squared error does not classify");
    assertTrue(epoch.seconds() >= 0 && epoch.seconds() < 600,
        "a plausible duration in seconds, not nanoseconds: " + epoch.seconds());
  }

  @Test
  void aSummedLossIsReportedAsTheSumOfItsBatches() {
    Dense model = Dense.of(2, 1, 1L);
    List<Double> losses = new ArrayList<>();
    History history = Trainer.builder(model, Loss.sumOfSquares(), Sgd.builder(0.01).build(model))
        .epochs(1).batchSize(2).listener(new TrainingListener() {
          @Override
          public void onBatchEnd(BatchResult batch) {
            losses.add(batch.loss());
          }
        }).build().fit(FIVE_ROWS, null);
    assertEquals(losses.get(0) + losses.get(1) + losses.get(2), history.last().trainLoss(), 0,
        "the same sum in the same order");
  }

  @Test
  void accuracyCountsABatchWithNoRowRight() {
    // Every weight and bias starts at 0, so both logits tie at 0 and argmax picks class 0; the
    // labels are all class 1, and the one batch is scored before its step: 0 right, an accuracy
    // of 0, not NaN.
    Dense model = Dense.builder(2, 2).init(Init.zeros()).biasInit(Init.zeros()).build();
    Dataset allOnes = new Dataset(Tensors.randn(Shape.of(4, 2), 3L), Tensor.vector(1, 1, 1, 1));
    History history = Trainer.builder(model, Loss.softmaxCrossEntropy(),
        Sgd.builder(0.1).build(model)).epochs(1).batchSize(4).build().fit(allOnes, null);
    assertEquals(0.0, history.last().trainAccuracy(), 0);
  }

  @Test
  void earlyStoppingStopsAfterPatienceEpochsWithoutImprovement() {
    // A learning rate of 0 leaves the model as it is, so the validation loss never improves on
    // epoch 0's: stopping comes when epoch - 0 reaches the patience of 2, at epoch 2.
    Dense frozen = Dense.of(2, 1, 1L);
    History tenEpochs = Trainer.builder(frozen, Loss.meanSquaredError(),
        Sgd.builder(0).build(frozen)).epochs(10).earlyStopping(Monitor.VALIDATION_LOSS, 2, 0)
        .build().fit(FIVE_ROWS, FIVE_ROWS);
    assertEquals(3, tenEpochs.epochs().size());
    assertTrue(tenEpochs.stoppedEarly());
    assertEquals(0, tenEpochs.bestEpoch());
    History threeEpochs = Trainer.builder(frozen, Loss.meanSquaredError(),
        Sgd.builder(0).build(frozen)).epochs(3).earlyStopping(Monitor.VALIDATION_LOSS, 2, 0)
        .build().fit(FIVE_ROWS, FIVE_ROWS);
    assertEquals(3, threeEpochs.epochs().size());
    assertFalse(threeEpochs.stoppedEarly(), "the run ended at its last epoch anyway");
  }

  /**
   * Settings under which early stopping cannot judge an epoch: a NaN min delta made every
   * comparison false, so the run stopped after the patience whatever the losses; mean squared
   * error has no accuracy, so watching it stopped the run with no best epoch (−1).
   */
  @Test
  void earlyStoppingRefusesAFigureOrDeltaThatCannotBeCompared() {
    Trainer.Builder builder = regression(Dense.of(2, 1, 1L));
    assertRefused("trainer: early stopping's min delta must be finite and non-negative, got NaN",
        () -> builder.earlyStopping(Monitor.VALIDATION_LOSS, 2, Double.NaN));
    assertRefused("trainer: early stopping's min delta must be finite and non-negative, got"
        + " -0.001", () -> builder.earlyStopping(Monitor.VALIDATION_LOSS, 2, -1e-3));
    assertRefused("trainer: early stopping's min delta must be finite and non-negative, got"
        + " Infinity", () -> builder.earlyStopping(Monitor.VALIDATION_LOSS, 2,
        Double.POSITIVE_INFINITY));
    assertRefused("trainer: early stopping watches the validation accuracy, which is not a number"
        + " for the loss mean-squared-error (mean) (its outputs are values, not classes); watch"
        + " VALIDATION_LOSS", () -> builder.earlyStopping(Monitor.VALIDATION_ACCURACY, 2, 0));
  }

  /** A loss of one's own that forgot its mean was refused by item(), "tensor of shape ...". */
  @Test
  void aLossThatGivesOneValuePerSampleIsNamedAsSuch() {
    Dense model = Dense.of(2, 1, 1L);
    Loss perSample = (prediction, target) -> prediction.sub(Variable.constant(target)).square();
    Trainer trainer = Trainer.builder(model, perSample, Sgd.builder(0.01).build(model))
        .epochs(1).batchSize(2).build();
    assertRefused("score: the loss gave a value of shape [5, 1] for 5 samples; a loss must"
        + " reduce them to one number (their mean or sum), as Loss.compute says",
        () -> trainer.fit(FIVE_ROWS));
  }

  /** With no rows, every epoch's loss and every validation score was 0/0 = NaN. */
  @Test
  void emptyDataIsRefused() {
    Dataset none = FIVE_ROWS.subset(new int[0]);
    assertEquals(0, none.size());
    Trainer trainer = regression(Dense.of(2, 1, 1L)).epochs(1).build();
    assertRefused("trainer: the training data has no rows; an epoch would take no step and its"
        + " loss would be 0/0 = NaN", () -> trainer.fit(none, FIVE_ROWS));
    assertRefused("trainer: the validation data has no rows; its loss and accuracy would be"
        + " 0/0 = NaN", () -> trainer.fit(FIVE_ROWS, none));
  }

  /**
   * An optimizer built for another model stepped without error and left this one untrained; one
   * that shares at least one parameter with the model (a frozen part left out) is accepted.
   */
  @Test
  void anOptimizerOfAnotherModelIsRefused() {
    Dense model = Dense.of(2, 1, 1L);
    Dense twin = Dense.of(2, 1, 1L);  // equal values, other parameters
    assertRefused("trainer: the optimizer updates none of the model's 2 parameters (its 2"
        + " parameters belong to another model?); build it from this model",
        () -> Trainer.builder(model, Loss.meanSquaredError(), Sgd.builder(0.01).build(twin)));
    Trainer.builder(model, Loss.meanSquaredError(),
        Sgd.builder(0.01).build(List.of(model.parameters().get(0)))).build();
  }

  @Test
  void aPeriodicCheckpointRecordsTheEpochsRun(@TempDir Path folder) {
    Path file = folder.resolve("run.safetensors");
    List<Boolean> existedAfterEpoch = new ArrayList<>();
    regression(Dense.of(2, 1, 1L)).epochs(3).checkpointEvery(3, file)
        .listener(new TrainingListener() {
          @Override
          public void onEpochEnd(EpochResult epoch) {
            existedAfterEpoch.add(file.toFile().exists());
          }
        }).build().fit(FIVE_ROWS, null);
    assertEquals(List.of(false, false, false), existedAfterEpoch, "listeners run before saving");
    assertEquals("3", SafeTensors.read(file).metadata().get("epoch"));
  }
}
