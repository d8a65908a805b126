package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.loss.Loss;
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
    // Mean squared error gives no accuracy, so the watched figure never improves and no epoch is
    // ever the best: stopping comes when epoch - (-1) reaches the patience of 2, at epoch 1.
    History tenEpochs = regression(Dense.of(2, 1, 1L)).epochs(10)
        .earlyStopping(Monitor.VALIDATION_ACCURACY, 2, 0).build().fit(FIVE_ROWS, FIVE_ROWS);
    assertEquals(2, tenEpochs.epochs().size());
    assertTrue(tenEpochs.stoppedEarly());
    assertEquals(-1, tenEpochs.bestEpoch());
    History twoEpochs = regression(Dense.of(2, 1, 1L)).epochs(2)
        .earlyStopping(Monitor.VALIDATION_ACCURACY, 2, 0).build().fit(FIVE_ROWS, FIVE_ROWS);
    assertEquals(2, twoEpochs.epochs().size());
    assertFalse(twoEpochs.stoppedEarly(), "the run ended at its last epoch anyway");
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
