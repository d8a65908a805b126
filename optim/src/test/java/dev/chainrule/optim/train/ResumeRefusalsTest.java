package dev.chainrule.optim.train;

import static dev.chainrule.optim.train.ResumedRecordsTest.TRAIN;
import static dev.chainrule.optim.train.ResumedRecordsTest.VALIDATION;
import static dev.chainrule.optim.train.ResumedRecordsTest.builder;
import static dev.chainrule.optim.train.ResumedRecordsTest.interrupted;
import static dev.chainrule.optim.train.ResumedRecordsTest.model;
import static dev.chainrule.optim.train.ResumedRecordsTest.uninterrupted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.PlateauReduction;
import dev.chainrule.optim.checkpoint.Checkpoint;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link Trainer.Builder#resume} refuses, and what it goes on with: a checkpoint saved before
 * checkpoints kept records resumes as it did (both records afresh, said in the notes); records
 * kept under other settings than the run's are refused by {@code build()}, naming both, rather
 * than judged by the run's; best weights that went missing, or that the checkpoint's run did not
 * keep, refuse a run that restores them. {@link BestEpoch#resumed}, the Spark trainer's, follows
 * the same rule.
 */
class ResumeRefusalsTest {
  private static final UnaryOperator<Trainer.Builder> STOPS =
      b -> b.earlyStopping(Monitor.VALIDATION_LOSS, 6, 0).restoreBestWeights(true);
  private static final PlateauReduction HALVING = PlateauReduction.of(0.5, 1).withCooldown(1);
  private static final UnaryOperator<Trainer.Builder> PLATEAU =
      b -> b.reduceLearningRateOnPlateau(Monitor.TRAINING_LOSS, HALVING);

  /** The epoch the checkpoints are taken at: two epochs after the best of the STOPS run. */
  private static int k() {
    return uninterrupted(STOPS).history().bestEpoch() + 3;
  }

  /** Builds the resumed run with {@code options}, and gives what build() throws. */
  private static String refusal(Path checkpoint, UnaryOperator<Trainer.Builder> options) {
    Sequential model = model(5);
    Optimizer adam = Adam.builder().learningRate(0.05).build(model);
    ResumedRun run = ResumedRun.load(checkpoint, model, adam);
    Trainer.Builder builder = builder(model, adam, options).resume(run);
    return assertThrows(IllegalArgumentException.class, builder::build).getMessage();
  }

  @Test
  void aCheckpointSavedBeforeRecordsResumesWithBothAfreshAndSaysSo(@TempDir Path dir) {
    int k = k();
    Path checkpoint = interrupted(b -> PLATEAU.apply(STOPS.apply(b)), k, dir);
    // As the trainer wrote it before: the model, the optimizer and the epochs done, no more.
    Sequential saved = model(0);
    Optimizer savedAdam = Adam.builder().learningRate(0.05).build(saved);
    ModelCheckpoint.load(checkpoint, saved, savedAdam);
    Path old = dir.resolve("old.safetensors");
    ModelCheckpoint.save(old, saved, savedAdam, Map.of("epoch", Integer.toString(k)));

    Sequential model = model(5);
    Optimizer adam = Adam.builder().learningRate(0.05).build(model);
    ResumedRun run = ResumedRun.load(old, model, adam);
    assertFalse(run.recordsSaved());
    assertTrue(run.earlyStopping().isEmpty() && run.plateau().isEmpty());
    assertEquals(List.of("old.safetensors holds no record of early stopping or of a reduction on"
        + " a plateau (it was saved before checkpoints kept them): both start afresh at epoch "
        + (k + 1) + ", so the run may stop, lower its rate or keep weights at other epochs than"
        + " an uninterrupted run"), run.notes());
    History resumed = builder(model, adam, b -> PLATEAU.apply(STOPS.apply(b))).resume(run)
        .build().fit(TRAIN, VALIDATION);

    // The old behaviour, bit for bit: as initialEpoch alone.
    Sequential before = model(5);
    Optimizer beforeAdam = Adam.builder().learningRate(0.05).build(before);
    ModelCheckpoint.load(old, before, beforeAdam);
    History afresh = builder(before, beforeAdam, b -> PLATEAU.apply(STOPS.apply(b)))
        .initialEpoch(k).build().fit(TRAIN, VALIDATION);
    assertEquals(afresh.learningRates(), resumed.learningRates());
    assertEquals(afresh.weightsEpoch(), resumed.weightsEpoch());
    assertEquals(before.stateDict(), model.stateDict());
  }

  @Test
  void otherPlateauSettingsAreRefused(@TempDir Path dir) {
    Path checkpoint = interrupted(PLATEAU, 8, dir);
    assertEquals("trainer: run.safetensors's plateau record was kept watching TRAINING_LOSS with "
        + HALVING + ", and this run watches TRAINING_LOSS with " + PlateauReduction.of(0.5, 2)
        + "; give it the checkpoint's settings; or resume with initialEpoch(8) alone, which"
        + " starts the records afresh", refusal(checkpoint, b -> b.reduceLearningRateOnPlateau(
            Monitor.TRAINING_LOSS, PlateauReduction.of(0.5, 2))));
    assertTrue(refusal(checkpoint, b -> b.reduceLearningRateOnPlateau(Monitor.VALIDATION_LOSS,
        HALVING)).contains("and this run watches VALIDATION_LOSS with"));
    assertEquals("trainer: run.safetensors holds the record of a reduction on a plateau of"
        + " TRAINING_LOSS (" + HALVING + "), and this run reduces on none; give it"
        + " reduceLearningRateOnPlateau(TRAINING_LOSS, ...) with those settings; or resume with"
        + " initialEpoch(8) alone, which starts the records afresh", refusal(checkpoint, b -> b));
  }

  @Test
  void anEarlyStoppingRecordOfAnotherMonitorOrMinDeltaIsRefused(@TempDir Path dir) {
    int k = k();
    Path checkpoint = interrupted(STOPS, k, dir);
    String best = "best epoch " + (k - 2);
    assertEquals("trainer: run.safetensors's early-stopping record was kept watching"
        + " VALIDATION_LOSS with min delta 0.0, and this run watches TRAINING_LOSS with min delta"
        + " 0.0; give it the checkpoint's settings; or resume with initialEpoch(" + k + ") alone,"
        + " which starts the records afresh", refusal(checkpoint,
            b -> b.earlyStopping(Monitor.TRAINING_LOSS, 6, 0).restoreBestWeights(true)));
    assertTrue(refusal(checkpoint, b -> b.earlyStopping(Monitor.VALIDATION_LOSS, 6, 1e-3))
        .contains("and this run watches VALIDATION_LOSS with min delta 0.001;"));
    assertEquals("trainer: run.safetensors holds early stopping's record (" + best + " by"
        + " VALIDATION_LOSS), and this run neither stops early nor restores the best weights;"
        + " give it earlyStopping or restoreBestWeights as the checkpoint's run had them; or"
        + " resume with initialEpoch(" + k + ") alone, which starts the records afresh",
        refusal(checkpoint, b -> b));
    // A loop of one's own (the Spark trainer's) is refused alike: it started afresh.
    Sequential model = model(5);
    Optimizer adam = Adam.builder().learningRate(0.05).build(model);
    ResumedRun run = ResumedRun.load(checkpoint, model, adam);
    assertEquals("resume: run.safetensors's early-stopping record was kept watching"
        + " VALIDATION_LOSS with min delta 0.0, and this run watches TRAINING_LOSS with min delta"
        + " 0.0; give it the checkpoint's settings", assertThrows(IllegalArgumentException.class,
            () -> BestEpoch.resumed(run, Monitor.TRAINING_LOSS, 0, model, adam)).getMessage());
  }

  /** The patience only says when the count is enough: a longer one runs longer, from it. */
  @Test
  void anotherPatienceGoesOnFromTheCount(@TempDir Path dir) {
    int k = k();
    Sequential model = model(5);
    Optimizer adam = Adam.builder().learningRate(0.05).build(model);
    ResumedRun run = ResumedRun.load(interrupted(STOPS, k, dir), model, adam);
    History history = builder(model, adam, b -> b.earlyStopping(Monitor.VALIDATION_LOSS, 8, 0)
        .restoreBestWeights(true)).resume(run).build().fit(TRAIN, VALIDATION);
    assertEquals(k - 3 + 8, history.last().epoch(), "eight epochs after the best, not six");
    assertEquals(k - 3, history.weightsEpoch());
  }

  /**
   * A loop of its own that does not stop early (the Spark trainer without a patience) refuses
   * the record of a run that did, by the one rule, in the words of its own option; one that
   * acts on it goes on.
   */
  @Test
  void aLoopThatDoesNotActOnTheRecordIsRefusedInItsOwnWords(@TempDir Path dir) {
    int k = k();
    Sequential model = model(5);
    Optimizer adam = Adam.builder().learningRate(0.05).build(model);
    ResumedRun run = ResumedRun.load(interrupted(STOPS, k, dir), model, adam);
    assertEquals("resume: run.safetensors holds early stopping's record (patience 6, best epoch "
        + (k - 2) + "), and this run does not stop early; give it stop(6) as the checkpoint's"
        + " run had it: another patience goes on from the record too, and one above the epochs"
        + " left runs them all and ends with the best epoch's weights",
        assertThrows(IllegalArgumentException.class, () -> BestEpoch.requireResumable(run,
            Monitor.VALIDATION_LOSS, 0, false, false, p -> "stop(" + p + ")")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> BestEpoch.requireResumable(run,
        Monitor.VALIDATION_LOSS, 0, false, false, null), "no words for the way out");
    BestEpoch.requireResumable(run, Monitor.VALIDATION_LOSS, 0, true, true, null);
  }

  /**
   * A record the checkpoint's run did not act on (no early stopping, no best weights: kept for
   * its history's best epoch) refuses nothing: a run that watches another figure starts afresh.
   */
  @Test
  void aRecordNotActedOnStartsAfreshUnderOtherSettings(@TempDir Path dir) {
    Path checkpoint = interrupted(PLATEAU, 8, dir);
    Sequential model = model(5);
    Optimizer adam = Adam.builder().learningRate(0.05).build(model);
    ResumedRun run = ResumedRun.load(checkpoint, model, adam);
    assertEquals(0, run.earlyStopping().orElseThrow().patience());
    History history = builder(model, adam, b -> PLATEAU.apply(b)
        .earlyStopping(Monitor.TRAINING_LOSS, 2, 0)).resume(run).build().fit(TRAIN, VALIDATION);
    assertTrue(history.bestEpoch() >= 8, "counted from the resumed run's first epoch");
    assertEquals(-1, BestEpoch.resumed(ResumedRun.load(checkpoint, model(5), null),
        Monitor.TRAINING_LOSS, 0, null, null).epoch(), "a loop of one's own starts afresh too");
  }

  /**
   * A record not acted on whose best epoch ran before the checkpoint's, resumed by a run that
   * restores the best weights: the checkpoint's run kept no copy of them, so the run is refused,
   * as a loop of one's own (the Spark trainer's) is. It started afresh, and ended with the best
   * of its own epochs, called the best, though an earlier epoch's figure was better.
   */
  @Test
  void aRecordNotActedOnRefusesARunThatRestoresWeightsItDidNotKeep(@TempDir Path dir) {
    int k = k();
    Path checkpoint = interrupted(b -> b, k, dir);
    Sequential model = model(5);
    Optimizer adam = Adam.builder().learningRate(0.05).build(model);
    ResumedRun run = ResumedRun.load(checkpoint, model, adam);
    EarlyStoppingRecord record = run.earlyStopping().orElseThrow();
    assertFalse(record.stopsOrRestores());
    assertEquals(k - 3, record.bestEpoch(), "the scenario: the best epoch before the checkpoint's");
    String missing = "run.safetensors: the best epoch's weights (epoch " + (k - 2) + ") were not"
        + " kept: the checkpoint's run did not restore its best weights";
    assertEquals("trainer: this run restores the best epoch's weights, and " + missing + ", so it"
        + " could not end with them as the uninterrupted run would; resume with"
        + " restoreBestWeights(false) to go on with the record but the last epoch's weights; or"
        + " resume with initialEpoch(" + k + ") alone, which starts the records afresh",
        refusal(checkpoint, STOPS));
    assertEquals("resume: " + missing + ", so the run could not end with them as the"
        + " uninterrupted one would", assertThrows(IllegalArgumentException.class,
            () -> BestEpoch.resumed(run, Monitor.VALIDATION_LOSS, 0, model, adam)).getMessage());

    // Without restoring, the record goes on: the best epoch is the checkpoint's run's.
    History history = builder(model, adam, b -> b.earlyStopping(Monitor.VALIDATION_LOSS, 6, 0))
        .resume(run).build().fit(TRAIN, VALIDATION);
    assertEquals(uninterrupted(STOPS).history().last().epoch(), history.last().epoch(),
        "six epochs after the record's best");
  }

  @Test
  void missingBestWeightsRefuseARunThatRestoresThem(@TempDir Path dir) throws Exception {
    int k = k();
    Path checkpoint = interrupted(STOPS, k, dir);
    String beside = SafeTensors.list(checkpoint).metadata().get(RecordMetadata.BEST_WEIGHTS_FILE);
    assertTrue(BestWeightsFile.isName(beside), beside);
    Files.delete(dir.resolve(beside));

    Sequential model = model(5);
    Optimizer adam = Adam.builder().learningRate(0.05).build(model);
    ResumedRun run = ResumedRun.load(checkpoint, model, adam);
    String missing = "the best epoch's weights (epoch " + (k - 2) + ") were in " + beside
        + ", which does not exist beside it (deleted or moved?)";
    assertEquals(List.of("run.safetensors: " + missing + "; a run that restores the best weights"
        + " is refused, one that stops early without restoring them goes on with the record"),
        run.notes());
    assertEquals("trainer: this run restores the best epoch's weights, and run.safetensors: "
        + missing + ", so it could not end with them as the uninterrupted run would; put the file"
        + " back, or resume with restoreBestWeights(false) to go on with the record but the last"
        + " epoch's weights", refusal(checkpoint, STOPS));
    // A loop of its own can only put the file back: it has no restoreBestWeights(false).
    assertEquals("resume: run.safetensors: " + missing + ", so the run could not end with them"
        + " as the uninterrupted one would; put the file back beside the checkpoint",
        assertThrows(IllegalArgumentException.class, () -> BestEpoch.requireResumable(run,
            Monitor.VALIDATION_LOSS, 0, true)).getMessage());

    // Without restoring, the record goes on: the run stops where the uninterrupted one stops.
    History history = builder(model, adam, b -> b.earlyStopping(Monitor.VALIDATION_LOSS, 6, 0))
        .resume(run).build().fit(TRAIN, VALIDATION);
    assertEquals(uninterrupted(STOPS).history().last().epoch(), history.last().epoch());
    assertEquals(history.last().epoch(), history.weightsEpoch());
  }

  @Test
  void anotherInitialEpochAfterResumeIsRefused(@TempDir Path dir) {
    Sequential model = model(5);
    Optimizer adam = Adam.builder().learningRate(0.05).build(model);
    ResumedRun run = ResumedRun.load(interrupted(PLATEAU, 8, dir), model, adam);
    Trainer.Builder builder = builder(model, adam, PLATEAU).resume(run).initialEpoch(7);
    assertEquals("trainer: the initial epoch 7 is not the 8 epochs run.safetensors had trained,"
        + " where resume starts the run",
        assertThrows(IllegalArgumentException.class, builder::build).getMessage());
  }

  @Test
  void aMalformedOrMisfittingRecordIsRefusedByName(@TempDir Path dir) {
    Path checkpoint = interrupted(b -> PLATEAU.apply(STOPS.apply(b)), k(), dir);
    assertEquals("broken.safetensors: the metadata's \"chainrule.plateau.best\" is \"low\", not a"
        + " number", loadWith(checkpoint, dir, Map.of("chainrule.plateau.best", "low")));
    assertEquals("broken.safetensors: early stopping's record (best epoch 3, 9 epochs without"
        + " improvement) does not fit the file's 5 epochs", loadWith(checkpoint, dir, Map.of(
            "epoch", "5", "chainrule.early_stopping.best_epoch", "3",
            "chainrule.early_stopping.epochs_without_improvement", "9")));
    assertEquals("broken.safetensors: plateau record: 4 bad epochs and 0 cooldown epochs left"
        + " cannot come from " + HALVING, loadWith(checkpoint, dir,
            Map.of("chainrule.plateau.num_bad_epochs", "4")));
    assertEquals("resume: none.safetensors has no \"epoch\" metadata: it is not a trainer's"
        + " periodic checkpoint; to resume from it, give initialEpoch the epochs its weights had,"
        + " and the records start afresh", assertThrows(IllegalArgumentException.class,
            () -> ResumedRun.of(Map.of(), "none.safetensors")).getMessage());
  }

  /**
   * The best epoch's figures are what a run reports when it ends with that epoch's weights: a
   * record read back with a negative rate, an accuracy of 7, a negative count or Java's own
   * literals ("1d", hex, blanks) was taken as it stood. Each is now refused by its entry.
   */
  @Test
  void theBestEpochsFiguresMustBeOnesARunHas() {
    EpochResult best = new EpochResult(2, 0.5, 0.8, 0.4, 0.75, 0.01, 1.5, 100);
    Map<String, String> good = new LinkedHashMap<>(ResumedRun.metadataOf(
        new EarlyStoppingRecord(Monitor.VALIDATION_LOSS, 0, 3, best, 0, true), null));
    good.put("epoch", "3");
    assertEquals(best, ResumedRun.of(good, "f.safetensors").earlyStopping().orElseThrow().best());
    String at = "chainrule.early_stopping.best.";
    Map<String, String> refusals = new LinkedHashMap<>();
    refusals.put(at + "train_accuracy=7.0", "a share from 0 to 1 (or NaN)");
    refusals.put(at + "validation_accuracy=-0.5", "a share from 0 to 1 (or NaN)");
    refusals.put(at + "learning_rate=-1.0", "a finite number, not negative");
    refusals.put(at + "learning_rate=NaN", "a finite number, not negative");
    refusals.put(at + "seconds=Infinity", "a finite number, not negative");
    refusals.put(at + "samples=-5", "a count, not negative");
    refusals.put(at + "train_loss=1d", "a number");
    refusals.put(at + "train_loss=0x1p-1", "a number");
    refusals.put(at + "train_loss= 0.5", "a number");
    // A long value that is no number fails in one pass (backtracking took time quadratic in it).
    refusals.put(at + "train_loss=" + "1".repeat(200_000) + "x", "a number");
    refusals.forEach((change, kind) -> {
      String key = change.substring(0, change.indexOf('='));
      String value = change.substring(change.indexOf('=') + 1);
      Map<String, String> metadata = new LinkedHashMap<>(good);
      metadata.put(key, value);
      // Not a measure of speed: a guard against a hang (the long value took minutes before).
      String shown = value.length() <= 64 ? value : value.substring(0, 60) + "...";
      assertEquals("f.safetensors: the metadata's \"" + key + "\" is \"" + shown + "\", not "
          + kind, assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () -> assertThrows(
              IllegalArgumentException.class, () -> ResumedRun.of(metadata, "f.safetensors")))
              .getMessage());
    });
    // What runs have: NaN accuracies (a regression's), a zero rate, plain decimals.
    Map<String, String> regression = new LinkedHashMap<>(good);
    regression.put(at + "train_accuracy", "NaN");
    regression.put(at + "validation_accuracy", "NaN");
    regression.put(at + "learning_rate", "0");
    regression.put(at + "train_loss", "-2.5e-3");
    EpochResult read = ResumedRun.of(regression, "f.safetensors").earlyStopping().orElseThrow()
        .best();
    assertEquals(new EpochResult(2, -2.5e-3, Double.NaN, 0.4, Double.NaN, 0, 1.5, 100), read);
  }

  /** The checkpoint's tensors and metadata, with {@code changes}, loaded as a resume. */
  private static String loadWith(Path checkpoint, Path dir, Map<String, String> changes) {
    Checkpoint read = SafeTensors.read(checkpoint);
    Map<String, String> metadata = new LinkedHashMap<>(read.metadata());
    metadata.putAll(changes);
    Path broken = dir.resolve("broken.safetensors");
    Map<String, Tensor> tensors = read.tensors();
    SafeTensors.writeWithInt64(broken, tensors, metadata, Set.of("0.num_batches_tracked"));
    Sequential model = model(5);
    return assertThrows(IllegalArgumentException.class, () -> ResumedRun.load(broken, model,
        Adam.builder().learningRate(0.05).build(model))).getMessage();
  }
}
