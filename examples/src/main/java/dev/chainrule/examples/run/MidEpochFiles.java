package dev.chainrule.examples.run;

import dev.chainrule.examples.cli.Console;
import dev.chainrule.examples.cli.Failure;
import dev.chainrule.examples.cli.Settings;
import dev.chainrule.optim.checkpoint.MetadataNumbers;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A Spark checkpoint written inside an epoch, which train --load cannot continue: its {@code
 * epoch} counts the epochs completed, but its weights and optimizer state hold part of the next,
 * which a train run would train whole, those batches twice, without a word. Only chainrule-spark
 * --resume goes on from the step it stopped at. Train's own files are written at epochs' ends.
 */
final class MidEpochFiles {
  private MidEpochFiles() {}

  /**
   * The Spark launcher's record of the next step within the epoch its checkpoint stopped in
   * (chainrule-spark's {@code Progress}): 0, or absent, at an epoch's end.
   */
  static final String SPARK_STEP_KEY = "chainrule.spark.step";

  /**
   * Refuses to train on from a file written inside an epoch; evaluating it ({@code --epochs 0})
   * trains nothing and is left alone. A file this run cannot continue is the run's failure (exit
   * 1), as a damaged one is, not a usage error: no option would make it continuable.
   *
   * <p>The step entry is read as a number, not compared as text: "0.0" or " 0" (a file written
   * by another tool, or edited) is an epoch's end, where a text comparison took any spelling but
   * "0" for a step inside the epoch and refused a file that trains on.
   *
   * @param loaded the file's model and metadata
   * @param s the settings, with {@code --load}'s file
   * @throws Failure for a file written inside an epoch, naming chainrule-spark --resume, or for
   *     a step entry that is not a whole number of at least 0, naming the entry and the file
   */
  static void refuse(ModelCheckpoint.DescribedModel loaded, Settings s) {
    String step = loaded.report().metadata().get(SPARK_STEP_KEY);
    if (s.epochs() == 0 || step == null) {
      return;
    }
    String name = String.valueOf(s.load().getFileName());
    long next = stepOf(step, name);
    if (next == 0) {
      return;
    }
    throw new Failure(String.format(Locale.ROOT, "%s is a chainrule-spark checkpoint that"
        + " stopped inside an epoch (after %s steps of epoch %s): its weights have trained part"
        + " of that epoch, which --load would train again in full; continue it with"
        + " chainrule-spark --resume %s, or load a file written at the end of an epoch", name,
        next, epochInProgress(loaded.report().metadata().get(ModelCheckpoint.EPOCH_KEY)),
        name));
  }

  /**
   * The step entry as a whole number of at least 0, surrounding blanks allowed. Anything else
   * (a word, a fraction, a negative count, a count beyond a long) says neither an epoch's end
   * nor a step inside one: the file is damaged, and guessing either way would train it wrongly
   * or refuse it wrongly.
   */
  private static long stepOf(String step, String name) {
    // Read as the launcher's --resume reads it (optim's MetadataNumbers), so a file is at an
    // epoch's end for both or for neither.
    OptionalLong number = MetadataNumbers.whole(step);
    if (number.isPresent() && number.getAsLong() >= 0) {
      return number.getAsLong();
    }
    throw new Failure(String.format(Locale.ROOT, "%s: the metadata's \"%s\" is \"%s\", not a"
        + " count of steps (the step chainrule-spark stopped at within its epoch, 0 at an"
        + " epoch's end), so whether the file continues an epoch is unknown: the file was edited"
        + " or damaged", name, SPARK_STEP_KEY, Console.printable(step)));
  }

  /** The epoch in progress, from 1, for a file's count of epochs completed. */
  private static String epochInProgress(String completed) {
    if (completed == null) {
      return "1";
    }
    OptionalInt number = MetadataNumbers.wholeInt(completed);
    return number.isPresent() && number.getAsInt() >= 0 && number.getAsInt() < Integer.MAX_VALUE
        ? Integer.toString(number.getAsInt() + 1) : "after " + Console.printable(completed);
  }
}
