package dev.chainrule.optim.train;

import static dev.chainrule.optim.train.ResumedRecordsTest.TRAIN;
import static dev.chainrule.optim.train.ResumedRecordsTest.VALIDATION;
import static dev.chainrule.optim.train.ResumedRecordsTest.assertSameEnd;
import static dev.chainrule.optim.train.ResumedRecordsTest.builder;
import static dev.chainrule.optim.train.ResumedRecordsTest.interrupted;
import static dev.chainrule.optim.train.ResumedRecordsTest.model;
import static dev.chainrule.optim.train.ResumedRecordsTest.uninterrupted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.LearningRateSchedule;
import dev.chainrule.optim.OneCycle;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trainer's periodic checkpoint records the settings that decide its run's batches and steps
 * (seed, batch size, last batch, schedules, clipping), and a run that resumes it under another
 * is refused by {@code build()}, naming the setting and both values, or, for the batch size, goes
 * on with a note ({@link Trainer#notes()}), as the program notes another {@code --batch-size}.
 * Before, every one of these resumed without a word and ended elsewhere than the uninterrupted
 * run. A checkpoint from before the entries resumes as it did, with a note.
 */
class ResumedSettingsTest {
  private static final LearningRateSchedule COSINE = LearningRateSchedule.cosine(30, 1e-4);
  /** The run's settings: a schedule by epoch and clipping by norm, over the fixture's. */
  private static final UnaryOperator<Trainer.Builder> RUN =
      b -> b.schedule(COSINE).clipGradientNorm(1.0);
  private static final int K = 8;

  /** A new process's model and optimizer, loaded from {@code checkpoint}, and its builder. */
  private static Trainer.Builder resuming(Path checkpoint, UnaryOperator<Trainer.Builder> options,
      Sequential model, Optimizer adam) {
    return builder(model, adam, options).resume(ResumedRun.load(checkpoint, model, adam));
  }

  private static Trainer.Builder resuming(Path checkpoint, UnaryOperator<Trainer.Builder> o) {
    Sequential model = model(5);
    return resuming(checkpoint, o, model, Adam.builder().learningRate(0.05).build(model));
  }

  private static String refusal(Path checkpoint, UnaryOperator<Trainer.Builder> options) {
    return assertThrows(IllegalArgumentException.class,
        () -> resuming(checkpoint, options).build()).getMessage();
  }

  private static String wayOut() {
    return ", so the resumed run would not end where the uninterrupted one does; give it the"
        + " checkpoint's setting, or resume with initialEpoch(" + K + ") alone, which goes on"
        + " without the checkpoint's records and settings";
  }

  @Test
  void theCheckpointRecordsTheSettingsAndAnUnchangedResumeEndsBitForBit(@TempDir Path dir) {
    Path checkpoint = interrupted(RUN, K, dir);
    Map<String, String> metadata = SafeTensors.list(checkpoint).metadata();
    assertEquals("3", metadata.get(SavedRunMetadata.SEED_KEY));
    assertEquals("16", metadata.get(SavedRunMetadata.BATCH_SIZE_KEY));
    assertEquals("false", metadata.get(RunSettings.DROP_LAST_KEY));
    assertEquals(COSINE.toString(), metadata.get(RunSettings.SCHEDULE_KEY));
    assertEquals("none", metadata.get(RunSettings.STEP_SCHEDULE_KEY));
    assertEquals("1.0", metadata.get(RunSettings.CLIP_NORM_KEY));
    assertEquals("0.0", metadata.get(RunSettings.CLIP_VALUE_KEY));

    Sequential model = model(5);
    Optimizer adam = Adam.builder().learningRate(0.05).build(model);
    Trainer trainer = resuming(checkpoint, RUN, model, adam).build();
    assertEquals(List.of(), trainer.notes());
    History rest = trainer.fit(TRAIN, VALIDATION);
    assertSameEnd(uninterrupted(RUN), new ResumedRecordsTest.Run(model, adam, rest), K);
  }

  @Test
  void anotherSeedLastBatchScheduleOrClippingIsRefusedNamingBothValues(@TempDir Path dir) {
    Path checkpoint = interrupted(RUN, K, dir);
    String file = "trainer: run.safetensors: ";
    assertEquals(file + "its run drew its batch orders with seed(3), and this run has seed(4)"
        + wayOut(), refusal(checkpoint, b -> RUN.apply(b).seed(4)));
    assertEquals(file + "its run had dropLast(false), and this run has dropLast(true)"
        + wayOut(), refusal(checkpoint, b -> RUN.apply(b).dropLast(true)));
    LearningRateSchedule other = LearningRateSchedule.cosine(20, 1e-4);
    assertEquals(file + "its run set the rate each epoch by " + COSINE + ", and this run by "
        + other + wayOut(), refusal(checkpoint, b -> b.schedule(other).clipGradientNorm(1.0)));
    assertEquals(file + "its run set the rate each epoch by " + COSINE + ", and this run by none"
        + wayOut(), refusal(checkpoint, b -> b.clipGradientNorm(1.0)));
    // The step mode: the same curve counted in steps is another run, and the message says
    // where this run's schedule went.
    assertEquals(file + "its run set the rate each epoch by " + COSINE + ", and this run by none"
        + " (each step by " + COSINE + ")" + wayOut(),
        refusal(checkpoint, b -> b.scheduleEveryStep(COSINE).clipGradientNorm(1.0)));
    assertEquals(file + "its run had clipGradientNorm(1.0), and this run has clipGradientNorm(2.0)"
        + wayOut(), refusal(checkpoint, b -> b.schedule(COSINE).clipGradientNorm(2.0)));
    assertEquals(file + "its run had clipGradientNorm(1.0), and this run has no clipGradientNorm"
        + wayOut(), refusal(checkpoint, b -> b.schedule(COSINE)));
    assertEquals(file + "its run had no clipGradientValue, and this run has"
        + " clipGradientValue(0.5)" + wayOut(),
        refusal(checkpoint, b -> RUN.apply(b).clipGradientValue(0.5)));

    // The way out the message names: initialEpoch alone checks nothing of the checkpoint's.
    Sequential model = model(5);
    Optimizer adam = Adam.builder().learningRate(0.05).build(model);
    ModelCheckpoint.load(checkpoint, model, adam);
    assertEquals(K, builder(model, adam, b -> RUN.apply(b).seed(4)).initialEpoch(K).build()
        .fit(TRAIN, VALIDATION).epochs().get(0).epoch());
  }

  @Test
  void aStepScheduleOfAnotherRunIsRefusedAndTheSameEndsBitForBit(@TempDir Path dir) {
    LearningRateSchedule steps = LearningRateSchedule.cosine(30 * 4 + 1, 1e-4);
    UnaryOperator<Trainer.Builder> perStep = b -> b.scheduleEveryStep(steps);
    Path checkpoint = interrupted(perStep, K, dir);
    Sequential model = model(5);
    Optimizer adam = Adam.builder().learningRate(0.05).build(model);
    Trainer trainer = resuming(checkpoint, perStep, model, adam).build();
    assertEquals(List.of(), trainer.notes());
    assertSameEnd(uninterrupted(perStep), new ResumedRecordsTest.Run(model, adam,
        trainer.fit(TRAIN, VALIDATION)), K);
    LearningRateSchedule other = LearningRateSchedule.cosine(40 * 4, 1e-4);
    assertEquals("trainer: run.safetensors: its run set the rate each step by " + steps
        + ", and this run by " + other + wayOut(), refusal(checkpoint,
            b -> b.scheduleEveryStep(other)));
  }

  @Test
  void anotherBatchSizeGoesOnWithANote(@TempDir Path dir) {
    Path checkpoint = interrupted(RUN, K, dir);
    Trainer trainer = resuming(checkpoint, b -> RUN.apply(b).batchSize(32)).build();
    assertEquals(List.of("run.safetensors: its run trained in batches of 16; batchSize(32) draws"
        + " other batches than one uninterrupted run would"), trainer.notes());
    assertEquals(30 - K, trainer.fit(TRAIN, VALIDATION).epochs().size());
  }

  /** The checkpoint with its metadata edited: {@code edit} changes a copy of the entries. */
  static Path edited(Path checkpoint, Path dir, Consumer<Map<String, String>> edit) {
    Sequential model = model(0);
    Optimizer adam = Adam.builder().learningRate(0.05).build(model);
    Map<String, String> metadata =
        new LinkedHashMap<>(ModelCheckpoint.load(checkpoint, model, adam).metadata());
    edit.accept(metadata);
    Path file = dir.resolve("edited.safetensors");
    ModelCheckpoint.save(file, model, adam, metadata);
    return file;
  }

  @Test
  void aCheckpointSavedBeforeTheSettingsResumesAsBeforeWithANote(@TempDir Path dir) {
    Path checkpoint = interrupted(RUN, K, dir);
    Path old = edited(checkpoint, dir, m -> m.keySet().removeIf(key -> key.equals("chainrule.seed")
        || key.equals("chainrule.batch_size") || key.equals(RunSettings.DROP_LAST_KEY)
        || key.equals(RunSettings.SCHEDULE_KEY) || key.equals(RunSettings.STEP_SCHEDULE_KEY)
        || key.equals(RunSettings.CLIP_NORM_KEY) || key.equals(RunSettings.CLIP_VALUE_KEY)
        || key.equals(RunSettings.STEP_COUNT_KEY) || key.equals(FrozenParameters.KEY)));
    Trainer trainer = resuming(old, b -> b.seed(4)).build();
    assertEquals(List.of("edited.safetensors records none of its run's settings (it was saved"
        + " before checkpoints recorded them): this run's seed, batch size, schedule and"
        + " clipping are not checked against its run's, and the run ends where the"
        + " uninterrupted one does only if they are that run's"), trainer.notes());
    assertEquals(30 - K, trainer.fit(TRAIN, VALIDATION).epochs().size());

    // A program's file records the seed and the batch size alone: those are checked, no more.
    Path program = edited(checkpoint, dir, m -> m.keySet().removeIf(
        key -> key.startsWith("chainrule.") && !key.equals("chainrule.seed")
            && !key.equals("chainrule.batch_size") && !key.startsWith("chainrule.records")
            && !key.startsWith("chainrule.early") && !key.startsWith("chainrule.plateau")));
    assertEquals(List.of(), resuming(program, b -> b).build().notes());
    assertTrue(refusal(program, b -> b.seed(4)).contains("seed(3), and this run has seed(4)"));
  }

  @Test
  void anEntryThatCannotBeReadIsNotedNotChecked(@TempDir Path dir) {
    Path checkpoint = interrupted(RUN, K, dir);
    Path odd = edited(checkpoint, dir, m -> {
      m.put(SavedRunMetadata.SEED_KEY, "three");
      m.put(RunSettings.CLIP_NORM_KEY, "-1");
    });
    assertEquals(List.of("edited.safetensors: its \"chainrule.seed\" metadata (three) is not a"
        + " seed; this run's setting is not checked against it", "edited.safetensors: its"
        + " \"chainrule.clip_norm\" metadata (-1) is not a limit; this run's setting is not"
        + " checked against it"), resuming(odd, b -> b.schedule(COSINE).seed(9)).build().notes());
  }

  @Test
  void aScheduleOfOnesOwnIsRecordedAsSuchAndNotCompared(@TempDir Path dir) {
    LearningRateSchedule own = (base, epoch) -> base / (1 + epoch);
    assertEquals(ScheduleRecords.OWN, ScheduleRecords.describe(own));
    // A value holding a lambda has the lambda's identity in its text: not a value either.
    assertEquals(ScheduleRecords.OWN,
        ScheduleRecords.describe(LearningRateSchedule.warmUp(2, 0.1, own)));
    assertEquals(LearningRateSchedule.warmUp(2, 0.1, COSINE).toString(),
        ScheduleRecords.describe(LearningRateSchedule.warmUp(2, 0.1, COSINE)));
    Path checkpoint = interrupted(b -> b.schedule(own), K, dir);
    assertEquals(ScheduleRecords.OWN,
        SafeTensors.list(checkpoint).metadata().get(RunSettings.SCHEDULE_KEY));
    LearningRateSchedule same = (base, epoch) -> base / (1 + epoch);
    assertEquals(List.of(), resuming(checkpoint, b -> b.schedule(same)).build().notes());
    assertTrue(refusal(checkpoint, b -> b).contains("each epoch by " + ScheduleRecords.OWN
        + ", and this run by none"));
  }

  /** A schedule of one's own whose record text holds an array's identity. */
  record Table(double[] factors) implements LearningRateSchedule {
    @Override
    public double rate(double baseRate, int epoch) {
      return baseRate * factors[Math.min(epoch, factors.length - 1)];
    }
  }

  /** A record whose parts are values: its text is its value's. */
  record Halving(List<Integer> epochs, OneCycle.Annealing how, String name)
      implements LearningRateSchedule {
    @Override
    public double rate(double baseRate, int epoch) {
      return baseRate / (1 << epochs.stream().filter(e -> e <= epoch).count());
    }
  }

  /** One whose part is a function, printed as its identity. */
  record Scaled(DoubleUnaryOperator by) implements LearningRateSchedule {
    @Override
    public double rate(double baseRate, int epoch) {
      return by.applyAsDouble(baseRate);
    }
  }

  /** One whose part is a generator, printed as its identity. */
  record Jittered(Random random) implements LearningRateSchedule {
    @Override
    public double rate(double baseRate, int epoch) {
      return baseRate;
    }
  }

  /** One with arrays inside a List. */
  record Tables(List<double[]> tables) implements LearningRateSchedule {
    @Override
    public double rate(double baseRate, int epoch) {
      return baseRate * tables.get(0)[0];
    }
  }

  /**
   * A record is a value only when its parts are, recursively: one holding an array, a function
   * or arrays in a List printed their identity, and an unchanged resume was refused
   * ("Table[factors=[D@6e9175d8]" against another address).
   */
  @Test
  void aRecordWithPartsThatAreNoValuesIsOwnAndAnUnchangedResumeGoesOn(@TempDir Path dir) {
    assertEquals(ScheduleRecords.OWN, ScheduleRecords.describe(new Table(new double[] {1, 0.5})));
    assertEquals(ScheduleRecords.OWN, ScheduleRecords.describe(new Scaled(r -> r / 2)));
    assertEquals(ScheduleRecords.OWN, ScheduleRecords.describe(new Jittered(new Random(1))));
    assertEquals(ScheduleRecords.OWN,
        ScheduleRecords.describe(new Tables(List.of(new double[] {1}))));
    assertEquals(ScheduleRecords.OWN, ScheduleRecords.describe(
        LearningRateSchedule.warmUp(2, 0.1, new Table(new double[] {1}))));
    Halving halving = new Halving(List.of(3, 6), OneCycle.Annealing.COS, "h");
    assertEquals("Halving[epochs=[3, 6], how=COS, name=h]", ScheduleRecords.describe(halving));

    Path checkpoint = interrupted(b -> b.schedule(new Table(new double[] {1, 0.5})), K, dir);
    assertEquals(List.of(), resuming(checkpoint,
        b -> b.schedule(new Table(new double[] {1, 0.5}))).build().notes());
  }

  /**
   * constant() is the base rate at every index, as no schedule is: the two are one setting,
   * either way round and in either mode.
   */
  @Test
  void aConstantScheduleIsNone(@TempDir Path dir) {
    assertEquals(ScheduleRecords.NONE, ScheduleRecords.describe(LearningRateSchedule.constant()));
    Path constant = interrupted(b -> b.schedule(LearningRateSchedule.constant()), K, dir);
    assertEquals(List.of(), resuming(constant, b -> b).build().notes());
    assertEquals(List.of(), resuming(constant,
        b -> b.scheduleEveryStep(LearningRateSchedule.constant())).build().notes());
    Path none = interrupted(b -> b, K, dir);  // the same name: the first file is done with
    assertEquals(List.of(), resuming(none,
        b -> b.schedule(LearningRateSchedule.constant())).build().notes());
  }

  /**
   * A drop-last entry other than true or false ("yes") is noted as unread, as other unreadable
   * entries are; it was refused, its text compared with "true".
   */
  @Test
  void anUnreadableDropLastEntryIsNotedNotRefused(@TempDir Path dir) {
    Path checkpoint = interrupted(RUN, K, dir);
    for (String entry : List.of("yes", "TRUE")) {
      Path odd = edited(checkpoint, dir, m -> m.put(RunSettings.DROP_LAST_KEY, entry));
      assertEquals(List.of("edited.safetensors: its \"chainrule.drop_last\" metadata (" + entry
          + ") is not true or false; this run's setting is not checked against it"),
          resuming(odd, b -> RUN.apply(b).dropLast(true)).build().notes());
    }
  }

  /**
   * The file's text reaches messages printable: a schedule entry's line break and terminal
   * escape, in a refusal and in a note, are '?'.
   */
  @Test
  void theFilesTextIsPrintedPrintable(@TempDir Path dir) {
    Path checkpoint = interrupted(RUN, K, dir);
    Path evil = edited(checkpoint, dir, m -> {
      m.put(RunSettings.SCHEDULE_KEY, "evil\nline\u001b[31m");
      m.put(SavedRunMetadata.SEED_KEY, "3\n\u001b[2J");
    });
    assertEquals("trainer: edited.safetensors: its run set the rate each epoch by"
        + " evil?line?[31m, and this run by " + COSINE + wayOut(), refusal(evil, RUN));
    assertEquals(List.of("edited.safetensors: its \"chainrule.seed\" metadata (3??[2J) is not a"
        + " seed; this run's setting is not checked against it"),
        resuming(evil, b -> b.schedule((base, epoch) -> base).clipGradientNorm(1.0)).build()
            .notes());  // a schedule of one's own is not compared with the file's
  }
}
