package dev.chainrule.examples.commands;

import dev.chainrule.examples.cli.Console;
import dev.chainrule.examples.cli.Failure;
import dev.chainrule.examples.cli.Usage;
import dev.chainrule.optim.data.CsvCommandLine;
import dev.chainrule.optim.data.CsvData;
import dev.chainrule.optim.data.CsvReader;
import dev.chainrule.optim.data.FeatureOutliers;
import dev.chainrule.optim.data.MissingValueCodes;
import dev.chainrule.optim.data.MissingValueException;
import dev.chainrule.optim.data.MissingValues;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;

/** The CSV handling {@code train} and {@code predict} share, with advice in the program's terms. */
final class CsvFiles {
  private CsvFiles() {}

  /** {@code --missing}: reject or drop. */
  static MissingValues missingValues(String policy, CommandSpec spec) {
    return switch (policy) {
      case "reject" -> MissingValues.REJECT;
      case "drop" -> MissingValues.DROP;
      default -> throw Usage.error(spec, "--missing must be reject or drop, got '%s'", policy);
    };
  }

  /** What {@code --delimiter} says: {@code --delimiter ';'}, or {@code tab}. */
  static final String DELIMITER_HELP = "The character between fields: ',', ';', '|', or tab"
      + " (default: ${DEFAULT-VALUE}).";

  /** {@code --delimiter}: one character, or {@code tab} (a tab is awkward to type in a shell). */
  static char delimiter(String text, CommandSpec spec) {
    try {
      return CsvCommandLine.delimiter(text);
    } catch (IllegalArgumentException e) {
      throw Usage.error(spec, "--delimiter: %s", e.getMessage());
    }
  }

  /**
   * Refuses, as usage errors, column options no file can satisfy: an empty {@code --label}, and a
   * column named twice in {@code --features} or {@code --drop}.
   */
  static void checkColumnOptions(CommandSpec spec, String label, List<String> features,
      List<String> drop) {
    Usage.check(label == null || !label.isBlank(), spec,
        "--label must name a column (or give its position), got an empty name");
    requireNoRepeat(spec, "--features", features);
    requireNoRepeat(spec, "--drop", drop);
  }

  private static void requireNoRepeat(CommandSpec spec, String option, List<String> names) {
    CsvCommandLine.repeatedName(names).ifPresent(name -> {
      throw Usage.error(spec, "%s names the column \"%s\" twice", option, name);
    });
  }

  /**
   * Reads the file; a missing value names {@code --missing drop} as the way out, and a number
   * beyond float32's range {@code --dtype float64} too, when {@code dtypeFree} (no loaded model
   * fixes the type).
   */
  static CsvData read(CsvReader reader, Path file, Console console, boolean dtypeFree)
      throws IOException {
    return read(reader, file, console, dtypeFree, null);
  }

  /**
   * As {@link #read(CsvReader, Path, Console, boolean)}; a column with no value in any row is
   * left out by {@code leaveOut}'s options instead ({@code --missing drop} would leave every row
   * out), where the command line chooses the features ({@code leaveOut} not null).
   */
  static CsvData read(CsvReader reader, Path file, Console console, boolean dtypeFree,
      Function<List<String>, String> leaveOut) throws IOException {
    CsvData data;
    try {
      data = reader.read(file);
    } catch (MissingValueException e) {
      throw new Failure(CsvCommandLine.missingValueAdvice(e, dtypeFree, leaveOut), e);
    }
    noteDroppedRows(data, file, console, dtypeFree);
    return data;
  }

  /**
   * The note of the rows {@code --missing drop} left out, when it left any, saying why: a row
   * holding 1e39, which float32 cannot, was said to have "missing values". With {@code
   * dtypeFree} (no loaded model fixes the type), {@code --dtype float64} is named as the way to
   * keep such rows, as the refusal without --missing drop names it.
   */
  static void noteDroppedRows(CsvData data, Path file, Console console, boolean dtypeFree) {
    CsvCommandLine.droppedRowsNote(data, String.valueOf(file.getFileName()), dtypeFree)
        .ifPresent(console::info);
  }

  /**
   * Refuses unlearnable data, a continuous-looking label suggesting regression; then warns of a
   * feature with a value so far from its others that standardised they all but merge ({@link
   * FeatureOutliers}), with how to leave the column out ({@code leaveOut}: the options that do,
   * for that column, or null where the command line cannot), and of a column coding missing
   * values as -999 or 9999 ({@link MissingValueCodes}).
   */
  static void requireLearnable(CsvData data, String source, Console console,
      Function<String, String> leaveOut) {
    CsvCommandLine.requireLearnable(data, source, Failure::new);
    FeatureOutliers.find(data, source)
        .ifPresent(far -> console.println(far.warning(leaveOut.apply(far.column()))));
    MissingValueCodes.warnings(data, source).forEach(console::println);
  }
}
