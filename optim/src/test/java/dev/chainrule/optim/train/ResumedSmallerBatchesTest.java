package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.LearningRateSchedule;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.data.Dataset;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A one-cycle built for a run's steps, resumed in smaller batches, which take more steps: build()
 * noted only that the schedule goes on from the step count, and fit refused with "build it for
 * the run's steps", which build() then refused as another schedule than the checkpoint's. The
 * note and the refusal now name the ways out that pass, each followed here; larger batches are
 * noted to end partway through the cycle.
 */
class ResumedSmallerBatchesTest {
  private static final LearningRateSchedule CYCLE = LearningRateSchedule.oneCycle(24);
  private static final Dataset ROWS = ResumeFixture.linearRows(30);

  /** 3 epochs of 4 batches of 8 under a cycle of 24 steps, the run's 6 epochs' worth. */
  private static Path checkpoint(Path dir) {
    Path file = dir.resolve("ck.safetensors");
    Sequential model = ResumeFixture.model();
    Trainer.builder(model, Loss.meanSquaredError(), ResumeFixture.adam(model, 0.05)).epochs(3)
        .batchSize(8).scheduleEveryStep(CYCLE).checkpointEvery(1, file).build().fit(ROWS);
    return file;
  }

  @Test
  void smallerBatchesAreToldAndRefusedWithTheCheckpointsSize(@TempDir Path dir) {
    Path file = checkpoint(dir);
    Sequential model = ResumeFixture.model();
    Optimizer adam = ResumeFixture.adam(model, 0.05);
    Trainer trainer = Trainer.builder(model, Loss.meanSquaredError(), adam).epochs(6)
        .batchSize(4).scheduleEveryStep(CYCLE).resume(ResumedRun.load(file, model, adam)).build();
    assertEquals(1, trainer.notes().size(), trainer.notes().toString());
    assertTrue(trainer.notes().get(0).endsWith("fit refuses, before any step, a schedule built"
        + " for the checkpoint's run's steps (a oneCycle's) that has no rate for the run's last"
        + " ones: resume in batchSize(8) then"), trainer.notes().get(0));
    double rate = adam.learningRate();
    String message = assertThrows(IllegalArgumentException.class, () -> trainer.fit(ROWS))
        .getMessage();
    assertTrue(message.endsWith("a resumed run keeps its checkpoint's schedule, built for the"
        + " steps of that run's batches of 8, and this one's are smaller: resume in"
        + " batchSize(8), or train with initialEpoch(3) alone in batchSize(8) and a schedule"
        + " built for the run's steps"), message);
    assertEquals(12, adam.stepCount(), "refused before any step");
    assertEquals(rate, adam.learningRate(), "the rate as it was");
  }

  @Test
  void theCheckpointsBatchSizeGoesOn(@TempDir Path dir) {
    Path file = checkpoint(dir);
    Sequential model = ResumeFixture.model();
    Optimizer adam = ResumeFixture.adam(model, 0.05);
    History history = Trainer.builder(model, Loss.meanSquaredError(), adam).epochs(6)
        .batchSize(8).scheduleEveryStep(CYCLE).resume(ResumedRun.load(file, model, adam)).build()
        .fit(ROWS);
    assertEquals(3, history.epochs().size());
    assertEquals(24, adam.stepCount(), "the cycle's 24 steps, to its end");
  }

  @Test
  void initialEpochAloneWithANewScheduleGoesOn(@TempDir Path dir) {
    Path file = checkpoint(dir);
    Sequential model = ResumeFixture.model();
    Optimizer adam = ResumeFixture.adam(model, 0.05);
    ResumedRun.load(file, model, adam);
    History history = Trainer.builder(model, Loss.meanSquaredError(), adam).epochs(9)
        .batchSize(8).scheduleEveryStep(LearningRateSchedule.oneCycle(36)).initialEpoch(3)
        .build().fit(ROWS);
    assertEquals(6, history.epochs().size());
    assertEquals(36, adam.stepCount(), "12, then 6 epochs of 4 batches");
  }

  /**
   * Another schedule in another batch size is refused at build, whose "initialEpoch(3) alone"
   * was then refused by fit in that batch size: it names the checkpoint's, and, followed, trains.
   */
  @Test
  void anotherScheduleInAnotherSizeIsToldTheCheckpointsSize(@TempDir Path dir) {
    Path file = checkpoint(dir);
    Sequential model = ResumeFixture.model();
    Optimizer adam = ResumeFixture.adam(model, 0.05);
    ResumedRun run = ResumedRun.load(file, model, adam);
    String refusal = assertThrows(IllegalArgumentException.class,
        () -> Trainer.builder(model, Loss.meanSquaredError(), adam).epochs(6).batchSize(4)
            .scheduleEveryStep(LearningRateSchedule.oneCycle(36)).resume(run).build())
        .getMessage();
    assertTrue(refusal.endsWith("or resume with initialEpoch(3) alone in batchSize(8), the"
        + " checkpoint's, which goes on without the checkpoint's records and settings"), refusal);
    History history = Trainer.builder(model, Loss.meanSquaredError(), adam).epochs(6)
        .batchSize(8).scheduleEveryStep(LearningRateSchedule.oneCycle(36)).initialEpoch(3)
        .build().fit(ROWS);
    assertEquals(3, history.epochs().size(), "the advice followed");
  }

  /** Larger batches take fewer steps: the note says the cycle may end partway. */
  @Test
  void largerBatchesAreToldTheCycleMayEndPartway(@TempDir Path dir) {
    Path file = checkpoint(dir);
    Sequential model = ResumeFixture.model();
    Optimizer adam = ResumeFixture.adam(model, 0.05);
    Trainer trainer = Trainer.builder(model, Loss.meanSquaredError(), adam).epochs(6)
        .batchSize(10).scheduleEveryStep(CYCLE).resume(ResumedRun.load(file, model, adam))
        .build();
    assertEquals(List.of("ck.safetensors: its run trained in batches of 8; batchSize(10) draws"
        + " other batches than one uninterrupted run would, and the per-step schedule goes on"
        + " from the optimizer's step count, a step a batch; in larger batches the run takes no"
        + " more steps an epoch, so a schedule built for the checkpoint's run's steps (a"
        + " oneCycle's) may end partway, not at its end"), trainer.notes());
    trainer.fit(ROWS);
    assertEquals(21, adam.stepCount(), "12, then 9: 3 short of the cycle's 24");
  }
}
