package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.LearningRateSchedule;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.data.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The advice of a resume's refusals and notes, followed: each way out they name must then
 * pass. A hunter followed every one; two led to a second refusal.
 */
class FollowedResumeAdviceTest {
  private static final Split SPLIT = data(40).split(0.25, 3L);

  /** Rows of y = 2·x1 − x2 plus noise. */
  private static Dataset data(int rows) {
    double[][] x = new double[rows][2];
    double[][] y = new double[rows][1];
    Random random = new Random(1);
    for (int i = 0; i < rows; i++) {
      x[i][0] = random.nextGaussian();
      x[i][1] = random.nextGaussian();
      y[i][0] = 2 * x[i][0] - x[i][1] + 0.1 * random.nextGaussian();
    }
    return new Dataset(Tensor.matrix(x), Tensor.matrix(y));
  }

  private static Trainer.Builder builder(Sequential model, Optimizer adam, int epochs) {
    return Trainer.builder(model, Loss.meanSquaredError(), adam).epochs(epochs).batchSize(8);
  }

  /**
   * Six epochs under {@code settings}, checkpointed each epoch, whose best-weights file (the
   * best epoch ran before the last) is then deleted.
   */
  private static Path withoutBestWeights(Path dir, UnaryOperator<Trainer.Builder> settings)
      throws IOException {
    Path checkpoint = dir.resolve("ck.safetensors");
    Sequential model = ResumeFixture.model();
    settings.apply(builder(model, ResumeFixture.adam(model, 0.05), 6))
        .checkpointEvery(1, checkpoint).build().fit(SPLIT.train(), SPLIT.test());
    List<Path> best;
    try (Stream<Path> files = Files.list(dir)) {
      best = files.filter(f -> f.getFileName().toString().contains("best-epoch")).toList();
    }
    assertEquals(1, best.size(), "the scenario: the best epoch ran before the checkpoint's");
    Files.delete(best.get(0));
    return checkpoint;
  }

  /**
   * A run that only restored its best weights (no early stopping), its best-weights file gone:
   * the refusal and the notes said restoreBestWeights(false) goes on with the record, and a run
   * so resumed was refused next, as one that neither stops early nor restores. They now name
   * initialEpoch alone, which, followed, trains.
   */
  @Test
  void aRunThatOnlyRestoredIsToldToStartTheRecordsAfresh(@TempDir Path dir) throws IOException {
    Path checkpoint = withoutBestWeights(dir, b -> b.restoreBestWeights(true));
    Sequential model = ResumeFixture.model();
    Optimizer adam = ResumeFixture.adam(model, 0.05);
    ResumedRun run = ResumedRun.load(checkpoint, model, adam);
    String note = String.join("\n", run.notes());
    assertTrue(note.contains("a run that restores the best weights is refused, and so is one"
        + " that neither restores them nor stops early") && note.contains("initialEpoch(6)"
        + " alone starts the records afresh"), note);
    String refusal = assertThrows(IllegalArgumentException.class,
        () -> builder(model, adam, 10).restoreBestWeights(true).resume(run).build())
        .getMessage();
    assertTrue(refusal.endsWith("put the file back, or resume with initialEpoch(6) alone, which"
        + " starts the records afresh (the checkpoint's run acted on its record only by"
        + " restoring the best weights, so a run that does not restore them cannot go on with"
        + " it)"), refusal);
    assertFalse(refusal.contains("restoreBestWeights(false)"), refusal);

    // What the refusal used to advise is refused, as the advice now says.
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> builder(model, adam, 10).restoreBestWeights(false).resume(run).build())
        .getMessage().contains("neither stops early nor restores the best weights"));
    // The advice followed.
    History history = builder(model, adam, 10).restoreBestWeights(true).initialEpoch(6).build()
        .fit(SPLIT.train(), SPLIT.test());
    assertEquals(4, history.epochs().size(), "epochs 7 to 10");
    assertTrue(history.weightsEpoch() >= 6, "the best of its own epochs");
  }

  /**
   * A run that stopped early and restored, resumed restoring but not stopping: dropping the
   * restore alone would act on the record no more, so the advice adds the early stopping the
   * checkpoint's run had; followed, the record goes on.
   */
  @Test
  void aRunThatStoppedIsToldToStopEarlyWithoutRestoring(@TempDir Path dir) throws IOException {
    UnaryOperator<Trainer.Builder> stops = b -> b.restoreBestWeights(true)
        .earlyStopping(Monitor.VALIDATION_LOSS, 20, 0);
    Path checkpoint = withoutBestWeights(dir, stops);
    Sequential model = ResumeFixture.model();
    Optimizer adam = ResumeFixture.adam(model, 0.05);
    ResumedRun run = ResumedRun.load(checkpoint, model, adam);
    String note = String.join("\n", run.notes());
    assertTrue(note.endsWith("a run that restores the best weights is refused, one that stops"
        + " early without restoring them goes on with the record"), note);
    String refusal = assertThrows(IllegalArgumentException.class,
        () -> builder(model, adam, 10).restoreBestWeights(true).resume(run).build())
        .getMessage();
    assertTrue(refusal.endsWith("put the file back, or resume with restoreBestWeights(false) and"
        + " earlyStopping as the checkpoint's run had it (VALIDATION_LOSS, patience 20, min"
        + " delta 0.0) to go on with the record but the last epoch's weights"), refusal);

    History history = builder(model, adam, 10).restoreBestWeights(false)
        .earlyStopping(Monitor.VALIDATION_LOSS, 20, 0).resume(run).build()
        .fit(SPLIT.train(), SPLIT.test());
    assertEquals(9, history.last().epoch(), "patience 20 outlasts the run");
    assertEquals(9, history.weightsEpoch(), "the last epoch's weights");
    Sequential whole = ResumeFixture.model();
    History uninterrupted = stops.apply(builder(whole, ResumeFixture.adam(whole, 0.05), 10)).build()
        .fit(SPLIT.train(), SPLIT.test());
    assertEquals(uninterrupted.bestEpoch(), history.bestEpoch(),
        "the record went on: the best epoch is judged as the uninterrupted run judged it");
  }

  /**
   * A per-step schedule resumed in another batch size: resume documents that it goes on, and
   * the notes said only that it draws other batches, but fit refused it, counting the
   * checkpoint's steps in the new batches (9 where its batches of 8 had taken 12). The steps
   * before the checkpoint are now the count it records (for a file without one, its epochs in
   * its recorded batch size), and the schedule goes on from the optimizer's count.
   */
  @Test
  void aPerStepScheduleGoesOnInAnotherBatchSize(@TempDir Path dir) {
    Dataset rows = data(30);
    Path checkpoint = dir.resolve("ck.safetensors");
    LearningRateSchedule cycle = LearningRateSchedule.oneCycle(24);
    Sequential first = ResumeFixture.model();
    Optimizer firstAdam = ResumeFixture.adam(first, 0.05);
    Trainer.builder(first, Loss.meanSquaredError(), firstAdam).epochs(3).batchSize(8)
        .scheduleEveryStep(cycle).checkpointEvery(1, checkpoint).build().fit(rows);
    assertEquals(12, firstAdam.stepCount(), "the scenario: 3 epochs of 4 batches of 8");

    Sequential model = ResumeFixture.model();
    Optimizer adam = ResumeFixture.adam(model, 0.05);
    ResumedRun run = ResumedRun.load(checkpoint, model, adam);
    Trainer trainer = Trainer.builder(model, Loss.meanSquaredError(), adam).epochs(6)
        .batchSize(10).scheduleEveryStep(cycle).resume(run).build();
    assertEquals(List.of("ck.safetensors: its run trained in batches of 8; batchSize(10) draws"
        + " other batches than one uninterrupted run would, and the per-step schedule goes on"
        + " from the optimizer's step count, a step a batch; in larger batches the run takes no"
        + " more steps an epoch, so a schedule built for the checkpoint's run's steps (a"
        + " oneCycle's) may end partway, not at its end"), trainer.notes());
    assertEquals(3, trainer.fit(rows).epochs().size());
    assertEquals(21, adam.stepCount(), "12, then 3 epochs of 3 batches of 10");
  }

  /**
   * The refusal of a resumed optimizer whose count falls short, in another batch size, names
   * the checkpoint's batch size its count was taken in, and says that resume loads the state.
   */
  @Test
  void aShortCountInAnotherBatchSizeNamesTheCheckpointsSize(@TempDir Path dir) {
    Dataset rows = data(30);
    Path checkpoint = dir.resolve("ck.safetensors");
    LearningRateSchedule cycle = LearningRateSchedule.oneCycle(24);
    Sequential first = ResumeFixture.model();
    Trainer.builder(first, Loss.meanSquaredError(), ResumeFixture.adam(first, 0.05)).epochs(3)
        .batchSize(8).scheduleEveryStep(cycle).checkpointEvery(1, checkpoint).build().fit(rows);

    Sequential model = ResumeFixture.model();
    Optimizer fresh = ResumeFixture.adam(model, 0.05);
    // ResumedRun.load would load the optimizer's count: a fresh optimizer beside a run read from
    // the metadata alone holds none.
    // Without the step count the checkpoint records, as a file saved before counts were: the
    // count is the checkpoint's epochs in its recorded batch size.
    Map<String, String> metadata = new HashMap<>(
        dev.chainrule.optim.checkpoint.SafeTensors.list(checkpoint).metadata());
    metadata.remove(RunSettings.STEP_COUNT_KEY);
    ResumedRun run = ResumedRun.of(metadata, "ck.safetensors");
    Trainer trainer = Trainer.builder(model, Loss.meanSquaredError(), fresh).epochs(6)
        .batchSize(10).scheduleEveryStep(cycle).resume(run).build();
    assertEquals("trainer: the run resumes at epoch 3 with a per-step schedule, which goes on"
        + " from the optimizer's step count, but the optimizer has taken 0 steps where the run"
        + " had taken 12 by then (3 epochs of 4 batches of 8, the checkpoint's batch size); load"
        + " its state from the checkpoint (ResumedRun.load does)",
        assertThrows(IllegalArgumentException.class, () -> trainer.fit(rows)).getMessage());
  }
}
