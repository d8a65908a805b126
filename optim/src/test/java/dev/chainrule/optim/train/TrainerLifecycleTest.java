package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.BatchNorm1d;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Dropout;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A trainer over its life: built from a builder that may change afterwards, fitted more than once,
 * with modules left in their own modes, listeners that end the run, and the divergence reference
 * taken where the model trains. Found by a probe of the Trainer as Keras and PyTorch users drive
 * one.
 */
class TrainerLifecycleTest {
  private static Dataset classes(int rows, long seed) {
    Tensor x = Tensors.randn(Shape.of(rows, 2), seed).mul(3);
    double[] y = new double[rows];
    for (int i = 0; i < rows; i++) {
      y[i] = x.get(i, 0) + x.get(i, 1) > 0 ? 1 : 0;
    }
    return new Dataset(x, Tensor.vector(y));
  }

  /**
   * The reference loss is scored in evaluation mode, where an untrained batch normalization
   * passes inputs of scale 0.01 through unscaled: the training-mode loss, with the inputs
   * normalized, was 300 times it, and a healthy run was stopped as diverged in its first epoch
   * (PyTorch trains the same network at these settings). The first batch now sets the bar.
   */
  @Test
  void aBatchNormalizationFirstDoesNotLookLikeDivergence() {
    Tensor x = Tensors.randn(Shape.of(256, 4), 5L).mul(0.01);
    Dataset data = new Dataset(x, x.sum(1, true));
    Sequential model = Sequential.of(BatchNorm1d.of(4), Dense.of(4, 16, 1L), Activation.relu(),
        Dense.of(16, 1, 2L));
    History history = Trainer.builder(model, Loss.meanSquaredError(),
        Sgd.builder(0.01).build(model)).epochs(5).batchSize(32).build().fit(data);
    assertEquals(5, history.epochs().size());
    assertTrue(history.last().trainLoss() < history.epochs().get(0).trainLoss());
  }

  /**
   * A trained model with dropout scores far lower in evaluation mode than it trains. How far
   * depends on the second call's batch orders: over trainer seeds 0 to 15 its first epoch trained
   * from 0.3 to 103 times above the score. Seed 2 gives 103 times, the case; the default seed gave
   * 240 times while a second call replayed the first's orders an epoch on, and 4.8 since. The
   * seed is pinned for the case, not to dodge a divergence: a later epoch of a second fit, at 10
   * times the trained reference, is no longer one, as the reference is floored at chance (the
   * next test runs seeds 0 to 7).
   */
  @Test
  void aSecondFitOfATrainedModelWithDropoutIsNoDivergenceAndReshuffles() {
    Dataset data = classes(200, 3L);
    Sequential model = Sequential.of(Dense.of(2, 32, 1L), Activation.relu(), Dropout.of(0.5, 3L),
        Dense.of(32, 2, 2L));
    Optimizer adam = Adam.builder().learningRate(0.05).build(model);
    Trainer trainer = Trainer.builder(model, Loss.softmaxCrossEntropy(), adam).epochs(60)
        .batchSize(20).seed(2).build();
    trainer.fit(data);
    double scored = Evaluation.score(model, Loss.softmaxCrossEntropy(), data).loss();
    assertTrue(10 * scored < trainer.fit(data).epochs().get(0).trainLoss(),
        "the case: dropout trains 10 times above the trained model's score");
    List<Double> first = new ArrayList<>();
    recordingTrainer(model, 50, first).fit(data);
    List<Double> again = new ArrayList<>();
    recordingTrainer(model, 50, again).fit(data);
    assertEquals(first.size(), again.size());
    assertNotEquals(first, again, "each fit call draws its own batch order");
  }

  /**
   * A second fit starts from a saturated model, whose loss (0.0024 to 0.017) is the reference,
   * and dropout's noise at Adam's 0.05 lifted some later epoch's mean past ten times it (0.03 to
   * 0.3, below chance's ln 2): the run was stopped as diverged for seeds 1, 5 and 6 of these, and
   * 7 of 16. The reference is floored at the loss at chance, which none of them comes near.
   */
  @Test
  void aSecondFitOfASaturatedModelWithDropoutRunsEveryEpochWhateverTheSeed() {
    Dataset data = classes(200, 3L);
    for (long seed = 0; seed < 8; seed++) {
      Sequential model = Sequential.of(Dense.of(2, 32, 1L), Activation.relu(),
          Dropout.of(0.5, 3L), Dense.of(32, 2, 2L));
      Trainer trainer = Trainer.builder(model, Loss.softmaxCrossEntropy(),
          Adam.builder().learningRate(0.05).build(model)).epochs(60).batchSize(20).seed(seed)
          .build();
      trainer.fit(data);
      assertEquals(60, trainer.fit(data).epochs().size(), "seed " + seed);
    }
  }

  /** A trainer of one epoch at learning rate 0 over {@code model} that adds each batch's loss. */
  private static Trainer recordingTrainer(Sequential model, int batchSize, List<Double> losses) {
    return Trainer.builder(model, Loss.softmaxCrossEntropy(), Sgd.builder(0).build(model))
        .epochs(1).batchSize(batchSize).listener(new TrainingListener() {
          @Override
          public void onBatchEnd(BatchResult batch) {
            losses.add(batch.loss());
          }
        }).build();
  }

  /**
   * The reference's training-mode pass draws its dropout masks from a generator of its own: from
   * the layer's, it advanced the masks, and a seeded run differed with the check on and off.
   */
  @Test
  void theDivergenceCheckLeavesTheRunAsItWouldBeWithout() {
    Dataset data = classes(30, 8L);
    List<Double> with = new ArrayList<>();
    List<Double> without = new ArrayList<>();
    for (List<Double> into : List.of(with, without)) {
      Sequential model = Sequential.of(Dense.of(2, 4, 1L), Dropout.of(0.5, 7L), Dense.of(4, 2,
          2L));
      Trainer.Builder builder = Trainer.builder(model, Loss.softmaxCrossEntropy(),
          Sgd.builder(0.1).build(model)).epochs(2).batchSize(3);
      if (into == without) {
        builder.divergenceFactor(Double.POSITIVE_INFINITY);
      }
      builder.build().fit(data).epochs().forEach(e -> into.add(e.trainLoss()));
    }
    assertEquals(without, with);
  }

  /** One-epoch fit calls in a loop replayed one batch order; Keras reshuffles every call. */
  @Test
  void eachFitCallOnOneTrainerDrawsItsOwnBatchOrder() {
    Dataset data = classes(40, 9L);
    Sequential model = Sequential.of(Dense.of(2, 2, 1L));
    List<Double> losses = new ArrayList<>();
    Trainer trainer = recordingTrainer(model, 10, losses);
    trainer.fit(data);
    List<Double> first = List.copyOf(losses);
    losses.clear();
    trainer.fit(data);
    // At learning rate 0 the model never changes: only the batches' composition can differ.
    assertNotEquals(first, losses);
    losses.clear();
    recordingTrainer(model, 10, losses).fit(data);
    assertEquals(first, losses, "a new trainer of the same seed repeats the first call's");
  }

  /**
   * The second call's seed was the first's plus SplittableRandom's γ, and each epoch adds γ
   * again: call 1's epoch e was call 0's epoch e + 1, so two calls of three epochs trained on
   * four orders, not six. With one row a batch at learning rate 0, each batch's loss names its
   * row, so an epoch's losses are its order.
   */
  @Test
  void aSecondFitDoesNotReplayTheFirstsLaterEpochs() {
    Dataset data = classes(12, 2L);
    Sequential model = Sequential.of(Dense.of(2, 2, 1L));
    List<Double> losses = new ArrayList<>();
    Trainer trainer = Trainer.builder(model, Loss.softmaxCrossEntropy(), Sgd.builder(0)
        .build(model)).epochs(3).batchSize(1).seed(7).listener(new TrainingListener() {
          @Override
          public void onBatchEnd(BatchResult batch) {
            losses.add(batch.loss());
          }
        }).build();
    trainer.fit(data);
    trainer.fit(data);
    assertEquals(12, Set.copyOf(losses.subList(0, 12)).size(), "each row's loss its own");
    List<List<Double>> epochs = new ArrayList<>();
    for (int e = 0; e < 6; e++) {
      epochs.add(losses.subList(12 * e, 12 * e + 12));
    }
    // Fixed seeds; were the orders random, two of the 15 pairs would agree once in 3·10^7 runs.
    assertEquals(6, Set.copyOf(epochs).size(), "six epochs, six orders: " + epochs);
  }

  @Test
  void aBuilderChangedAfterBuildChangesNoTrainer() {
    Dataset data = classes(20, 4L);
    Sequential model = Sequential.of(Dense.of(2, 2, 1L));
    Trainer.Builder builder = Trainer.builder(model, Loss.softmaxCrossEntropy(),
        Sgd.builder(0.1).build(model)).epochs(2).batchSize(10);
    Trainer trainer = builder.build();
    builder.epochs(5).initialEpoch(4);
    builder.listener(new TrainingListener() {});
    assertEquals(2, trainer.fit(data).epochs().size(), "the options at build()");
  }

  @Test
  void aModuleLeftInEvaluationModeStaysThereAndAListenerMayEndTheRun() {
    Dataset data = classes(40, 6L);
    BatchNorm1d frozen = BatchNorm1d.of(2);
    Sequential model = Sequential.of(frozen, Dense.of(2, 2, 1L));
    frozen.eval();
    Tensor mean = frozen.namedBuffers().get("running_mean").copy();
    int[] heard = new int[2];
    History history = Trainer.builder(model, Loss.softmaxCrossEntropy(),
        Sgd.builder(0.1).build(model.parameters().subList(2, 4))).epochs(10).batchSize(10)
        .listener(new TrainingListener() {
          @Override
          public void onEpochEnd(EpochResult epoch) {
            heard[0]++;
          }

          @Override
          public boolean stopRequested() {
            return heard[0] == 3;
          }

          @Override
          public void onTrainingEnd(History h) {
            heard[1]++;
          }
        }).build().fit(data);
    assertFalse(frozen.isTraining(), "fit trains a training-mode model in its modules' modes");
    assertEquals(mean, frozen.namedBuffers().get("running_mean"), "statistics untouched");
    assertEquals(3, history.epochs().size());
    assertTrue(history.stoppedEarly());
    assertEquals(1, heard[1], "and every listener hears the end");
  }

  /**
   * Passes its input on in training and answers NaN when evaluated: a validation loss never
   * finite from finite rows (validation rows holding NaN stop the run, naming the row).
   */
  private static final class NanWhenEvaluated extends Module {
    @Override
    public Variable forward(Variable x) {
      return isTraining() ? x : x.mul(Double.NaN);
    }
  }

  @Test
  void patienceCountsFromAResumedRunsFirstEpochWhenNothingImproved() {
    Dataset data = classes(20, 7L);
    Sequential model = Sequential.of(Dense.of(2, 2, 1L), new NanWhenEvaluated());
    History history = Trainer.builder(model, Loss.softmaxCrossEntropy(),
        Sgd.builder(0.1).build(model)).epochs(20).initialEpoch(6).batchSize(10)
        .earlyStopping(Monitor.VALIDATION_LOSS, 3, 0).build().fit(data, data);
    assertEquals(3, history.epochs().size(), "patience 3: three epochs, as from epoch 0");
  }

  @Test
  void theLastEpochOfNoneIsNamedNotAnIndexError() {
    History none = new History(List.of(), false, -1, -1);
    assertEquals("history: no epoch completed, so there is no last one",
        assertThrows(IllegalStateException.class, none::last).getMessage());
  }
}
