package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.BatchNorm1d;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.PlateauReduction;
import dev.chainrule.optim.PlateauScheduler;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.data.Dataset;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run interrupted after K epochs and resumed from its last periodic checkpoint with {@link
 * Trainer.Builder#resume} ends where the uninterrupted run of N epochs ends, bit for bit: the
 * weights, the optimizer's state, the rates of a reduction on a plateau, the epoch early stopping
 * stops at and the best epoch whose weights it keeps, also when that epoch ran before the
 * checkpoint and no later one improves. Before, both records started afresh at K.
 *
 * <p>The run: a batch-normalised line y = w·(γ·x̂ + β) + b, from slope 0, trained by Adam towards
 * y = 2x and scored against y = x (as in {@code RestoreBestWeightsTest}): the validation loss
 * falls, bottoms out and rises, and the batch normalization adds buffers and a counter.
 */
class ResumedRecordsTest {
  private static final int EPOCHS = 30;
  static final Dataset TRAIN = line(2, 1);
  static final Dataset VALIDATION = line(1, 2);

  static Dataset line(double slope, long seed) {
    Tensor x = Tensors.randn(Shape.of(64, 1), seed);
    return new Dataset(x, x.mul(slope));
  }

  /** The run's model; {@code start} is its slope, which a loaded checkpoint replaces. */
  static Sequential model(double start) {
    return Sequential.of(BatchNorm1d.of(1),
        Dense.of(Tensors.full(Shape.of(1, 1), start), Tensors.zeros(1)));
  }

  /** A run's model, optimizer and history when it ended (or the run resumed from it). */
  record Run(Sequential model, Optimizer optimizer, History history) {}

  static Trainer.Builder builder(Sequential model, Optimizer optimizer,
      UnaryOperator<Trainer.Builder> options) {
    return options.apply(Trainer.builder(model, Loss.meanSquaredError(), optimizer)
        .epochs(EPOCHS).batchSize(16).seed(3));
  }

  static Run uninterrupted(UnaryOperator<Trainer.Builder> options) {
    Sequential model = model(0);
    Optimizer adam = Adam.builder().learningRate(0.05).build(model);
    return new Run(model, adam, builder(model, adam, options).build().fit(TRAIN, VALIDATION));
  }

  /** The same run with a checkpoint every epoch, killed at the end of epoch {@code k}. */
  static Path interrupted(UnaryOperator<Trainer.Builder> options, int k, Path folder) {
    Sequential model = model(0);
    Optimizer adam = Adam.builder().learningRate(0.05).build(model);
    Path checkpoint = folder.resolve("run.safetensors");
    TrainingListener crash = new TrainingListener() {
      @Override
      public void onEpochEnd(EpochResult epoch) {
        if (epoch.epoch() == k) {
          throw new IllegalStateException("killed");
        }
      }
    };
    Trainer trainer = builder(model, adam, options).checkpointEvery(1, checkpoint)
        .listener(crash).build();
    assertEquals("killed", assertThrows(IllegalStateException.class,
        () -> trainer.fit(TRAIN, VALIDATION)).getMessage());
    return checkpoint;
  }

  /** A new process's resume: a model and optimizer built afresh, loaded from the checkpoint. */
  static Run resumed(UnaryOperator<Trainer.Builder> options, Path checkpoint) {
    Sequential model = model(5);
    Optimizer adam = Adam.builder().learningRate(0.05).build(model);
    ResumedRun run = ResumedRun.load(checkpoint, model, adam);
    assertEquals(List.of(), run.notes());
    History history = builder(model, adam, options).resume(run).build().fit(TRAIN, VALIDATION);
    return new Run(model, adam, history);
  }

  /** The resumed run ended where the uninterrupted one did: weights, state, stop, best. */
  static void assertSameEnd(Run whole, Run rest, int k) {
    assertEquals(whole.model().stateDict(), rest.model().stateDict(),
        "parameters and buffers, bit for bit (Tensor equality is exact)");
    assertEquals(whole.optimizer().state(), rest.optimizer().state(), "moments, steps, rate");
    History all = whole.history();
    History tail = rest.history();
    assertEquals(k, tail.epochs().get(0).epoch());
    assertEquals(all.epochs().size() - k, tail.epochs().size(), "the same last epoch");
    assertEquals(all.learningRates().subList(k, all.epochs().size()), tail.learningRates());
    assertEquals(all.trainLosses().subList(k, all.epochs().size()), tail.trainLosses());
    assertEquals(all.stoppedEarly(), tail.stoppedEarly());
    assertEquals(all.bestEpoch(), tail.bestEpoch());
    assertEquals(all.weightsEpoch(), tail.weightsEpoch());
  }

  private static final UnaryOperator<Trainer.Builder> STOPS =
      b -> b.earlyStopping(Monitor.VALIDATION_LOSS, 6, 0).restoreBestWeights(true);

  @Test
  void earlyStoppingResumedAfterItsBestEpochStopsThereWithTheBestWeights(@TempDir Path dir) {
    Run whole = uninterrupted(STOPS);
    History all = whole.history();
    int best = all.bestEpoch();
    assertTrue(all.stoppedEarly() && best > 0, () -> "the scenario: " + all);
    assertEquals(best + 6, all.last().epoch(), "six epochs without improvement, then the stop");
    int k = best + 3;  // the checkpoint of epoch best + 3: two epochs after the best
    Run rest = resumed(STOPS, interrupted(STOPS, k, dir));
    assertSameEnd(whole, rest, k);
    assertEquals(best, rest.history().weightsEpoch(), "the weights of an epoch before the resume");
    assertNotNull(rest.history().earlierBest());
    assertEquals(all.epochs().get(best).validationLoss(),
        rest.history().earlierBest().validationLoss(), 0.0, "its figures come with the record");
    assertEquals(all.epochs().get(best).validationLoss(),
        Evaluation.score(rest.model(), Loss.meanSquaredError(), VALIDATION).loss(), 0.0);

    // Before: the record started afresh at k, epoch k was the best, and the run went on.
    Sequential model = model(5);
    Optimizer adam = Adam.builder().learningRate(0.05).build(model);
    ModelCheckpoint.load(dir.resolve("run.safetensors"), model, adam);
    History afresh = builder(model, adam, STOPS).initialEpoch(k).build().fit(TRAIN, VALIDATION);
    assertNotEquals(best, afresh.weightsEpoch(), "the test tells the records from none");
    assertNotEquals(whole.model().stateDict(), model.stateDict());
  }

  @Test
  void aCheckpointOfTheBestEpochItselfHoldsItsWeights(@TempDir Path dir) {
    int best = uninterrupted(STOPS).history().bestEpoch();
    Path checkpoint = interrupted(STOPS, best + 1, dir);
    assertNull(ModelCheckpoint.load(checkpoint, model(0), null).metadata()
        .get(RecordMetadata.BEST_WEIGHTS_FILE), "no file beside: the checkpoint's are the best");
    assertSameEnd(uninterrupted(STOPS), resumed(STOPS, checkpoint), best + 1);
  }

  @Test
  void aResumeBeforeTheBestEpochFindsItAfter(@TempDir Path dir) {
    Run whole = uninterrupted(STOPS);
    int k = whole.history().bestEpoch() - 1;
    Run rest = resumed(STOPS, interrupted(STOPS, k, dir));
    assertSameEnd(whole, rest, k);
    assertNull(rest.history().earlierBest(), "the best epoch ran after the resume");
  }

  /** The count goes on without the weights: patience alone, the last epoch's weights kept. */
  @Test
  void patienceAloneStopsWhereTheUninterruptedRunStops(@TempDir Path dir) {
    UnaryOperator<Trainer.Builder> patience = b -> b.earlyStopping(Monitor.VALIDATION_LOSS, 4, 0);
    Run whole = uninterrupted(patience);
    int k = whole.history().bestEpoch() + 2;
    Run rest = resumed(patience, interrupted(patience, k, dir));
    assertSameEnd(whole, rest, k);
    assertTrue(rest.history().stoppedEarly());
    assertEquals(rest.history().last().epoch(), rest.history().weightsEpoch());
  }

  private static final PlateauReduction HALVING =
      PlateauReduction.of(0.5, 1).withCooldown(1).withAbsoluteThreshold(1e-3);
  private static final UnaryOperator<Trainer.Builder> PLATEAU =
      b -> b.reduceLearningRateOnPlateau(Monitor.TRAINING_LOSS, HALVING);

  /**
   * The plateau's record (best figure, bad epochs, cooldown) goes on: the resumed run lowers its
   * rate at the uninterrupted run's epochs. The checkpoint is taken mid-plateau, found by
   * replaying the rule on the uninterrupted run's losses.
   */
  @Test
  void aPlateauRunResumedLowersItsRateAtTheSameEpochs(@TempDir Path dir) {
    Run whole = uninterrupted(PLATEAU);
    List<Double> rates = whole.history().learningRates();
    int k = midPlateau(whole.history(), 4);
    Path checkpoint = interrupted(PLATEAU, k, dir);
    PlateauScheduler.State state = ResumedRun.load(checkpoint, model(0), null).plateau()
        .orElseThrow().state();
    assertTrue(state.badEpochs() > 0 || state.cooldownLeft() > 0, () -> "mid-plateau: " + state);
    Run rest = resumed(PLATEAU, checkpoint);
    assertSameEnd(whole, rest, k);

    // Before: a fresh record counted the plateau from k, and lowered the rate at other epochs.
    Sequential model = model(5);
    Optimizer adam = Adam.builder().learningRate(0.05).build(model);
    ModelCheckpoint.load(checkpoint, model, adam);
    History afresh = builder(model, adam, PLATEAU).initialEpoch(k).build().fit(TRAIN, VALIDATION);
    assertNotEquals(rates.subList(k, EPOCHS), afresh.learningRates());
  }

  /** With early stopping and the best weights beside it: each record goes on by its own rule. */
  @Test
  void plateauAndEarlyStoppingResumedTogether(@TempDir Path dir) {
    UnaryOperator<Trainer.Builder> both = b -> STOPS.apply(PLATEAU.apply(b));
    Run whole = uninterrupted(both);
    int k = midPlateau(whole.history(), whole.history().bestEpoch() + 2);
    assertTrue(k < whole.history().last().epoch(), () -> "resumed before the stop: " + k);
    Path checkpoint = interrupted(both, k, dir);
    assertTrue(ResumedRun.load(checkpoint, model(0), null).report().orElseThrow().metadata()
        .containsKey(RecordMetadata.BEST_WEIGHTS_FILE), "the best weights are beside it");
    assertSameEnd(whole, resumed(both, checkpoint), k);
  }

  /**
   * An epoch from {@code from} on after which the rule is mid-plateau (bad epochs counted or a
   * cooldown running) and the rate is still lowered later: the checkpoint whose record matters
   * most.
   */
  private static int midPlateau(History history, int from) {
    PlateauScheduler replay = PlateauScheduler.minimizing(
        Adam.builder().learningRate(0.05).build(model(0)), HALVING);
    List<Double> rates = history.learningRates();
    for (int k = 1; k < history.epochs().size() - 1; k++) {
      replay.step(history.epochs().get(k - 1).trainLoss());
      PlateauScheduler.State state = replay.state();
      boolean lowerLater = rates.subList(k, rates.size()).stream().distinct().count() > 1;
      if ((state.badEpochs() > 0 || state.cooldownLeft() > 0) && lowerLater && k >= from) {
        return k;
      }
    }
    throw new AssertionError("no epoch mid-plateau with a reduction after it: " + rates);
  }
}
