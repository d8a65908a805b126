package dev.chainrule.optim.train;

import dev.chainrule.optim.checkpoint.MetadataNumbers;
import dev.chainrule.optim.report.PrintableText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The settings of a {@link Trainer} run that decide its batches and its steps, as its periodic
 * checkpoints record them, and their checks against a run that resumes one ({@link
 * Trainer.Builder#resume}): the seed of the batch orders ({@value SavedRunMetadata#SEED_KEY}),
 * the batch size ({@value SavedRunMetadata#BATCH_SIZE_KEY}, the program's entries of the same
 * meaning), whether the last short batch is dropped, the schedule by epoch and by step, and the
 * gradient clipping. Before, the checkpoints held none of them, and a run resumed under another
 * seed, schedule or clipping went on without a word and ended elsewhere than the uninterrupted
 * run, which {@code resume} promises it ends as, bit for bit.
 *
 * <p>Another seed, last batch, schedule or clipping is refused ({@link #refusal}); another batch
 * size is noted ({@link #notes}), as the program notes a {@code --batch-size} other than its
 * file's. A checkpoint without an entry (saved before checkpoints recorded it, or by a program
 * that records only the seed and batch size) is not checked for it; one without any is noted. A
 * schedule of one's own that is no record value ({@link ScheduleRecords#describe}) is recorded as
 * such, and a per-epoch one by its rates' fingerprint too ({@link OwnScheduleRates}), by which it
 * is compared.
 *
 * <p>A checkpoint written by a trainer's second or later {@link Trainer#fit} call records the
 * call ({@value #FIT_CALL_KEY}), whose batch orders come from a stream of its own, and the resumed
 * run goes on with that stream ({@link #call}); a first call's checkpoint has no such entry, as
 * before, and neither has one saved before calls were recorded, which resumes as a first call.
 *
 * <p>Each checkpoint records the optimizer's step count too ({@value #STEP_COUNT_KEY}), which a
 * per-step schedule resumed goes on from ({@link StepScheduling}); a file without it counts the
 * steps before the checkpoint from its epochs in its recorded batch size. Another batch size with
 * a per-step schedule is noted with what it does to a schedule of a fixed length. And the
 * frozen parameters as the file is written ({@link FrozenParameters}), checked when the resumed
 * run's first fit call begins, as freezing may follow the trainer's build.
 */
final class RunSettings {
  static final String DROP_LAST_KEY = "chainrule.drop_last";
  static final String SCHEDULE_KEY = "chainrule.schedule";
  static final String STEP_SCHEDULE_KEY = "chainrule.step_schedule";
  static final String CLIP_NORM_KEY = "chainrule.clip_norm";
  static final String CLIP_VALUE_KEY = "chainrule.clip_value";
  /**
   * Which {@link Trainer#fit} call of its trainer wrote a checkpoint, from 0, when not the first:
   * each later call draws its batch orders from a stream of its own, which a resume goes on with.
   */
  static final String FIT_CALL_KEY = "chainrule.fit_call";
  /**
   * The optimizer's step count when a checkpoint was written: a per-step schedule resumed goes on
   * from it. Counted from the epochs and batches alone, a run resumed in another batch size left
   * a checkpoint whose count no batch size gave, and could not be resumed again.
   */
  static final String STEP_COUNT_KEY = "chainrule.step_count";

  private static final List<String> KEYS = List.of(SavedRunMetadata.SEED_KEY,
      SavedRunMetadata.BATCH_SIZE_KEY, DROP_LAST_KEY, SCHEDULE_KEY, STEP_SCHEDULE_KEY,
      CLIP_NORM_KEY, CLIP_VALUE_KEY, FIT_CALL_KEY, STEP_COUNT_KEY, OwnScheduleRates.KEY,
      FrozenParameters.KEY);

  private RunSettings() {}

  /**
   * The entries of a periodic checkpoint of a run with these options.
   *
   * @param o the run's options
   * @return the entries, in order
   */
  static Map<String, String> of(TrainingOptions o) {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put(SavedRunMetadata.SEED_KEY, Long.toString(o.seed));
    entries.put(SavedRunMetadata.BATCH_SIZE_KEY, Integer.toString(o.batchSize));
    entries.put(DROP_LAST_KEY, Boolean.toString(o.dropLast));
    entries.put(SCHEDULE_KEY, ScheduleRecords.describe(o.schedule));
    entries.put(STEP_SCHEDULE_KEY, ScheduleRecords.describe(o.stepSchedule));
    entries.put(CLIP_NORM_KEY, Double.toString(o.clipNorm));
    entries.put(CLIP_VALUE_KEY, Double.toString(o.clipValue));
    OwnScheduleRates.of(o).ifPresent(rates -> entries.put(OwnScheduleRates.KEY, rates));
    return entries;
  }

  /**
   * The entries of a periodic checkpoint written by the trainer's fit call {@code call}: the
   * call's {@code settings}, the call when it is not the first, whose checkpoints stay as they
   * were before the call was recorded, and the optimizer's step count as the file is written.
   *
   * @param settings {@link #of(TrainingOptions)}, taken once a call: a schedule of one's own is
   *     fingerprinted over every epoch of the run, which at every save would cost a run saving
   *     each epoch the square of its epochs in calls of the schedule
   * @param o the run's options
   * @param call the call's index, from 0
   * @return the entries, in order
   */
  static Map<String, String> of(Map<String, String> settings, TrainingOptions o, int call) {
    Map<String, String> entries = new LinkedHashMap<>(settings);
    if (call > 0) {
      entries.put(FIT_CALL_KEY, Integer.toString(call));
    }
    entries.put(STEP_COUNT_KEY, Long.toString(o.optimizer.stepCount()));
    entries.put(FrozenParameters.KEY, FrozenParameters.of(o.model));
    return entries;
  }

  /**
   * The optimizer's step count the checkpoint records, when its entry is one.
   *
   * @param saved the checkpoint's entries ({@link #saved})
   * @return the count, or empty when not recorded (a file saved before counts were) or not a
   *     count ({@link #notes} says it cannot be read)
   */
  static OptionalLong stepCount(Map<String, String> saved) {
    String count = saved.get(STEP_COUNT_KEY);
    return count == null ? OptionalLong.empty() : MetadataNumbers.whole(count).stream()
        .filter(c -> c >= 0).findFirst();
  }

  /**
   * The fit call whose batch orders a resumed run goes on with: the checkpoint's, or the first
   * when it records none (written by a first call, or before calls were recorded) or one that
   * cannot be read ({@link #notes} says so).
   *
   * @param saved the checkpoint's entries ({@link #saved})
   * @return the call's index, from 0
   */
  static int call(Map<String, String> saved) {
    String call = saved.get(FIT_CALL_KEY);
    return call == null ? 0
        : MetadataNumbers.wholeInt(call).stream().filter(c -> c > 0).findFirst().orElse(0);
  }

  /**
   * The entries of these settings a checkpoint's metadata has.
   *
   * @param metadata the checkpoint's metadata
   * @return those entries, in order; empty for a file that records none
   */
  static Map<String, String> saved(Map<String, String> metadata) {
    Map<String, String> saved = new LinkedHashMap<>();
    for (String key : KEYS) {
      if (metadata.containsKey(key)) {
        saved.put(key, metadata.get(key));
      }
    }
    return saved;
  }

  /**
   * The first setting of the run that contradicts the checkpoint's, in a sentence.
   *
   * @param saved the checkpoint's entries ({@link #saved})
   * @param o the resumed run's options
   * @param file the checkpoint's name
   * @param epoch the checkpoint's epoch, for the way out
   * @return the refusal's message, or empty when every recorded setting agrees
   */
  static Optional<String> refusal(Map<String, String> saved, TrainingOptions o, String file,
      int epoch) {
    Map<String, String> given = of(o);
    // Two schedules of one's own have one text: their rates tell them apart.
    Optional<String> ownRates = ScheduleRecords.OWN.equals(given.get(SCHEDULE_KEY))
        ? OwnScheduleRates.difference(saved, o) : Optional.empty();
    String differs = null;
    String seed = saved.get(SavedRunMetadata.SEED_KEY);
    OptionalLong savedSeed = seed == null ? OptionalLong.empty() : MetadataNumbers.whole(seed);
    if (savedSeed.isPresent() && savedSeed.getAsLong() != o.seed) {
      differs = String.format(Locale.ROOT, "its run drew its batch orders with seed(%d), and"
          + " this run has seed(%d)", savedSeed.getAsLong(), o.seed);
    } else if (isBoolean(saved.get(DROP_LAST_KEY))
        && !saved.get(DROP_LAST_KEY).equals(given.get(DROP_LAST_KEY))) {
      // Another entry ("yes") cannot be compared; notes() says so.
      differs = "its run had dropLast(" + saved.get(DROP_LAST_KEY) + "), and this run has"
          + " dropLast(" + o.dropLast + ")";
    } else if (ScheduleRecords.differ(saved.get(SCHEDULE_KEY), given.get(SCHEDULE_KEY))) {
      differs = "its run set the rate each epoch by "
          + ScheduleRecords.text(saved.get(SCHEDULE_KEY), saved.get(STEP_SCHEDULE_KEY), "step")
          + ", and this run by "
          + ScheduleRecords.text(given.get(SCHEDULE_KEY), given.get(STEP_SCHEDULE_KEY), "step");
    } else if (ScheduleRecords.differ(saved.get(STEP_SCHEDULE_KEY), given.get(STEP_SCHEDULE_KEY))) {
      differs = "its run set the rate each step by "
          + ScheduleRecords.text(saved.get(STEP_SCHEDULE_KEY), saved.get(SCHEDULE_KEY), "epoch")
          + ", and this run by "
          + ScheduleRecords.text(given.get(STEP_SCHEDULE_KEY), given.get(SCHEDULE_KEY), "epoch");
    } else if (ownRates.isPresent()) {
      differs = ownRates.get();
    } else if (limitsDiffer(saved.get(CLIP_NORM_KEY), o.clipNorm)) {
      differs = "its run had " + clipping("clipGradientNorm", saved.get(CLIP_NORM_KEY))
          + ", and this run has " + clipping("clipGradientNorm", given.get(CLIP_NORM_KEY));
    } else if (limitsDiffer(saved.get(CLIP_VALUE_KEY), o.clipValue)) {
      differs = "its run had " + clipping("clipGradientValue", saved.get(CLIP_VALUE_KEY))
          + ", and this run has " + clipping("clipGradientValue", given.get(CLIP_VALUE_KEY));
    }
    // Without the checkpoint's records, a per-step schedule counts the optimizer's steps in this
    // run's batch size: in another than the checkpoint's, initialEpoch alone was refused next.
    OptionalInt savedSize = batchSize(saved);
    String inSize = o.stepSchedule != null && savedSize.isPresent()
        && savedSize.getAsInt() != o.batchSize
        ? " in batchSize(" + savedSize.getAsInt() + "), the checkpoint's" : "";
    return Optional.ofNullable(differs).map(d -> String.format(Locale.ROOT, "trainer: %s: %s, so"
        + " the resumed run would not end where the uninterrupted one does; give it the"
        + " checkpoint's setting, or resume with initialEpoch(%d) alone%s, which goes on without"
        + " the checkpoint's records and settings", file, d, epoch, inSize));
  }

  /**
   * What a user should know of the settings before the resumed run goes on: another batch size
   * than the checkpoint's run had, an entry that cannot be read, or a checkpoint that records no
   * setting at all.
   *
   * @param saved the checkpoint's entries ({@link #saved})
   * @param o the resumed run's options
   * @param file the checkpoint's name
   * @return the lines, empty when nothing needs saying
   */
  static List<String> notes(Map<String, String> saved, TrainingOptions o, String file) {
    List<String> notes = new ArrayList<>();
    if (saved.isEmpty()) {
      notes.add(file + " records none of its run's settings (it was saved before checkpoints"
          + " recorded them): this run's seed, batch size, schedule and clipping are not checked"
          + " against its run's, and the run ends where the uninterrupted one does only if they"
          + " are that run's");
      return notes;
    }
    String size = saved.get(SavedRunMetadata.BATCH_SIZE_KEY);
    OptionalInt savedSize = batchSize(saved);
    if (savedSize.isPresent() && savedSize.getAsInt() != o.batchSize) {
      notes.add(String.format(Locale.ROOT, "%s: its run trained in batches of %d; batchSize(%d)"
          + " draws other batches than one uninterrupted run would%s", file,
          savedSize.getAsInt(), o.batchSize, o.stepSchedule == null ? ""
              : ", and the per-step schedule goes on from the optimizer's step count, a step"
                  + " a batch" + lengthNote(savedSize.getAsInt(), o.batchSize)));
    }
    unread(notes, file, saved, SavedRunMetadata.SEED_KEY, "a seed",
        MetadataNumbers.whole(saved.getOrDefault(SavedRunMetadata.SEED_KEY, "0")).isPresent());
    unread(notes, file, saved, SavedRunMetadata.BATCH_SIZE_KEY, "a batch size",
        savedSize.isPresent() || size == null);
    for (String key : List.of(CLIP_NORM_KEY, CLIP_VALUE_KEY)) {
      unread(notes, file, saved, key, "a limit", limit(saved.getOrDefault(key, "0")) != null);
    }
    unread(notes, file, saved, DROP_LAST_KEY, "true or false",
        isBoolean(saved.getOrDefault(DROP_LAST_KEY, "false")));
    if (saved.containsKey(STEP_COUNT_KEY) && stepCount(saved).isEmpty()) {
      notes.add(String.format(Locale.ROOT, "%s: its \"%s\" metadata (%s) is not a step count; a"
          + " per-step schedule counts the steps before the checkpoint from its epochs", file,
          STEP_COUNT_KEY, PrintableText.shortened(saved.get(STEP_COUNT_KEY))));
    }
    if (saved.containsKey(FIT_CALL_KEY) && call(saved) == 0) {
      notes.add(String.format(Locale.ROOT, "%s: its \"%s\" metadata (%s) is not a later fit"
          + " call's index; the run goes on with the batch orders of a trainer's first fit call",
          file, FIT_CALL_KEY, PrintableText.shortened(saved.get(FIT_CALL_KEY))));
    }
    return notes;
  }

  /**
   * What another batch size does to a per-step schedule of a fixed length (a one-cycle), which a
   * resume keeps as the checkpoint's run built it: the note cannot count the steps, as the rows
   * are the fit's, but says which way the count goes.
   */
  private static String lengthNote(int savedSize, int size) {
    return size > savedSize
        ? "; in larger batches the run takes no more steps an epoch, so a schedule built for the"
            + " checkpoint's run's steps (a oneCycle's) may end partway, not at its end"
        : "; in smaller batches the run takes no fewer steps an epoch, and fit refuses, before"
            + " any step, a schedule built for the checkpoint's run's steps (a oneCycle's) that"
            + " has no rate for the run's last ones: resume in batchSize(" + savedSize + ") then";
  }

  /**
   * The batch size the checkpoint's run trained with, when its entry is one.
   *
   * @param saved the checkpoint's entries ({@link #saved})
   * @return the size, or empty when not recorded or not a size (0 or less is none: {@link
   *     #notes} says it cannot be read)
   */
  static OptionalInt batchSize(Map<String, String> saved) {
    String size = saved.get(SavedRunMetadata.BATCH_SIZE_KEY);
    return size == null ? OptionalInt.empty()
        : MetadataNumbers.wholeInt(size).stream().filter(s -> s > 0).findFirst();
  }

  private static void unread(List<String> notes, String file, Map<String, String> saved,
      String key, String kind, boolean read) {
    if (!read) {
      String value = saved.get(key);
      notes.add(String.format(Locale.ROOT, "%s: its \"%s\" metadata (%s) is not %s; this run's"
          + " setting is not checked against it", file, key, PrintableText.shortened(value),
          kind));
    }
  }

  /** Whether a drop-last entry is one {@link #of} writes, the only text it is compared as. */
  private static boolean isBoolean(String entry) {
    return "true".equals(entry) || "false".equals(entry);
  }

  /** Whether a recorded clipping limit (0 for none) that can be read is not {@code given}. */
  private static boolean limitsDiffer(String saved, double given) {
    Double limit = saved == null ? null : limit(saved);
    return limit != null && Double.compare(limit, given) != 0;
  }

  private static Double limit(String text) {
    try {
      double limit = Double.parseDouble(text);
      return limit >= 0 && limit < Double.POSITIVE_INFINITY ? limit : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String clipping(String setter, String entry) {
    Double limit = limit(entry);
    // Printable: parseDouble takes a number between control characters (an escape) too.
    return limit != null && limit == 0 ? "no " + setter
        : setter + "(" + PrintableText.shortened(entry) + ")";
  }
}
