package dev.chainrule.examples.commands;

import dev.chainrule.examples.cli.Console;
import dev.chainrule.examples.cli.Failure;
import dev.chainrule.examples.cli.Settings;
import dev.chainrule.examples.cli.Usage;
import dev.chainrule.examples.run.SavedModels;
import dev.chainrule.optim.data.ColumnOptions;
import dev.chainrule.optim.data.CsvCommandLine;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.data.FirstLine;
import dev.chainrule.optim.data.RowsFingerprint;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.model.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a model loaded by {@code train --load} fixes for the run, beyond what every training
 * command checks ({@link SavedModels#load}): the options its description records (task, label,
 * features, test fraction) and the rows its split was drawn from.
 */
final class TrainLoadedModel {
  private TrainLoadedModel() {}

  /**
   * Checks the options the loaded model fixes (a usage error for one that contradicts it).
   *
   * @param train the command, for its options and usage messages
   * @param s the run's settings, for which options were given and the file's name
   * @param d the loaded model's description
   * @return whether the model does regression
   */
  static boolean requireOptions(TrainCommand train, Settings s, ModelDescription d) {
    String file = String.valueOf(s.load().getFileName());
    SavedModels.requireSame(train.spec, s.gave("--task"), "--task", train.task,
        d.task().jsonName(), file, "whose model does " + d.task().jsonName());
    // The columns the options name in --csv's header, found as a run without --load finds
    // them: --label 2 or -1 of a header x,y,label is the model's label, and --features
    // '"a,b",c' its features "a,b" and c. Compared as typed, they were refused as other columns.
    // A header that cannot be read leaves them as typed: the reading refuses the file then.
    if (!Files.exists(train.csv) || Files.isDirectory(train.csv)) {
      // The reading refuses it next, naming the file: compared with no header, a --label -1
      // that names the model's label was said to contradict it, or taken for a pipe's.
      return d.task() == Task.REGRESSION;
    }
    String features = CsvCommandLine.listed(d.features());
    // The model's names as the reader now reads a header: older models kept no-break spaces.
    String modelLabel = ColumnOptions.recorded(d.label());
    List<String> modelFeatures = ColumnOptions.recorded(d.features());
    List<String> header = header(train, file, modelLabel, modelFeatures);
    if (s.gave("--label")) {
      String label = ColumnOptions.label(header, train.label);
      Usage.check(label.equals(modelLabel), train.spec, "--label %s%s contradicts %s, whose label"
          + " is %s", train.label, label.equals(train.label) ? "" : " (the column "
              + CsvCommandLine.listed(label) + ")", file, CsvCommandLine.listed(d.label()));
    }
    // As typed in the message: a name holding a comma is in the quotes that keep it whole.
    Usage.check(!s.gave("--features")
        || ColumnOptions.names(header, train.features).equals(modelFeatures), train.spec,
        "--features %s contradicts %s, whose features are %s", train.features == null ? ""
            : String.join(",", train.features), file, features);
    List<String> dropped = train.drop == null ? List.of()
        : ColumnOptions.names(header, train.drop);
    // The label, as without --load, where the reading of the header refuses it: the loaded
    // model names its label itself, and a --drop of it went through, the run training on it.
    Usage.check(!dropped.contains(modelLabel), train.spec,
        "--drop: \"%s\" is the label column of %s's model; it cannot be dropped", d.label(),
        file);
    // --drop of columns the model does not read agrees with it (the README's own save command
    // drops the id); one of its features contradicts it.
    Usage.check(dropped.stream().noneMatch(modelFeatures::contains), train.spec,
        "--drop contradicts %s, whose features are %s", file, features);
    if (d.split() != null) {
      SavedModels.requireSame(train.spec, s.gave("--test-fraction"), "--test-fraction",
          train.testFraction, d.split().testFraction(), file, "whose test part was "
              + d.split().testFraction() + " of the rows");
    }
    return d.task() == Task.REGRESSION;
  }

  /**
   * The names the options are found among: {@code --csv}'s header, or, for a file that is read
   * once (a pipe or a FIFO: {@link FirstLine#rereadable}), whose header is not known before the
   * run reads it, the model's own label and features. Those are the names the options must
   * come to, and a name among them in quotes is found as it would be in the header; a --label
   * given by position cannot be placed without the header, and is refused rather than compared
   * as typed: {@code --label -1} that names the model's label would be said to contradict it.
   */
  private static List<String> header(TrainCommand train, String file, String modelLabel,
      List<String> modelFeatures) {
    if (FirstLine.rereadable(train.csv)) {
      // The header alone: FirstLine.of counts every row when the first name is a whole number.
      return FirstLine.header(train.csv, CsvFiles.delimiter(train.delimiter, train.spec))
          .orElse(List.of());
    }
    List<String> names = new ArrayList<>(modelFeatures);
    names.add(modelLabel);
    Usage.check(train.label == null || !ColumnOptions.isPosition(train.label)
            || names.contains(train.label),
        train.spec, "--label %s: --csv %s is not a regular file (a pipe or a FIFO, read once),"
        + " so a column's position cannot be matched with %s's label before the rows are read;"
        + " give the label by its name, %s", train.label,
        train.csv, file, CsvCommandLine.listed(modelLabel));
    return names;
  }

  /**
   * Refuses rows of {@code --csv} that are not, in order, the ones the loaded model's split was
   * drawn from, though as many: its seed would split them into a test part that holds rows it
   * trained on, and the score would be flattered (a shuffled copy of the file scored 1.0 for the
   * 0.96 of the model's own test rows). Another count is refused by the split itself. A file
   * saved before fingerprints were recorded cannot tell: it still loads, with a note that says so.
   *
   * <p>A failure of the run (exit 1), as another count is, and as the Spark launcher's {@code
   * --resume} refuses other rows: the data differ, not an option. It was a usage error (exit 2),
   * so a header that changed (two columns' names swapped, the model's features read by name from
   * other columns) was told as a mistake on the command line, with or without {@code --drop}.
   *
   * @param console where the note of a file without a fingerprint goes
   * @param s the run's settings, for the file's name
   * @param d the loaded model's description
   * @param rows the rows of {@code csv}
   * @param csv the file given to {@code --csv}
   */
  static void requireRows(Console console, Settings s, ModelDescription d, Dataset rows,
      Path csv) {
    ModelDescription.DataSplit split = d.split();
    String file = String.valueOf(s.load().getFileName());
    if (split == null) {
      return;
    }
    if (split.rowsSha256() == null) {
      console.printf("note: %s records no fingerprint of the rows its split"
          + " was drawn from (saved by an older chainrule): whether --csv %s holds those rows, in"
          + " that order, cannot be checked, and if not, its test score counts rows the model"
          + " trained on", file, csv.getFileName());
      return;
    }
    if (split.rows() == rows.size() && !split.rowsSha256().equals(RowsFingerprint.of(rows))) {
      throw new Failure(String.format(Locale.ROOT, "--csv %s holds other rows than the %,d %s"
          + " was split from (read by the names in its header), or the same rows in another"
          + " order: the model's seed would split them into a test part that holds"
          + " rows it trained on; give --csv the file it was trained on, unchanged, or train a"
          + " new model without --load (predict --load scores new rows)", csv, split.rows(),
          file));
    }
  }
}
