package dev.chainrule.examples.run;

import dev.chainrule.examples.cli.Console;
import dev.chainrule.examples.cli.Settings;
import dev.chainrule.optim.checkpoint.MetadataNumbers;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.train.SavedRunMetadata;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The batch size of a run that trains a loaded file's model further: the file's ({@value
 * SavedRunMetadata#BATCH_SIZE_KEY}) unless the command line names another. Without it, {@code
 * --load F --epochs 10} went back to the command's default without a word, and drew other
 * batches than one uninterrupted run, which the README promises it ends as, bit for bit.
 */
public final class LoadedBatchSize {
  private LoadedBatchSize() {}

  /**
   * The settings with the file's batch size when the command line gave none, as {@link
   * SavedModels#continuing} takes the file's optimizer and rate.
   *
   * @param s the command line's settings
   * @param loaded the file's model and metadata
   * @return the settings to run with
   */
  public static Settings continuing(Settings s, ModelCheckpoint.DescribedModel loaded) {
    OptionalInt recorded = recorded(loaded);
    return s.gave("--batch-size") || recorded.isEmpty() ? s
        : s.withBatchSize(recorded.getAsInt());
  }

  /**
   * The batch size the file's run trained with, when it records one that is a batch size.
   *
   * @param loaded the file's model and metadata
   * @return the recorded size; empty for a file without the entry (saved before it was
   *     recorded, or by a tool of one's own) or with one that is no positive whole number
   */
  public static OptionalInt recorded(ModelCheckpoint.DescribedModel loaded) {
    String text = loaded.report().metadata().get(SavedRunMetadata.BATCH_SIZE_KEY);
    // Read as the epoch entry is (optim's MetadataNumbers): "16.0" is 16.
    OptionalInt size = text == null ? OptionalInt.empty() : MetadataNumbers.wholeInt(text);
    return size.isPresent() && size.getAsInt() > 0 ? size : OptionalInt.empty();
  }

  /**
   * Says, as a note, when a run that trains the loaded model further draws other batches than
   * the file's run would have gone on with: {@code --batch-size} names another size, or the file
   * records none (or none that is a size) though it records the epochs it trained, so the run
   * takes the command's default.
   *
   * @param loaded the file's model and metadata
   * @param s the run's settings, after {@link #continuing}
   * @param first the epochs the file's weights had trained
   * @param console where the note goes
   */
  public static void note(ModelCheckpoint.DescribedModel loaded, Settings s, int first,
      Console console) {
    text(loaded, s, first).ifPresent(console::println);
  }

  /** {@link #note}'s line, if any. */
  static Optional<String> text(ModelCheckpoint.DescribedModel loaded, Settings s, int first) {
    if (s.epochs() == 0) {
      return Optional.empty(); // nothing trains: no batch is drawn
    }
    String file = String.valueOf(s.load().getFileName());
    String text = loaded.report().metadata().get(SavedRunMetadata.BATCH_SIZE_KEY);
    OptionalInt recorded = recorded(loaded);
    if (recorded.isPresent()) {
      return recorded.getAsInt() == s.batchSize() ? Optional.empty()
          : Optional.of(String.format(Locale.ROOT, "note: %s: its run trained in batches of %d;"
              + " --batch-size %d draws other batches than one uninterrupted run would", file,
              recorded.getAsInt(), s.batchSize()));
    }
    String size = s.batchSize() + (s.gave("--batch-size") ? " (--batch-size)"
        : " (--batch-size's default)");
    if (text != null) {
      return Optional.of(String.format(Locale.ROOT, "note: %s: its \"%s\" metadata (%s) is not"
          + " a batch size; this run trains in batches of %s", file,
          SavedRunMetadata.BATCH_SIZE_KEY, Console.printable(text), size));
    }
    // Only a run numbered on from the file's epochs has an uninterrupted run to differ from;
    // a size the command line names is the user's choice, as it was before files recorded one.
    if (first == 0 || s.gave("--batch-size")) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT, "note: %s records no batch size (saved by an"
        + " older chainrule): this run trains in batches of %s; unless its run did too, the"
        + " batches differ from one uninterrupted run's (give its --batch-size)", file, size));
  }
}
