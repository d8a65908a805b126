package dev.chainrule.examples.run;

import dev.chainrule.examples.cli.Console;
import dev.chainrule.examples.cli.Settings;
import dev.chainrule.optim.checkpoint.MetadataNumbers;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.model.ModelDescription;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The seed of a run that trains a loaded file's model further: the file's ({@value #KEY}, or
 * its split's) unless the command line names one, which must agree. The seed draws the batch
 * orders and the validation rows; only a split's was recorded, so {@code fashion-mnist --load F}
 * and {@code xor --load F} went on with the command's default seed without a word, and ended
 * elsewhere than one uninterrupted run, and a contradicting {@code --seed} was taken.
 */
public final class LoadedSeed {
  private LoadedSeed() {}

  /** The metadata key of the run's seed (initialisation, split, validation rows, batch order). */
  public static final String KEY = "chainrule.seed";

  /**
   * The entry a saved file records of the run's seed.
   *
   * @param s the run's settings
   * @return the seed's entry
   */
  public static Map<String, String> metadata(Settings s) {
    return Map.of(KEY, Long.toString(s.seed()));
  }

  /**
   * The seed the file's run trained with: its split's, which its test rows depend on, else its
   * {@value #KEY} entry when that is a whole number.
   *
   * @param loaded the file's model and metadata
   * @return the seed; empty for a file without a split or the entry (saved before the seed was
   *     recorded, or by a tool of one's own) or with an entry that is no whole number
   */
  public static OptionalLong recorded(ModelCheckpoint.DescribedModel loaded) {
    ModelDescription.DataSplit split = loaded.description().split();
    if (split != null) {
      return OptionalLong.of(split.seed());
    }
    String text = loaded.report().metadata().get(KEY);
    return text == null ? OptionalLong.empty() : MetadataNumbers.whole(text);
  }

  /**
   * A usage error when {@code --seed} names another seed than the file's run had: another split
   * would test on training rows; other validation rows would validate on rows it trained on;
   * other batch orders end elsewhere than one uninterrupted run.
   *
   * @param s the command line's settings
   * @param spec the command, for the usage message
   * @param loaded the file's model and metadata
   */
  public static void requireAgrees(Settings s, CommandSpec spec,
      ModelCheckpoint.DescribedModel loaded) {
    OptionalLong seed = recorded(loaded);
    if (seed.isEmpty()) {
      return;
    }
    String file = String.valueOf(s.load().getFileName());
    SavedModels.requireSame(spec, s.gave("--seed"), "--seed", s.seed(), seed.getAsLong(), file,
        loaded.description().split() != null
            ? "whose test rows were split with seed " + seed.getAsLong()
                + " (another split would test on training rows)"
            : "whose run trained with seed " + seed.getAsLong() + " (another draws other batch"
                + " orders" + (holdsOutValidationRows(spec) ? " and validation rows" : "")
                + " than one uninterrupted run); leave out --seed");
  }

  /** Whether the command can hold out validation rows (xor's --validation is only refused). */
  private static boolean holdsOutValidationRows(CommandSpec spec) {
    OptionSpec validation = spec.findOption("--validation");
    return validation != null && !validation.hidden();
  }

  /**
   * The settings with the file's seed when the command line gave none.
   *
   * @param s the command line's settings
   * @param loaded the file's model and metadata
   * @return the settings to run with
   */
  public static Settings continuing(Settings s, ModelCheckpoint.DescribedModel loaded) {
    OptionalLong seed = recorded(loaded);
    return s.gave("--seed") || seed.isEmpty() ? s : s.withSeed(seed.getAsLong());
  }

  /**
   * Says, as a note, when a run that trains the loaded model further on from its epochs cannot
   * know the seed its run had: a file saved before the seed was recorded, or whose entry is no
   * whole number, trains with {@code --seed}'s (or its default's) batch orders.
   *
   * @param loaded the file's model and metadata
   * @param s the run's settings, after {@link #continuing}
   * @param first the epochs the file's weights had trained
   * @return the note, if any
   */
  static Optional<String> note(ModelCheckpoint.DescribedModel loaded, Settings s, int first) {
    if (s.epochs() == 0 || recorded(loaded).isPresent()) {
      return Optional.empty();
    }
    String file = String.valueOf(s.load().getFileName());
    String seed = s.seed() + (s.gave("--seed") ? " (--seed)" : " (--seed's default)");
    String text = loaded.report().metadata().get(KEY);
    if (text != null) {
      return Optional.of(String.format(Locale.ROOT, "note: %s: its \"%s\" metadata (%s) is not"
          + " a seed; this run trains with seed %s", file, KEY, Console.printable(text), seed));
    }
    // As for the batch size: only a run numbered on from the file's epochs has an uninterrupted
    // run to differ from, and a seed the command line names is the user's choice.
    if (first == 0 || s.gave("--seed")) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT, "note: %s records no seed (saved by an older"
        + " chainrule): this run trains with seed %s; unless its run did too, the batch orders"
        + " differ from one uninterrupted run's (give its --seed)", file, seed));
  }
}
