package dev.chainrule.optim.train;

import static dev.chainrule.optim.train.ResumedRecordsTest.TRAIN;
import static dev.chainrule.optim.train.ResumedRecordsTest.VALIDATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.LearningRateSchedule;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.train.ResumedRecordsTest.Run;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run resumed from the checkpoint of the epoch its early stop ran out of patience at (saved
 * before the stop, so a crash while the run ended leaves it as the last) ends where the run did:
 * it trained one more epoch, whose weights and Adam's steps the uninterrupted run never had, and
 * a per-step schedule set the rate of a step that never came.
 */
class ResumedAfterTheStopTest {
  private static final UnaryOperator<Trainer.Builder> STOPS =
      b -> b.earlyStopping(Monitor.VALIDATION_LOSS, 6, 0);
  // 30 epochs of 4 batches: the schedule has a rate for every step the run could take.
  private static final UnaryOperator<Trainer.Builder> STOPS_ON_A_SCHEDULE =
      b -> b.earlyStopping(Monitor.VALIDATION_LOSS, 6, 0).restoreBestWeights(true)
          .scheduleEveryStep(LearningRateSchedule.cosine(120, 0.001));

  @Test
  void aRunResumedAtItsStopRunsNoEpoch(@TempDir Path dir) {
    assertEndsAsTheRunDid(STOPS, dir);
  }

  @Test
  void norSetsTheRateOfAStepThatNeverCame(@TempDir Path dir) {
    assertEndsAsTheRunDid(STOPS_ON_A_SCHEDULE, dir);
  }

  private static void assertEndsAsTheRunDid(UnaryOperator<Trainer.Builder> options, Path dir) {
    Path checkpoint = dir.resolve("run.safetensors");
    Sequential model = ResumedRecordsTest.model(0);
    Optimizer adam = Adam.builder().learningRate(0.05).build(model);
    History whole = ResumedRecordsTest.builder(model, adam, options)
        .checkpointEvery(1, checkpoint).build().fit(TRAIN, VALIDATION);
    assertTrue(whole.stoppedEarly(), () -> "the scenario: " + whole);

    Run rest = ResumedRecordsTest.resumed(options, checkpoint);
    assertEquals(model.stateDict(), rest.model().stateDict(),
        "parameters and buffers, bit for bit (Tensor equality is exact)");
    assertEquals(adam.state(), rest.optimizer().state(), "moments, steps, rate");
    assertEquals(List.of(), rest.history().epochs(), "no epoch: the run had stopped");
    assertTrue(rest.history().stoppedEarly());
    assertEquals(whole.bestEpoch(), rest.history().bestEpoch());
    assertEquals(whole.weightsEpoch(), rest.history().weightsEpoch());
  }
}
