package dev.chainrule.examples.run;

import dev.chainrule.examples.cli.Failure;
import dev.chainrule.optim.data.CsvCommandLine;
import dev.chainrule.optim.data.UnlearnableDataException;
import dev.chainrule.optim.data.UnlearnableDataException.Remedy;

/**
 * The program's words for what would mend a split the library refuses (a training part of one
 * class, or of one target value, the rest all held out): the library names no option ("give more
 * rows or a smaller test fraction"), which from the program left the reader to find that the
 * fraction is {@code --test-fraction}. Here each {@link UnlearnableDataException#remedies()
 * remedy} is named by the option that gives it, and only by an option the running command takes
 * ({@link ChanceWarning.Advice}, as the chance warnings name them): {@code --test-fraction} is
 * train's alone (the built-in data sets hold out a fixed share, and a loaded model keeps its
 * own), while {@code --validation} and {@code --seed} are every training command's.
 */
public final class SplitRemedies {
  private SplitRemedies() {}

  /**
   * The refusal in the program's words: a {@link Failure} (exit 1, the data decides it) whose
   * remedies name the options; {@code e} itself when it names no remedy.
   *
   * @param e the library's refusal
   * @param options the options the running command takes
   * @return the exception to throw
   */
  public static RuntimeException named(UnlearnableDataException e, ChanceWarning.Advice options) {
    if (e.remedies().isEmpty()) {
      return e;
    }
    return new Failure(e.message(remedy -> words(remedy, options)), e);
  }

  /** A remedy as the program names it, or null when the command has no option that gives it. */
  static String words(Remedy remedy, ChanceWarning.Advice options) {
    return CsvCommandLine.remedy(remedy, options.testFraction());
  }
}
