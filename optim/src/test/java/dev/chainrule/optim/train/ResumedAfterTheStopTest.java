package dev.chainrule.optim.train;

import static dev.chainrule.optim.train.ResumedRecordsTest.TRAIN;
import static dev.chainrule.optim.train.ResumedRecordsTest.VALIDATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.LearningRateSchedule;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.model.HeldOutRows;
import dev.chainrule.optim.model.Validation;
import dev.chainrule.optim.report.BestWeights;
import dev.chainrule.optim.train.ResumedRecordsTest.Run;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run resumed from the checkpoint of the epoch its early stop ran out of patience at (saved
 * before the stop, so a crash while the run ended leaves it as the last) ends where the run did:
 * it trained one more epoch, whose weights and Adam's steps the uninterrupted run never had, and
 * a per-step schedule set the rate of a step that never came. Its reports ({@link BestWeights})
 * say it trained no epoch and which weights it kept; they threw, looking for its last epoch.
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
    Ends ends = assertEndsAsTheRunDid(STOPS, dir);
    History whole = ends.whole();
    History rest = ends.rest();
    // Without restoreBestWeights the model keeps the checkpoint's weights, whose figures the
    // record does not carry: no training loss is made up. Before, each of these threw "history:
    // no epoch completed".
    int last = whole.last().epoch();
    assertEquals("trained no epoch: the early-stopping record it resumed from was already out of"
        + " patience; the model keeps the checkpoint's weights, of epoch " + (last + 1),
        BestWeights.describe(rest));
    assertEquals(Double.NaN, BestWeights.trainLoss(rest));
    assertEquals(Map.of("validation_samples", 64, "stopped_early", true, "weights_epoch",
        last + 1), fields(rest));
  }

  @Test
  void norSetsTheRateOfAStepThatNeverCame(@TempDir Path dir) {
    Ends ends = assertEndsAsTheRunDid(STOPS_ON_A_SCHEDULE, dir);
    History whole = ends.whole();
    History rest = ends.rest();
    // The best epoch's figures come with the record: the report gives them as the whole run's.
    EpochResult best = whole.epochs().get(whole.bestEpoch());
    assertEquals(String.format(Locale.ROOT, "trained no epoch: the early-stopping record it"
        + " resumed from was already out of patience; the model keeps the weights of epoch %d,"
        + " whose validation loss %.4f was the lowest", best.epoch() + 1, best.validationLoss()),
        BestWeights.describe(rest));
    assertEquals(best.trainLoss(), BestWeights.trainLoss(rest), 0.0, "the record's own figure");
    assertEquals(BestWeights.trainLoss(whole), BestWeights.trainLoss(rest), 0.0);
    assertEquals(Map.of("validation_samples", 64, "stopped_early", true, "weights_epoch",
        best.epoch() + 1), fields(rest));
  }

  /** The JSON fields of a run with --patience, as the program's train reports them. */
  private static Map<String, Object> fields(History history) {
    Map<String, Object> report = new HashMap<>();
    BestWeights.addTo(report, new Validation(0.25, 6),
        new HeldOutRows(TRAIN, VALIDATION, "validation"), history);
    return report;
  }

  /** The uninterrupted run's history and the resumed run's. */
  private record Ends(History whole, History rest) {}

  private static Ends assertEndsAsTheRunDid(UnaryOperator<Trainer.Builder> options, Path dir) {
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
    return new Ends(whole, rest.history());
  }
}
