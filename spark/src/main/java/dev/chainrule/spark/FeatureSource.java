package dev.chainrule.spark;

import dev.chainrule.optim.data.CsvCommandLine;
import dev.chainrule.optim.data.DroppedColumns;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.report.PrintableText;
import dev.chainrule.spark.DescriptionDifference.Part;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who named a run's features, which decides how a checkpoint with other ones is refused: a
 * caller's or an option's choice is contradicted (a {@link ResumeContradiction}, the launcher's
 * exit 2), a header's features are another data set's (exit 1). With --drop the features are the
 * header's less the columns it names, so which it is depends on the file's features and on the
 * columns the file's run left out, which its checkpoint records ({@link #recorded}).
 */
final class FeatureSource {
  /**
   * A library caller, in the description it gave the trainer: a choice, and the refusal names
   * no launcher option the caller never used.
   */
  static final FeatureSource CALLER = new FeatureSource(new Part("features",
      "the description given to SparkTrainer.builder", true, ModelDescription::features), null);
  /** The launcher's --features: a choice, whatever the header holds. */
  static final FeatureSource FEATURES = new FeatureSource(
      new Part("features", "--features", true, ModelDescription::features), null);
  /** The launcher's CSV header, neither --features nor --drop given: the data. */
  static final FeatureSource HEADER = new FeatureSource(null, List.of());

  private static final Part DROPPED = new Part("features", "--drop", true,
      ModelDescription::features);
  private static final String LESS_DROPPED = "the header of --csv, less the columns --drop names";
  private static final Part HEADER_LESS_DROPPED =
      new Part("features", LESS_DROPPED, false, ModelDescription::features);

  /** A choice's part; null for the header's features. */
  private final Part part;
  /** --drop's names as typed, empty for the whole header; null for a choice. */
  private final List<String> dropped;

  private FeatureSource(Part part, List<String> dropped) {
    this.part = part;
    this.dropped = dropped;
  }

  /**
   * The header less the columns of {@code --drop}.
   *
   * @param columns {@code --drop}'s names as typed
   */
  static FeatureSource dropping(List<String> columns) {
    return new FeatureSource(null, List.copyOf(columns));
  }

  /**
   * What a checkpoint records of the run's features besides their names: the columns left out
   * of the header (none when it was read whole); nothing for features a caller or --features
   * named, which no header decides.
   */
  Optional<DroppedColumns> recorded() {
    return dropped == null ? Optional.empty() : Optional.of(new DroppedColumns(dropped));
  }

  /**
   * What the features of {@code run} come from, against those of {@code file}, whose run left
   * out the {@code saved} columns (empty for a file written before checkpoints recorded them).
   */
  Part part(ModelDescription file, ModelDescription run, Optional<DroppedColumns> saved) {
    if (dropped == null) {
      return part;
    }
    if (saved.isPresent()) {
      return againstRecord(file.features(), run.features(), saved.get().names());
    }
    return dropped.isEmpty() ? DescriptionDifference.FEATURES_READ
        : unrecorded(file.features(), run.features());
  }

  /**
   * With the file's --drop known: the same columns left out make other features the header's
   * (exit 1). Another --drop is the option's (exit 2) when the file's --drop would give the
   * file's features back: the features outside both lists alike and in the same order, and
   * every column only this run leaves out one of the file's features. Otherwise the header
   * changed as well, which no --drop mends: the data's, naming both lists.
   */
  private Part againstRecord(List<String> file, List<String> run, List<String> saved) {
    if (unquoted(saved).equals(unquoted(dropped))) {
      return dropped.isEmpty() ? DescriptionDifference.FEATURES_READ : HEADER_LESS_DROPPED;
    }
    Set<String> savedNames = spellings(saved);
    Set<String> runNames = spellings(dropped);
    boolean backInFile = dropped.stream().filter(name -> !savedNames.contains(name))
        .allMatch(name -> file.contains(name) || file.contains(CsvCommandLine.unquoted(name)));
    boolean mended = backInFile
        && file.stream().filter(f -> !runNames.contains(f)).toList()
            .equals(run.stream().filter(f -> !savedNames.contains(f)).toList());
    // The file's names are the file's text: shown as every entry of it is.
    String lists = PrintableText.of("the checkpoint was saved "
        + (saved.isEmpty() ? "without --drop" : "with " + CsvCommandLine.option("--drop", saved))
        + "; this run has "
        + (dropped.isEmpty() ? "no --drop" : CsvCommandLine.option("--drop", dropped)));
    return mended ? new Part("features", "--drop: " + lists, true, ModelDescription::features)
        : new Part("features", (dropped.isEmpty() ? "the header of --csv" : LESS_DROPPED) + "; "
            + lists, false, ModelDescription::features);
  }

  /**
   * Without the file's --drop: another --drop is the option's only when it removes one of the
   * file's features and every one of them is still in the header (each is a feature of the run
   * or a dropped column), as then --drop alone keeps the file's features out. When the run's
   * features are the file's, in order, with others among them, the file's run may have dropped
   * those (a longer --drop) or the header gained them, which such a file cannot tell apart: the
   * refusal names both, as an option's (exit 2), since --drop mends the first. Otherwise the
   * header changed under it (a column renamed, two names swapped), which no --drop mends.
   */
  private Part unrecorded(List<String> file, List<String> run) {
    Set<String> names = spellings(dropped);
    boolean inHeader = file.stream().allMatch(f -> run.contains(f) || names.contains(f));
    boolean removed = file.stream().anyMatch(f -> names.contains(f) && !run.contains(f));
    if (inHeader && removed) {
      return DROPPED;
    }
    List<String> added = added(file, run);
    if (added.isEmpty()) {
      return HEADER_LESS_DROPPED;
    }
    return new Part("features", "--drop, or from the header of --csv: " + added
        + ", left out by the file's run with --drop or added to the header", true,
        ModelDescription::features);
  }

  /**
   * The names a list of --drop may have found its columns by: the reader finds a name as typed,
   * else inside one pair of double quotes (optim's CsvColumns.named). Taking either misjudges
   * only a header that has the one spelling where the file had the other.
   */
  private static Set<String> spellings(List<String> columns) {
    Set<String> names = new HashSet<>(columns);
    columns.forEach(column -> names.add(CsvCommandLine.unquoted(column)));
    return names;
  }

  /** The columns a list names, each without its quotes: {@code id} and {@code "id"} alike. */
  private static Set<String> unquoted(List<String> columns) {
    return columns.stream().map(CsvCommandLine::unquoted).collect(Collectors.toSet());
  }

  /**
   * The run's features that are not the file's, when the file's are among them in their order
   * (what a shorter --drop, or columns added to the header, leaves); else none.
   */
  private static List<String> added(List<String> file, List<String> run) {
    List<String> added = new ArrayList<>();
    int next = 0;
    for (String feature : run) {
      if (next < file.size() && feature.equals(file.get(next))) {
        next++;
      } else {
        added.add(feature);
      }
    }
    return next == file.size() ? added : List.of();
  }
}
