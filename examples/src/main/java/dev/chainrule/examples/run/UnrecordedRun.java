package dev.chainrule.examples.run;

import dev.chainrule.examples.cli.Console;
import dev.chainrule.examples.cli.Settings;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.model.HeldOutRows;
import dev.chainrule.optim.model.ModelDescription;
import java.util.Locale;
import java.util.Optional;

/**
 * Notes for a file that records neither the epochs its weights trained nor the share of its
 * training rows its run held out: files the program saved on 2 December 2026 or before
 * (a0f4a608 added the epoch count, 14656f2b the share the next day), and files saved by code of
 * one's own. Such a file still trains further, as it did then, but without a word the run
 * numbered its epochs from 1, drew a new run's first batch orders, and trained on the rows its run
 * had held out for validation: found by loading files that older versions of the program wrote.
 * A file without a split, described in code, is tested on the command's own split, with a note.
 */
final class UnrecordedRun {
  private UnrecordedRun() {}

  /**
   * Says that a run trains a file's model on from epoch 1, when the file has no {@value
   * ModelCheckpoint#EPOCH_KEY} entry at all (an entry that is not a count has its own note).
   *
   * @param loaded the file's model and metadata
   * @param s the run's settings
   * @return the note, if any
   */
  static Optional<String> epochNote(ModelCheckpoint.DescribedModel loaded, Settings s) {
    if (s.epochs() == 0 || loaded.report().metadata().containsKey(ModelCheckpoint.EPOCH_KEY)) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT, "note: %s records no count of the epochs its"
        + " weights trained (no \"%s\" metadata: saved by a chainrule of 2 December 2026 or"
        + " older, or by code of one's own): this run numbers its epochs from 1 with a new run's"
        + " batch orders, not those one uninterrupted run would go on with, and a file it saves"
        + " records only this run's %d epoch%s", file(s), ModelCheckpoint.EPOCH_KEY, s.epochs(),
        s.epochs() == 1 ? "" : "s"));
  }

  /**
   * Says that a run holds out no validation rows because the file does not say what its run held
   * out ({@value HeldOutRows#METADATA_KEY}) and the command line gives no {@code --validation}:
   * rows its run validated on are trained on now. Not for {@code xor}, which takes no
   * {@code --validation}: its four points are its test.
   *
   * @param loaded the file's model and metadata, or null for a new model
   * @param s the run's settings
   * @return the note, if any
   */
  static Optional<String> validationNote(ModelCheckpoint.DescribedModel loaded, Settings s) {
    if (loaded == null || s.epochs() == 0 || s.gave("--validation")
        || loaded.report().metadata().containsKey(HeldOutRows.METADATA_KEY)) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT, "note: %s records no share of its training"
        + " rows held out for validation (no \"%s\" metadata: saved by a chainrule of 3"
        + " December 2026 or older, or by code of one's own): this run holds out none, so rows its"
        + " run validated on, if it held any out, are trained on now (give its --validation)",
        file(s), HeldOutRows.METADATA_KEY));
  }

  /**
   * Says that a loaded model is tested on rows it may have trained on: its description records no
   * split, so this run draws the command's own (its seed and test fraction), which need not be
   * the one the model's training rows were drawn from. The program's {@code --save} records the
   * split; a model described in code (as the README's checkpoint section does, naming it {@code
   * "iris"}) need not, and {@code iris --load F --epochs 0} printed its test score without a word,
   * counting rows of the code's training part. Not for fixed test data ({@code fashion-mnist}'s),
   * which no split draws.
   *
   * @param loaded the file's model and metadata, or null for a new model
   * @param s the run's settings
   * @param split the split this run's test rows come from, or null for fixed test data
   * @return the note, if any
   */
  static Optional<String> splitNote(ModelCheckpoint.DescribedModel loaded, Settings s,
      ModelDescription.DataSplit split) {
    if (loaded == null || split == null || loaded.description().split() != null) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT, "note: %s records no split of its rows (its"
        + " description has no \"split\": written by code of one's own or another tool): this"
        + " run tests it on its own split (seed %d, test fraction %s), which may hold rows the"
        + " model trained on, so its test score may flatter it", file(s), split.seed(),
        Console.number(split.testFraction())));
  }

  private static String file(Settings s) {
    return String.valueOf(s.load().getFileName());
  }
}
