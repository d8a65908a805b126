package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Reduction;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Recycling;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.LearningRateSchedule;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import dev.chainrule.optim.data.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
  /** Two Gaussian blobs in 2-D, 200 points, labels 0/1. */
  private static Dataset blobs(long seed) {
    Tensor noise = Tensors.randn(Shape.of(200, 2), seed);
    Tensor labels = Tensors.rand(Shape.of(200), seed + 1).gt(0.5);
    Tensor centres = labels.unsqueeze(1).mul(4).sub(2);  // −2 or +2 on both axes
    return new Dataset(noise.add(centres), labels);
  }

  private static Sequential model(long seed) {
    return Sequential.of(Dense.of(2, 8, seed), Activation.tanh(), Dense.of(8, 2, seed + 1));
  }

  @Test
  void stepsThatReuseTheirArraysTrainExactlyAsStepsThatMakeNewOnes() {
    // Batches of 64 rows of 16 hidden units: activations of 1,024 elements, which the trainer
    // hands back after each step when the model and loss are built in. The same loss behind a
    // class of yours, which may keep values (Loss.keepsForwardValues), makes the trainer leave
    // them alone; the two runs must agree bit for bit.
    Loss builtIn = Loss.softmaxCrossEntropy();
    Loss yours = new Loss() {
      @Override
      public Variable compute(Variable prediction, Tensor target) {
        return builtIn.compute(prediction, target);
      }

      @Override
      public Reduction reduction() {
        return builtIn.reduction();
      }

      @Override
      public Outputs outputs() {
        return builtIn.outputs();
      }
    };
    List<Map<String, Tensor>> trained = new ArrayList<>();
    List<Long> recycled = new ArrayList<>();
    for (Loss loss : List.of(builtIn, yours)) {
      Sequential model = Sequential.of(Dense.of(2, 16, 5), Activation.relu(),
          Dense.of(16, 2, 6));
      long before = Recycling.recycledCount();
      Trainer.builder(model, loss, Sgd.builder(0.1).momentum(0.9).build(model))
          .epochs(3).batchSize(64).seed(9).build().fit(blobs(3));
      recycled.add(Recycling.recycledCount() - before);
      trained.add(model.stateDict());
    }
    assertEquals(trained.get(0), trained.get(1));
    // Per step (three epochs of three batches) at least the batch's hidden activations (64 × 16,
    // one array: the Dense layer and its ReLU are one node) come back, beyond the gradients both
    // runs recycle.
    assertTrue(recycled.get(0) >= recycled.get(1) + 3 * 3,
        () -> "arrays recycled, built-in loss then yours: " + recycled);
  }

  @Test
  void fitsSeparableBlobsAndReportsEveryEpoch() {
    Sequential model = model(1);
    List<BatchResult> batches = new ArrayList<>();
    Trainer trainer = Trainer.builder(model, Loss.softmaxCrossEntropy(),
            Sgd.builder(0.1).momentum(0.9).build(model))
        .epochs(5).batchSize(32).seed(7)
        .listener(new TrainingListener() {
          @Override
          public void onBatchEnd(BatchResult batch) {
            batches.add(batch);
          }
        })
        .build();
    Dataset train = blobs(3);
    History history = trainer.fit(train, blobs(4));
    assertEquals(5, history.epochs().size());
    assertEquals(5 * 7, batches.size(), "⌈200 / 32⌉ = 7 batches per epoch");
    assertEquals(200, history.last().samples());
    assertTrue(history.last().validationAccuracy() >= 0.95, history.last()::toString);
    assertTrue(history.last().trainLoss() < history.epochs().get(0).trainLoss());
    assertEquals(history.last().validationAccuracy(),
        Evaluation.score(model, Loss.softmaxCrossEntropy(), blobs(4)).accuracy());
  }

  @Test
  void theSameSeedGivesABitwiseIdenticalLossHistory() {
    List<List<Double>> runs = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      Sequential model = model(5);
      runs.add(Trainer.builder(model, Loss.softmaxCrossEntropy(),
              Adam.builder().learningRate(0.01).build(model))
          .epochs(3).batchSize(16).seed(11).build().fit(blobs(6)).trainLosses());
    }
    assertEquals(runs.get(0), runs.get(1));
  }

  @Test
  void earlyStoppingEndsARunThatStopsImproving() {
    Sequential model = model(2);
    History history = Trainer.builder(model, Loss.softmaxCrossEntropy(),
            Sgd.builder(0.0).build(model))  // a zero learning rate never improves
        .epochs(20).earlyStopping(Monitor.VALIDATION_LOSS, 3, 0).build()
        .fit(blobs(3), blobs(4));
    assertTrue(history.stoppedEarly());
    assertEquals(4, history.epochs().size(), "best at epoch 0, then three without improvement");
    assertEquals(0, history.bestEpoch());
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Trainer.builder(model, Loss.softmaxCrossEntropy(), Sgd.builder(0.1).build(model))
            .earlyStopping(Monitor.VALIDATION_ACCURACY, 2, 0).build().fit(blobs(3)));
    assertEquals("trainer: early stopping on VALIDATION_ACCURACY needs validation data",
        e.getMessage());
    // The training loss is there without. At a zero rate it still moves by ulps, the batches
    // summed in each epoch's shuffled order: a min delta of 1e-9 counts that as no change.
    History byTrainingLoss = Trainer.builder(model, Loss.softmaxCrossEntropy(),
            Sgd.builder(0.0).build(model))
        .epochs(20).earlyStopping(Monitor.TRAINING_LOSS, 2, 1e-9).build().fit(blobs(3));
    assertEquals(3, byTrainingLoss.epochs().size(), "best at epoch 0, then two without");
  }

  @Test
  void schedulesSetTheRateAndCheckpointsAreWrittenPeriodically(@TempDir Path dir) {
    Sequential model = model(3);
    Path file = dir.resolve("run.safetensors");
    History history = Trainer.builder(model, Loss.softmaxCrossEntropy(),
            Sgd.builder(0.2).build(model))
        .epochs(4).schedule(LearningRateSchedule.stepDecay(2, 0.5))
        .checkpointEvery(2, file).clipGradientNorm(1.0).build().fit(blobs(3));
    assertEquals(List.of(0.2, 0.2, 0.1, 0.1),
        history.epochs().stream().map(EpochResult::learningRate).toList());
    assertTrue(Files.exists(file));
    assertEquals("4", SafeTensors.read(file).metadata().get("epoch"));
    assertEquals(model.parameters().get(0).value(),
        SafeTensors.read(file).tensor("0.weight"), "the last checkpoint holds the final model");
    assertTrue(SafeTensors.read(file).tensors().keySet().stream()
        .anyMatch(name -> name.startsWith(ModelCheckpoint.OPTIMIZER_PREFIX)));
  }

  @Test
  void regressionHasNoAccuracy() {
    Sequential model = Sequential.of(Dense.of(2, 1, 1));
    Tensor x = Tensors.randn(Shape.of(64, 2), 1L);
    Dataset data = new Dataset(x, x.matmul(Tensor.matrix(new double[][] {{2}, {-1}})).add(0.5));
    History history = Trainer.builder(model, Loss.meanSquaredError(),
        Sgd.builder(0.1).build(model)).epochs(50).batchSize(64).build().fit(data, data);
    assertTrue(Double.isNaN(history.last().trainAccuracy()));
    assertTrue(history.last().validationLoss() < 1e-6, () -> "MSE " + history.last());
    assertFalse(history.stoppedEarly());
  }
}
