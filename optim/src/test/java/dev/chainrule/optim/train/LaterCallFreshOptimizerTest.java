package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.LearningRateSchedule;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import dev.chainrule.optim.data.Dataset;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second fit call's checkpoint resumed under a per-step schedule with an optimizer that never
 * loaded its state (0 steps) would start the schedule over mid-run: refused, as a first call's
 * is. The check was skipped for every later call's file, whose optimizer also holds the earlier
 * calls' steps; it now asks for at least the steps of the epochs resumed.
 */
class LaterCallFreshOptimizerTest {
  private static final Tensor X = Tensors.randn(Shape.of(23, 4), 1L);
  private static final Dataset TRAIN = new Dataset(X,
      Tensors.rand(Shape.of(23), 8L).gt(0.5));

  private static Sequential model() {
    return Sequential.of(Dense.of(4, 6, 11), Activation.tanh(), Dense.of(6, 2, 12));
  }

  private static Trainer.Builder builder(Sequential model, Optimizer optimizer, Path file) {
    return Trainer.builder(model, Loss.softmaxCrossEntropy(), optimizer).epochs(4).batchSize(5)
        .checkpointEvery(1, file)
        .scheduleEveryStep(LearningRateSchedule.cosineWarmRestarts(7, 1, 0.0));
  }

  /** Stops the second fit call after its second epoch. */
  private static final class StopInSecondCall implements TrainingListener {
    private int epochs;

    @Override
    public void onEpochEnd(EpochResult result) {
      epochs++;
    }

    @Override
    public boolean stopRequested() {
      return epochs == 6;
    }

    @Override
    public boolean readsGradients() {
      return false;
    }
  }

  /**
   * The checkpoint of a trainer's two fit calls, the second stopped by {@link StopInSecondCall},
   * as run.safetensors in {@code dir}.
   */
  private static Path checkpointOfTwoCalls(Path dir) {
    Path file = dir.resolve("run.safetensors");
    Sequential trained = model();
    Trainer twice = builder(trained, Adam.builder().learningRate(0.05).build(trained), file)
        .listener(new StopInSecondCall()).build();
    twice.fit(TRAIN);
    twice.fit(TRAIN);
    return file;
  }

  @Test
  void aFreshOptimizerIsRefused(@TempDir Path dir) {
    Path file = checkpointOfTwoCalls(dir);
    assertEquals("1", SafeTensors.list(file).metadata().get("chainrule.fit_call"), "premise");
    assertEquals("2", SafeTensors.list(file).metadata().get(ModelCheckpoint.EPOCH_KEY));

    Sequential model = model();
    ModelCheckpoint.load(file, model);
    Optimizer fresh = Adam.builder().learningRate(0.05).build(model);
    Trainer resumed = builder(model, fresh, dir.resolve("again.safetensors"))
        .resume(ResumedRun.of(SafeTensors.list(file).metadata(), "run.safetensors")).build();
    String message = assertThrows(IllegalArgumentException.class, () -> resumed.fit(TRAIN))
        .getMessage();
    // The checkpoint records the optimizer's count, exact for a later call's run too.
    String count = SafeTensors.list(file).metadata().get(RunSettings.STEP_COUNT_KEY);
    assertTrue(Long.parseLong(count) >= 10, "the first call's 10 steps and the second's: " + count);
    assertTrue(message.contains("the optimizer has taken 0 steps where the run had taken " + count
        + " by then (as its checkpoint records)"), message);
  }

  /**
   * A later call's checkpoint that does not record the count (saved before chainrule recorded
   * it) bounds it from below: the steps of the epochs resumed, 2 of 5 batches. An optimizer
   * holding exactly that many goes on; a fresh one is refused, told the bound.
   */
  @Test
  void withoutARecordedCountTheEpochsResumedAreTheLeastCount(@TempDir Path dir) {
    Path file = checkpointOfTwoCalls(dir);
    Map<String, String> older = new HashMap<>(SafeTensors.list(file).metadata());
    older.remove(RunSettings.STEP_COUNT_KEY);

    Sequential model = model();
    Optimizer tenSteps = Adam.builder().learningRate(0.05).build(model);
    builder(model, tenSteps, dir.resolve("ten.safetensors")).epochs(2).build().fit(TRAIN);
    assertEquals(10, tenSteps.stepCount(), "premise: 2 epochs of 5 batches (23 rows in 5s)");
    History rest = builder(model, tenSteps, dir.resolve("again.safetensors"))
        .resume(ResumedRun.of(older, "run.safetensors")).build().fit(TRAIN);
    assertEquals(2, rest.epochs().size(), "epochs 3 and 4 of the second call");
    assertEquals(20, tenSteps.stepCount());

    Optimizer fresh = Adam.builder().learningRate(0.05).build(model);
    Trainer refused = builder(model, fresh, dir.resolve("fresh.safetensors"))
        .resume(ResumedRun.of(older, "run.safetensors")).build();
    String message = assertThrows(IllegalArgumentException.class, () -> refused.fit(TRAIN))
        .getMessage();
    assertTrue(message.contains("the optimizer has taken 0 steps where the run had taken at"
        + " least 10 by then (2 epochs of 5 batches"), message);
  }
}
