package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import dev.chainrule.optim.data.Dataset;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint written during a trainer's second {@link Trainer#fit} call records its step count,
 * and that count is exact: a resumed optimizer must hold it, not merely at least it (the bound
 * that holds for a later call's run whose checkpoint records no count). Were the recorded count
 * taken as a lower bound, an optimizer one step ahead (a stray {@code step()} after loading)
 * would resume, and the per-step schedule would run one step off for the rest of the run.
 */
class SecondFitRecordedStepCountTest {
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

  private static Trainer.Builder builder(Module model, Optimizer adam, Path checkpoint) {
    return Trainer.builder(model, Loss.softmaxCrossEntropy(), adam).epochs(4).batchSize(5)
        .checkpointEvery(1, checkpoint)
        .scheduleEveryStep(LearningRateSchedule.cosineWarmRestarts(7, 1, 0.0));
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
  private static Path stoppedInTheSecondCall(Path dir) {
    Sequential model = model();
    Optimizer adam = Adam.builder().learningRate(0.05).build(model);
    Stopper stopper = new Stopper();
    Path checkpoint = dir.resolve("second.safetensors");
    Trainer trainer = builder(model, adam, checkpoint).listener(stopper).build();
    trainer.fit(TRAIN, VALIDATION);
    stopper.armed = true;
    assertEquals(2, trainer.fit(TRAIN, VALIDATION).epochs().size());
    return checkpoint;
  }

  /** Resumes the checkpoint with {@code extraSteps} gradientless steps taken after loading. */
  private static Trainer resumed(Path checkpoint, int extraSteps) {
    Sequential model = model();
    Optimizer adam = Adam.builder().learningRate(0.05).build(model);
    ResumedRun run = ResumedRun.load(checkpoint, model, adam);
    for (int i = 0; i < extraSteps; i++) {
      adam.step(); // no gradient: counts one step, changes nothing else
    }
    return builder(model, adam, checkpoint.resolveSibling("resumed.safetensors")).resume(run)
        .build();
  }

  @Test
  void anOptimizerOneStepAheadOfTheRecordedCountIsRefused(@TempDir Path dir) {
    Path checkpoint = stoppedInTheSecondCall(dir);
    // 4 epochs of 5 batches (23 rows) in the first call, 2 in the second: 30 steps recorded.
    Trainer ahead = resumed(checkpoint, 1);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ahead.fit(TRAIN, VALIDATION));
    assertTrue(e.getMessage().contains("the optimizer has taken 31 steps where the run had"
        + " taken 30 by then (as its checkpoint records)"), e.getMessage());

    // Holding the count, the same resume goes on to the call's last two epochs.
    assertEquals(2, resumed(checkpoint, 0).fit(TRAIN, VALIDATION).epochs().size());
  }
}
