package dev.chainrule.examples.commands;

import dev.chainrule.examples.cli.Console;
import dev.chainrule.examples.cli.Failure;
import dev.chainrule.examples.cli.Usage;
import dev.chainrule.optim.data.CsvCommandLine;
import dev.chainrule.optim.data.CsvData;
import dev.chainrule.optim.data.CsvReader;
import dev.chainrule.optim.data.DataChecks;
import dev.chainrule.optim.data.MissingValueException;
import dev.chainrule.optim.data.MissingValues;
import dev.chainrule.optim.data.UnlearnableDataException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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

  /** Reads the file; a missing value names {@code --missing drop} as the way out. */
  static CsvData read(CsvReader reader, Path file, Console console) throws IOException {
    CsvData data;
    try {
      data = reader.read(file);
    } catch (MissingValueException e) {
      throw new Failure(e.getMessage() + "; --missing drop leaves such rows out", e);
    }
    noteDroppedRows(data, file, console);
    return data;
  }

  /** The note of the rows {@code --missing drop} left out, when it left any. */
  static void noteDroppedRows(CsvData data, Path file, Console console) {
    if (data.droppedRows() > 0) {
      console.printf("%s: left out %,d row%s with missing values (--missing drop)",
          file.getFileName(), data.droppedRows(), data.droppedRows() == 1 ? "" : "s");
    }
  }

  /** Refuses unlearnable data; a continuous-looking label suggests regression. */
  static void requireLearnable(CsvData data, String source) {
    try {
      DataChecks.requireLearnable(data, source);
    } catch (UnlearnableDataException e) {
      if (e.reason() == UnlearnableDataException.Reason.CONTINUOUS_LABEL) {
        throw new Failure(e.getMessage() + "; to predict a number, use --task regression", e);
      }
      throw e;
    }
  }
}
