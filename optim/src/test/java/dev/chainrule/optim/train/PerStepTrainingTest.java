package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.LearningRateSchedule;
import dev.chainrule.optim.OneCycle;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import dev.chainrule.optim.data.Dataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Trainer.Builder#scheduleEveryStep} in a run: 10 rows in batches of 3, so 4 steps an
 * epoch, under a one-cycle over 5 epochs' 20 steps. The schedule's rates themselves are held
 * against PyTorch's in {@code StepSchedulesTest}; here, that each step runs at its own.
 */
class PerStepTrainingTest {
  private static final Dataset DATA = new Dataset(Tensors.randn(Shape.of(10, 2), 5L),
      Tensors.randn(Shape.of(10, 1), 6L));
  private static final int STEPS_PER_EPOCH = 4;
  private static final OneCycle CYCLE = LearningRateSchedule.oneCycle(5 * STEPS_PER_EPOCH);

  /** The optimizer's rate as each batch ends: the rate the batch's step ran at. */
  private static final class Rates implements TrainingListener {
    private final Optimizer optimizer;
    final List<Double> rates = new ArrayList<>();

    Rates(Optimizer optimizer) {
      this.optimizer = optimizer;
    }

    @Override
    public void onBatchEnd(BatchResult batch) {
      rates.add(optimizer.learningRate());
    }
  }

  private static Trainer.Builder trainer(Dense model, Optimizer optimizer, int epochs) {
    return Trainer.builder(model, Loss.meanSquaredError(), optimizer).epochs(epochs).batchSize(3)
        .seed(11).scheduleEveryStep(CYCLE);
  }

  private static Sgd sgd(Dense model) {
    return Sgd.builder(0.1).momentum(0.9).build(model);
  }

  @Test
  void eachStepRunsAtItsOwnRate() {
    Dense model = Dense.of(2, 1, 3L);
    Sgd sgd = sgd(model);
    Rates rates = new Rates(sgd);
    History history = trainer(model, sgd, 5).listener(rates).build().fit(DATA);

    List<Double> expected = new ArrayList<>();
    for (int step = 0; step < 20; step++) {
      expected.add(CYCLE.rate(0.1, step));
    }
    assertEquals(expected, rates.rates, "step k at the cycle's rate at k, from 0.1/25 to the peak"
        + " 0.1 at step 5 and down");
    assertEquals(4, rates.rates.subList(0, 4).stream().distinct().count(),
        "four rates within the first epoch");
    assertEquals(CYCLE.rate(0.1, 7), history.epochs().get(1).learningRate(),
        "an epoch's rate is its last step's");
    assertEquals(20, sgd.stepCount());
  }

  /** A fit call after another goes on with the schedule: the optimizer's steps count. */
  @Test
  void aSecondFitGoesOnWithTheSchedule() {
    Dense model = Dense.of(2, 1, 3L);
    Sgd sgd = sgd(model);
    Rates rates = new Rates(sgd);
    Trainer trainer = trainer(model, sgd, 2).listener(rates).build();
    trainer.fit(DATA);
    trainer.fit(DATA);
    assertEquals(CYCLE.rate(0.1, 15), rates.rates.get(15));
    assertEquals("trainer: the per-step schedule is shorter than the run: it has no rate for"
        + " one of the run's steps, 16 to 23 (2 epochs of 4 batches after the optimizer's 16 steps"
        + " so far), or for step 24 after them, which PyTorch's scheduler.step() after the last"
        + " step computes: oneCycle: step 23 is past the 20 steps the cycle was built for"
        + " (PyTorch's OneCycleLR raises there too); build it for the run's steps",
        assertThrows(IllegalArgumentException.class, () -> trainer.fit(DATA)).getMessage());
    assertEquals(CYCLE.rate(0.1, 15), sgd.learningRate(), "refused before anything changed");
    assertEquals(16, sgd.stepCount());
  }

  @Test
  void aRunSplitInTwoEndsWhereTheUninterruptedOneDoes(@TempDir Path dir) {
    Dense whole = Dense.of(2, 1, 3L);
    Sgd wholeSgd = sgd(whole);
    Rates wholeRates = new Rates(wholeSgd);
    trainer(whole, wholeSgd, 5).listener(wholeRates).build().fit(DATA);

    Path checkpoint = dir.resolve("run.safetensors");
    Dense first = Dense.of(2, 1, 3L);
    trainer(first, sgd(first), 2).checkpointEvery(2, checkpoint).build().fit(DATA);
    Dense resumed = Dense.of(2, 1, 99L);  // other weights: the checkpoint must replace them
    Optimizer optimizer = Sgd.builder(0.5).momentum(0.9).build(resumed);  // and another rate
    ModelCheckpoint.load(checkpoint, resumed, optimizer);
    int done = Integer.parseInt(SafeTensors.read(checkpoint).metadata().get("epoch"));
    Rates resumedRates = new Rates(optimizer);
    trainer(resumed, optimizer, 5).initialEpoch(done).listener(resumedRates).build().fit(DATA);

    assertEquals(wholeRates.rates.subList(8, 20), resumedRates.rates,
        "steps 8 to 19 at the uninterrupted run's rates, from its initial_lr 0.1");
    assertArrayEquals(whole.weight().value().toArray(), resumed.weight().value().toArray(), 0,
        "the same steps on the same batches at the same rates: bit for bit");
    assertArrayEquals(whole.bias().value().toArray(), resumed.bias().value().toArray(), 0);
  }

  /** A resumed trainer's second fit follows its first: only the first must match the count. */
  @Test
  void aResumedTrainersSecondFitGoesOn() {
    Dense model = Dense.of(2, 1, 3L);
    Sgd sgd = sgd(model);
    Trainer.builder(model, Loss.meanSquaredError(), sgd).epochs(1).batchSize(3).seed(11).build()
        .fit(DATA);
    Trainer resumed = Trainer.builder(model, Loss.meanSquaredError(), sgd).epochs(3)
        .initialEpoch(1).batchSize(3).seed(11)
        .scheduleEveryStep(LearningRateSchedule.cosine(40, 0)).build();
    resumed.fit(DATA);
    resumed.fit(DATA);
    assertEquals(20, sgd.stepCount(), "one epoch, then two fits of two");
  }

  @Test
  void aResumedRunWithoutTheOptimizersCountIsRefused() {
    Dense model = Dense.of(2, 1, 3L);
    Sgd fresh = sgd(model);
    Trainer trainer = trainer(model, fresh, 5).initialEpoch(2).build();
    assertEquals("trainer: the run resumes at epoch 2 with a per-step schedule, which goes on from"
        + " the optimizer's step count, but the optimizer has taken 0 steps where the run had"
        + " taken 8 by then (2 epochs of 4 batches); resume a trainer's checkpoint with"
        + " ResumedRun.load and resume, which go on from the step count and batch size it records"
        + " (ModelCheckpoint.load with initialEpoch passes only when the state's steps are that"
        + " many epochs of this run's batches)",
        assertThrows(IllegalArgumentException.class, () -> trainer.fit(DATA)).getMessage());
    assertEquals(0.1, fresh.learningRate(), "nothing changed");
  }

  @Test
  void aPerStepScheduleBesideAnotherRuleForTheRateIsRefused() {
    Dense model = Dense.of(2, 1, 3L);
    Trainer.Builder both = trainer(model, sgd(model), 5).schedule(LearningRateSchedule.cosine(5,
        0));
    assertEquals("trainer: both schedule(CosineAnnealing[epochs=5, minRate=0.0]), set at each"
        + " epoch's start, and scheduleEveryStep(" + CYCLE + "), set before each step, set the"
        + " learning rate, and each would overwrite the other's; compose one schedule counted in"
        + " steps", assertThrows(IllegalArgumentException.class, both::build).getMessage());
    Trainer.Builder plateau = trainer(model, sgd(model), 5)
        .reduceLearningRateOnPlateau(Monitor.TRAINING_LOSS, 0.5, 2);
    assertEquals("trainer: both a per-step schedule (" + CYCLE + ") and a reduction on a plateau"
        + " set the learning rate, and the schedule would undo each reduction at the next step;"
        + " use one of them", assertThrows(IllegalArgumentException.class, plateau::build)
        .getMessage());
    assertEquals("trainer: the per-step schedule is null", assertThrows(
        NullPointerException.class, () -> trainer(model, sgd(model), 5).scheduleEveryStep(null))
        .getMessage());
  }

  @Test
  void aOneCycleShorterThanTheRunIsRefusedBeforeItsFirstStep() {
    Dense model = Dense.of(2, 1, 3L);
    Sgd sgd = sgd(model);
    double[] weights = model.weight().value().toArray();
    Trainer trainer = trainer(model, sgd, 6).build();  // 24 steps of a cycle of 20
    assertEquals("trainer: the per-step schedule is shorter than the run: it has no rate for"
        + " one of the run's steps, 0 to 23 (6 epochs of 4 batches after the optimizer's 0 steps"
        + " so far), or for step 24 after them, which PyTorch's scheduler.step() after the last"
        + " step computes: oneCycle: step 23 is past the 20 steps the cycle was built for"
        + " (PyTorch's OneCycleLR raises there too); build it for the run's steps",
        assertThrows(IllegalArgumentException.class, () -> trainer.fit(DATA)).getMessage());
    assertEquals(0.1, sgd.learningRate());
    assertArrayEquals(weights, model.weight().value().toArray(), 0);
  }

  /**
   * A cycle one step shorter than the run has a rate at the run's last step (its final minimum,
   * the rate after its own last step) and was taken; PyTorch's OneCycleLR(total_steps=19) in a
   * loop of 20 steps raises at the 20th scheduler.step(). Refused like any shorter cycle now.
   */
  @Test
  void aOneCycleOneStepShortIsRefusedAndOneOfTheRunsLengthTaken() {
    Dense model = Dense.of(2, 1, 3L);
    Sgd sgd = sgd(model);
    Trainer trainer = Trainer.builder(model, Loss.meanSquaredError(), sgd).epochs(5).batchSize(3)
        .seed(11).scheduleEveryStep(LearningRateSchedule.oneCycle(19)).build();  // 20 steps
    assertEquals("trainer: the per-step schedule is shorter than the run: it has no rate for"
        + " one of the run's steps, 0 to 19 (5 epochs of 4 batches after the optimizer's 0 steps"
        + " so far), or for step 20 after them, which PyTorch's scheduler.step() after the last"
        + " step computes: oneCycle: step 20 is past the 19 steps the cycle was built for"
        + " (PyTorch's OneCycleLR raises there too); build it for the run's steps",
        assertThrows(IllegalArgumentException.class, () -> trainer.fit(DATA)).getMessage());
    assertEquals(0, sgd.stepCount());
    assertEquals(0.1, sgd.learningRate(), "refused before anything changed");
    // The run's own length, in one fit and in two (the second ends at the cycle's last step).
    assertEquals(20, trainer(model, sgd, 5).build().fit(DATA).epochs().size() * STEPS_PER_EPOCH);
    Dense other = Dense.of(2, 1, 3L);
    Sgd split = sgd(other);
    trainer(other, split, 4).build().fit(DATA);
    trainer(other, split, 1).build().fit(DATA);
    assertEquals(20, split.stepCount());
  }

  /** A run resumed at epoch 2 counts the epochs it has left, not all of them, in its refusal. */
  @Test
  void aResumedRunsRefusalCountsTheEpochsItHasLeft() {
    Dense model = Dense.of(2, 1, 3L);
    Sgd sgd = sgd(model);
    trainer(model, sgd, 2).build().fit(DATA);
    Trainer resumed = trainer(model, sgd, 8).initialEpoch(2).build();  // 24 steps after 8
    assertEquals("trainer: the per-step schedule is shorter than the run: it has no rate for"
        + " one of the run's steps, 8 to 31 (6 epochs of 4 batches after the optimizer's 8 steps"
        + " so far), or for step 32 after them, which PyTorch's scheduler.step() after the last"
        + " step computes: oneCycle: step 31 is past the 20 steps the cycle was built for"
        + " (PyTorch's OneCycleLR raises there too); build it for the run's steps",
        assertThrows(IllegalArgumentException.class, () -> resumed.fit(DATA)).getMessage());
  }
}
