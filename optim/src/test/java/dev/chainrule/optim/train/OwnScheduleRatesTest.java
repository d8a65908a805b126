package dev.chainrule.optim.train;

import static dev.chainrule.optim.train.ResumedRecordsTest.TRAIN;
import static dev.chainrule.optim.train.ResumedRecordsTest.VALIDATION;
import static dev.chainrule.optim.train.ResumedRecordsTest.assertSameEnd;
import static dev.chainrule.optim.train.ResumedRecordsTest.builder;
import static dev.chainrule.optim.train.ResumedRecordsTest.interrupted;
import static dev.chainrule.optim.train.ResumedRecordsTest.model;
import static dev.chainrule.optim.train.ResumedRecordsTest.uninterrupted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.LearningRateSchedule;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.checkpoint.SafeTensors;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A per-epoch schedule of one's own written as a lambda has no text a checkpoint can keep, and a
 * run resumed under another lambda (its decay edited between the runs) went on without a word and
 * ended elsewhere than the uninterrupted run: the extender's hunt of session 77 found a Lion
 * optimizer's parameters differing after such a resume, with no note. The checkpoint now keeps a
 * fingerprint of the schedule's rates over the run's epochs, and a resume under other rates is
 * refused as another schedule of values is; the same rates, from another lambda, go on.
 */
class OwnScheduleRatesTest {
  private static final int K = 8;

  private static Trainer.Builder resuming(Path checkpoint, UnaryOperator<Trainer.Builder> o,
      Sequential model, Optimizer adam) {
    return builder(model, adam, o).resume(ResumedRun.load(checkpoint, model, adam));
  }

  private static String refusal(Path checkpoint, LearningRateSchedule schedule) {
    Sequential model = model(5);
    Optimizer adam = Adam.builder().learningRate(0.05).build(model);
    return assertThrows(IllegalArgumentException.class,
        () -> resuming(checkpoint, b -> b.schedule(schedule), model, adam).build()).getMessage();
  }

  @Test
  void theSameRatesFromAnotherLambdaEndBitForBit(@TempDir Path dir) {
    UnaryOperator<Trainer.Builder> run = b -> b.schedule((base, epoch) -> base / (1 + epoch));
    Path checkpoint = interrupted(run, K, dir);
    Map<String, String> metadata = SafeTensors.list(checkpoint).metadata();
    assertEquals(ScheduleRecords.OWN, metadata.get(RunSettings.SCHEDULE_KEY));
    assertTrue(metadata.get(OwnScheduleRates.KEY).matches("30:[0-9a-f]{64}"),
        metadata.get(OwnScheduleRates.KEY));

    Sequential model = model(5);
    Optimizer adam = Adam.builder().learningRate(0.05).build(model);
    UnaryOperator<Trainer.Builder> same = b -> b.schedule((base, epoch) -> base / (epoch + 1));
    Trainer trainer = resuming(checkpoint, same, model, adam).build();
    assertEquals(List.of(), trainer.notes());
    History rest = trainer.fit(TRAIN, VALIDATION);
    assertSameEnd(uninterrupted(run), new ResumedRecordsTest.Run(model, adam, rest), K);
  }

  @Test
  void otherRatesAreRefusedBeforeTheCheckpointsEpochOrAfterIt(@TempDir Path dir) {
    Path checkpoint = interrupted(
        b -> b.schedule((base, epoch) -> epoch < 20 ? base : base / 10), K, dir);
    String refusal = "trainer: run.safetensors: its run set the rate each epoch by a schedule of"
        + " one's own, and this run by one whose rates over the 30 epochs of that run differ"
        + " from its rates (a schedule that is no record of values is compared by its rates,"
        + " from the initial rate 0.05), so the resumed run would not end where the"
        + " uninterrupted one does; give it the checkpoint's setting, or resume with"
        + " initialEpoch(" + K + ") alone, which goes on without the checkpoint's records and"
        + " settings";
    // The decay moved past the checkpoint: only the epochs still to run differ.
    assertEquals(refusal, refusal(checkpoint, (base, epoch) -> epoch < 25 ? base : base / 10));
    assertEquals(refusal, refusal(checkpoint, (base, epoch) -> base / 2));
    // A value holding a lambda is one's own too, and is compared the same way.
    assertEquals(refusal, refusal(checkpoint, LearningRateSchedule.warmUp(2, 0.1,
        (base, epoch) -> epoch < 20 ? base : base / 10)));
  }

  /**
   * The fingerprint is taken once a run, not at each save: over all 30 epochs at every one of a
   * run's 30 saves it called the schedule 900 times more than the run's own 30 (a run of 10,000
   * epochs saving each would have made 10^8 calls).
   */
  @Test
  void theRatesAreFingerprintedOnceARun(@TempDir Path dir) {
    AtomicInteger calls = new AtomicInteger();
    Sequential model = model(0);
    Optimizer adam = Adam.builder().learningRate(0.05).build(model);
    builder(model, adam, b -> b.schedule((base, epoch) -> {
      calls.incrementAndGet();
      return base / (1 + epoch);
    })).checkpointEvery(1, dir.resolve("run.safetensors")).build().fit(TRAIN, VALIDATION);
    // The run's own calls (one an epoch, and at the build's checks a few) and one fingerprint of
    // 30; each further fingerprint would add 30 more.
    assertTrue(calls.get() < 3 * 30, calls + " calls of the schedule");
  }

  @Test
  void aScheduleThatThrowsWithinTheRunIsNotFingerprinted() {
    LearningRateSchedule table = (base, epoch) -> base * new double[] {1, 0.5}[epoch];
    Sequential model = model(0);
    TrainingOptions options = new TrainingOptions(model, Loss.meanSquaredError(),
        Adam.builder().learningRate(0.05).build(model));
    options.schedule = table;
    options.epochs = 3;
    assertFalse(OwnScheduleRates.of(options).isPresent());
    assertFalse(RunSettings.of(options).containsKey(OwnScheduleRates.KEY));
  }
}
