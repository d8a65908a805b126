package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.LearningRateSchedule;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.checkpoint.SafeTensors;
import dev.chainrule.optim.data.Dataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A per-step schedule resumed from the checkpoint of a run that was itself resumed in another
 * batch size. Its steps before the checkpoint (12 in batches of 8, then 9 in batches of 10) are
 * no epochs × batches of either size, and the count taken as 6 epochs of 3 batches (18) refused
 * the resume whatever its batch size, though it did what the refusal advised. The checkpoint now
 * records the optimizer's step count, and the schedule goes on from it.
 */
class ResumedStepCountTest {
  private static final double BASE = 0.05;
  private static final int TOTAL = 60;
  private static final LearningRateSchedule CYCLE = LearningRateSchedule.oneCycle(TOTAL);
  private static final Dataset ROWS = ResumeFixture.linearRows(30);

  /**
   * PyTorch's OneCycleLR (cosine, pct_start 0.3, div_factor 25, final_div_factor 1e4) at step
   * {@code s} of {@link #TOTAL}, written out here rather than asked of the schedule.
   */
  private static double oneCycle(long s) {
    double initial = BASE / 25;
    double end = (0.3 * TOTAL) - 1;
    return s <= end ? anneal(initial, BASE, s / end)
        : anneal(BASE, initial / 1e4, (s - end) / (TOTAL - 1 - end));
  }

  private static double anneal(double start, double stop, double pct) {
    return stop + (start - stop) / 2 * (Math.cos(Math.PI * pct) + 1);
  }

  /**
   * After each step: the optimizer's count and the rate the step ran at, which the trainer sets
   * before the step (so that listeners hear the batch's own rate): step {@code count − 1}'s.
   */
  private record Step(long count, double rate) {}

  private static final class Steps implements TrainingListener {
    final Optimizer optimizer;
    final List<Step> steps = new ArrayList<>();

    Steps(Optimizer optimizer) {
      this.optimizer = optimizer;
    }

    @Override
    public void onBatchEnd(BatchResult batch) {
      steps.add(new Step(optimizer.stepCount(), optimizer.learningRate()));
    }

    @Override
    public boolean readsGradients() {
      return false;
    }
  }

  /** Runs A (batches of 8, 3 epochs) and B (resumed in 10 to epoch 6); B's checkpoint. */
  private static Path resumedInAnotherSize(Path dir) {
    Path first = dir.resolve("a.safetensors");
    Path second = dir.resolve("b.safetensors");
    Sequential a = ResumeFixture.model();
    Optimizer aAdam = ResumeFixture.adam(a, BASE);
    Trainer.builder(a, Loss.meanSquaredError(), aAdam).epochs(3).batchSize(8)
        .scheduleEveryStep(CYCLE).checkpointEvery(1, first).build().fit(ROWS);
    assertEquals(12, aAdam.stepCount(), "the scenario: 3 epochs of 4 batches of 8");
    Sequential b = ResumeFixture.model();
    Optimizer bAdam = ResumeFixture.adam(b, BASE);
    Trainer.builder(b, Loss.meanSquaredError(), bAdam).epochs(6).batchSize(10)
        .scheduleEveryStep(CYCLE).resume(ResumedRun.load(first, b, bAdam))
        .checkpointEvery(1, second).build().fit(ROWS);
    assertEquals(21, bAdam.stepCount(), "12, then 3 epochs of 3 batches of 10");
    assertEquals("21", SafeTensors.list(second).metadata().get(RunSettings.STEP_COUNT_KEY));
    return second;
  }

  /** Resumes B's checkpoint in {@code size} to epoch 9; the steps it took. */
  private static List<Step> resumeAgain(Path checkpoint, int size) {
    Sequential c = ResumeFixture.model();
    Optimizer cAdam = ResumeFixture.adam(c, BASE);
    ResumedRun run = ResumedRun.load(checkpoint, c, cAdam);
    Steps steps = new Steps(cAdam);
    History history = Trainer.builder(c, Loss.meanSquaredError(), cAdam).epochs(9)
        .batchSize(size).scheduleEveryStep(CYCLE).resume(run).listener(steps).build().fit(ROWS);
    assertEquals(3, history.epochs().size(), "epochs 6 to 8");
    return steps.steps;
  }

  private static void assertGoesOnFrom21(List<Step> steps, int batches) {
    assertEquals(3 * batches, steps.size());
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      assertEquals(22 + i, step.count(), "no step skipped or repeated: the first is step 21");
      // 1e-12: the same closed form in doubles, a few roundings apart, at rates up to 0.05.
      assertEquals(oneCycle(step.count() - 1), step.rate(), 1e-12, "the rate of step "
          + (step.count() - 1));
    }
  }

  @Test
  void aResumedRunsCheckpointResumesInItsOwnBatchSize(@TempDir Path dir) {
    assertGoesOnFrom21(resumeAgain(resumedInAnotherSize(dir), 10), 3);
  }

  @Test
  void aResumedRunsCheckpointResumesInTheFirstRunsBatchSize(@TempDir Path dir) {
    assertGoesOnFrom21(resumeAgain(resumedInAnotherSize(dir), 8), 4);
  }

  /**
   * Too small batches for the kept cycle: the refusal names the checkpoint's batch size, and not
   * initialEpoch alone, which counts whole epochs of those batches (18 steps, not B's 21) and was
   * refused next.
   */
  @Test
  void tooSmallBatchesAreNotToldInitialEpochAloneWhereItCannotPass(@TempDir Path dir) {
    Path checkpoint = resumedInAnotherSize(dir);
    Sequential c = ResumeFixture.model();
    Optimizer cAdam = ResumeFixture.adam(c, BASE);
    ResumedRun run = ResumedRun.load(checkpoint, c, cAdam);
    // Batches of 2: 15 a epoch, 21 + 45 steps past the cycle's 60.
    Trainer trainer = Trainer.builder(c, Loss.meanSquaredError(), cAdam).epochs(9).batchSize(2)
        .scheduleEveryStep(CYCLE).resume(run).build();
    String message = assertThrows(IllegalArgumentException.class, () -> trainer.fit(ROWS))
        .getMessage();
    assertTrue(message.endsWith("this one's are smaller: resume in batchSize(10)"), message);
    assertEquals(21, cAdam.stepCount(), "refused before any step");
  }

  /** An optimizer whose count is not the recorded one is refused, naming the recorded count. */
  @Test
  void anotherCountIsRefusedByTheRecordedOne(@TempDir Path dir) {
    Path checkpoint = resumedInAnotherSize(dir);
    Sequential c = ResumeFixture.model();
    Optimizer fresh = ResumeFixture.adam(c, BASE);
    ResumedRun run = ResumedRun.of(SafeTensors.list(checkpoint).metadata(), "b.safetensors");
    Trainer trainer = Trainer.builder(c, Loss.meanSquaredError(), fresh).epochs(9).batchSize(8)
        .scheduleEveryStep(CYCLE).resume(run).build();
    String message = assertThrows(IllegalArgumentException.class, () -> trainer.fit(ROWS))
        .getMessage();
    assertTrue(message.contains("the optimizer has taken 0 steps where the run had taken 21 by"
        + " then (as its checkpoint records); load its state from the checkpoint"), message);
    assertEquals(0, fresh.stepCount(), "nothing changed");
  }

  /**
   * A count that cannot be read is noted and not used: the steps are counted from the epochs in
   * the checkpoint's batch size, as for a file saved before counts were recorded.
   */
  @Test
  void anUnreadCountIsNotedAndTheEpochsCountInstead(@TempDir Path dir) {
    Path checkpoint = resumedInAnotherSize(dir);
    Map<String, String> metadata = new HashMap<>(SafeTensors.list(checkpoint).metadata());
    metadata.put(RunSettings.STEP_COUNT_KEY, "many");
    Sequential c = ResumeFixture.model();
    Optimizer cAdam = ResumeFixture.adam(c, BASE);
    ResumedRun.load(checkpoint, c, cAdam);
    Trainer trainer = Trainer.builder(c, Loss.meanSquaredError(), cAdam).epochs(9).batchSize(10)
        .scheduleEveryStep(CYCLE).resume(ResumedRun.of(metadata, "b.safetensors")).build();
    assertEquals(List.of("b.safetensors: its \"chainrule.step_count\" metadata (many) is not a"
        + " step count; a per-step schedule counts the steps before the checkpoint from its"
        + " epochs"), trainer.notes());
    String message = assertThrows(IllegalArgumentException.class, () -> trainer.fit(ROWS))
        .getMessage();
    assertTrue(message.contains("the optimizer has taken 21 steps where the run had taken 18 by"
        + " then (6 epochs of 3 batches)"), message);
  }
}
