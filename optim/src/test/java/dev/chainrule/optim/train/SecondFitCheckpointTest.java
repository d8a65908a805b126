package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.LearningRateSchedule;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import dev.chainrule.optim.data.Dataset;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A periodic checkpoint written during a trainer's second {@link Trainer#fit} call records the
 * call ({@value RunSettings#FIT_CALL_KEY}), whose batch orders come from a stream of their own,
 * and a run resumed from it goes on with that stream: it ends where the uninterrupted second call
 * ends, bit for bit. Before, the checkpoint recorded the trainer's seed alone, the resumed run
 * drew the first call's orders, and it ended elsewhere without a word. A first call's checkpoint
 * records no call, as before the entry.
 */
class SecondFitCheckpointTest {
  private static final Dataset TRAIN = data(1, 23);
  private static final Dataset VALIDATION = data(2, 13);

  private static Dataset data(long seed, int rows) {
    Tensor x = Tensors.randn(Shape.of(rows, 4), seed);
    Tensor r = Tensors.rand(Shape.of(rows), seed + 7);
    return new Dataset(x, r.gt(0.33).add(r.gt(0.66)));
  }

  private static Sequential model() {
    return Sequential.of(Dense.of(4, 6, 11), Activation.tanh(), Dense.of(6, 3, 12));
  }

  /** The run's own settings over the fixture's: none, or a per-step schedule and records. */
  private static final UnaryOperator<Trainer.Builder> PLAIN = b -> b;
  private static final UnaryOperator<Trainer.Builder> SCHEDULED = b -> b
      .scheduleEveryStep(LearningRateSchedule.cosineWarmRestarts(7, 1, 0.0));
  private static final UnaryOperator<Trainer.Builder> RECORDED = b -> b
      .scheduleEveryStep(LearningRateSchedule.cosineWarmRestarts(7, 1, 0.0))
      .earlyStopping(Monitor.VALIDATION_LOSS, 3, 0.0).restoreBestWeights(true);

  private static Trainer.Builder builder(Module model, Optimizer adam, Path checkpoint,
      UnaryOperator<Trainer.Builder> settings) {
    return settings.apply(Trainer.builder(model, Loss.softmaxCrossEntropy(), adam).epochs(4)
        .batchSize(5).checkpointEvery(1, checkpoint));
  }

  private static double[] weights(Module model) {
    return model.parameters().stream()
        .flatMapToDouble(p -> Arrays.stream(p.value().toArray())).toArray();
  }

  /** Asks to stop once armed and two epochs ended. */
  private static final class Stopper implements TrainingListener {
    boolean armed;
    int seen;

    @Override
    public void onEpochEnd(EpochResult result) {
      seen += armed ? 1 : 0;
    }

    @Override
    public boolean stopRequested() {
      return armed && seen == 2;
    }

    @Override
    public boolean readsGradients() {
      return false;
    }
  }

  /** The checkpoint of a trainer's second call, stopped after two of its four epochs. */
  private static Path stoppedInTheSecondCall(Path dir, UnaryOperator<Trainer.Builder> settings) {
    Sequential model = model();
    Optimizer adam = Adam.builder().learningRate(0.05).build(model);
    Stopper stopper = new Stopper();
    Path checkpoint = dir.resolve("second.safetensors");
    Trainer trainer = builder(model, adam, checkpoint, settings).listener(stopper).build();
    trainer.fit(TRAIN, VALIDATION);
    stopper.armed = true;
    assertEquals(2, trainer.fit(TRAIN, VALIDATION).epochs().size());
    return checkpoint;
  }

  private record Resumed(Trainer trainer, History history, double[] weights, long steps) {}

  private static Resumed resumed(Path checkpoint, UnaryOperator<Trainer.Builder> settings) {
    Sequential model = model();
    Optimizer adam = Adam.builder().learningRate(0.05).build(model);
    Trainer trainer =
        builder(model, adam, checkpoint.resolveSibling("resumed.safetensors"), settings)
            .resume(ResumedRun.load(checkpoint, model, adam)).build();
    History history = trainer.fit(TRAIN, VALIDATION);
    return new Resumed(trainer, history, weights(model), adam.stepCount());
  }

  private static Path edited(Path checkpoint, Consumer<Map<String, String>> edit) {
    Sequential model = model();
    Optimizer adam = Adam.builder().learningRate(0.05).build(model);
    Map<String, String> metadata =
        new LinkedHashMap<>(ModelCheckpoint.load(checkpoint, model, adam).metadata());
    edit.accept(metadata);
    Path file = checkpoint.resolveSibling("edited.safetensors");
    ModelCheckpoint.save(file, model, adam, metadata);
    return file;
  }

  @Test
  void aSecondCallsCheckpointResumesBitForBit(@TempDir Path dir) {
    assertResumesBitForBit(PLAIN, dir);
  }

  /**
   * With a per-step schedule, early stopping and the best weights, whose records go on too: the
   * step-count check of a resume at epoch 2 asks a second call's optimizer for at least 10
   * steps, as it follows the first call's; before, it asked for exactly 10 and refused the file
   * (15 steps: the 5 of the first call's best epoch, whose count went back with its weights, and
   * this call's 10).
   */
  @Test
  void aSecondCallsCheckpointWithRecordsAndAStepScheduleResumesBitForBit(@TempDir Path dir) {
    assertResumesBitForBit(RECORDED, dir);
  }

  private static void assertResumesBitForBit(UnaryOperator<Trainer.Builder> settings, Path dir) {
    Sequential model = model();
    Optimizer adam = Adam.builder().learningRate(0.05).build(model);
    Trainer trainer = builder(model, adam, dir.resolve("whole.safetensors"), settings).build();
    trainer.fit(TRAIN, VALIDATION);
    History second = trainer.fit(TRAIN, VALIDATION);

    Path checkpoint = stoppedInTheSecondCall(dir, settings);
    Map<String, String> metadata = SafeTensors.list(checkpoint).metadata();
    assertEquals("1", metadata.get(RunSettings.FIT_CALL_KEY));
    assertEquals("2", metadata.get(ModelCheckpoint.EPOCH_KEY));
    Resumed resumed = resumed(checkpoint, settings);
    assertEquals(List.of(), resumed.trainer().notes());
    // Exact: the same batches and steps in the same order give the same bits.
    assertEquals(second.trainLosses().subList(2, 4), resumed.history().trainLosses());
    assertEquals(second.learningRates().subList(2, 4), resumed.history().learningRates());
    assertEquals(second.weightsEpoch(), resumed.history().weightsEpoch());
    assertArrayEquals(weights(model), resumed.weights());
    assertEquals(adam.stepCount(), resumed.steps());
  }

  @Test
  void aFirstCallsCheckpointRecordsNoCall(@TempDir Path dir) {
    Sequential model = model();
    Optimizer adam = Adam.builder().learningRate(0.05).build(model);
    Path checkpoint = dir.resolve("first.safetensors");
    builder(model, adam, checkpoint, PLAIN).build().fit(TRAIN, VALIDATION);
    Map<String, String> metadata = SafeTensors.list(checkpoint).metadata();
    assertFalse(metadata.containsKey(RunSettings.FIT_CALL_KEY), metadata::toString);
    assertEquals(0, RunSettings.call(RunSettings.saved(metadata)));
  }

  @Test
  void aCheckpointWithoutTheCallResumesAsAFirstCallAndAnUnreadCallIsNoted(@TempDir Path dir) {
    Path checkpoint = stoppedInTheSecondCall(dir, PLAIN);
    Resumed whole = resumed(checkpoint, PLAIN);
    // As a file written before calls were recorded: the first call's orders, without a note.
    Resumed old =
        resumed(edited(checkpoint, m -> m.remove(RunSettings.FIT_CALL_KEY)), PLAIN);
    assertEquals(List.of(), old.trainer().notes());
    assertNotEquals(whole.history().trainLosses(), old.history().trainLosses());
    Resumed unread =
        resumed(edited(checkpoint, m -> m.put(RunSettings.FIT_CALL_KEY, "one")), PLAIN);
    assertEquals(List.of("edited.safetensors: its \"chainrule.fit_call\" metadata (one) is not a"
        + " later fit call's index; the run goes on with the batch orders of a trainer's first"
        + " fit call"), unread.trainer().notes());
    assertEquals(old.history().trainLosses(), unread.history().trainLosses());
  }

  /**
   * A second call's checkpoint records its step count, and the count is exact: a resumed
   * optimizer must hold it, not merely at least it (the bound for a later call's checkpoint that
   * records no count). Taken as a lower bound, an optimizer one step ahead (a stray {@code
   * step()} after loading) resumed, and the per-step schedule ran one step off for the rest of
   * the run.
   */
  @Test
  void anOptimizerOneStepAheadOfTheRecordedCountIsRefused(@TempDir Path dir) {
    Path checkpoint = stoppedInTheSecondCall(dir, SCHEDULED);
    Sequential model = model();
    Optimizer adam = Adam.builder().learningRate(0.05).build(model);
    ResumedRun run = ResumedRun.load(checkpoint, model, adam);
    adam.step();  // no gradient: counts one step and changes nothing else
    Trainer ahead = builder(model, adam, dir.resolve("resumed.safetensors"), SCHEDULED)
        .resume(run).build();
    // 4 epochs of 5 batches (23 rows) in the first call, 2 in the second: 30 steps recorded.
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ahead.fit(TRAIN, VALIDATION));
    assertTrue(e.getMessage().contains("the optimizer has taken 31 steps where the run had"
        + " taken 30 by then (as its checkpoint records)"), e.getMessage());
    // Holding the count, the same resume goes on to the call's last two epochs.
    assertEquals(2, resumed(checkpoint, SCHEDULED).history().epochs().size());
  }
}
