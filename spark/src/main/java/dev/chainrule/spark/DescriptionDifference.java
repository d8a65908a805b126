package dev.chainrule.spark;

import dev.chainrule.optim.data.CsvCommandLine;
import dev.chainrule.optim.model.Layer;
import dev.chainrule.optim.model.ModelDescription;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where a checkpoint's model description first differs from a run's, in the launcher's terms:
 * the part, both values, and the option that sets it. A stretch of the descriptions' JSON around
 * the first differing character said which bytes differ, not which option to change.
 */
final class DescriptionDifference {
  private DescriptionDifference() {}

  /**
   * A part of a description and what sets it: an option ({@code option}, a contradiction the
   * user can undo, exit 2) or the data (another data set, exit 1).
   */
  private record Part(String what, String setBy, boolean option,
      Function<ModelDescription, Object> value) {}

  /**
   * What the statistics come from: the rows trained on, so another --validation share (or a
   * checkpoint from before the statistics left its rows out) makes other statistics too.
   */
  private static final String TRAINED_ROWS =
      "the rows of --csv trained on, not the test or --validation rows";

  /**
   * What the user chose of the model's data, checked before the run's settings ({@link
   * #requireSameChosen}): another task or label splits other rows, whose count was blamed on
   * --csv and --test-fraction.
   */
  private static final List<Part> CHOSEN = List.of(
      new Part("task", "--task", true, ModelDescription::task),
      new Part("element type", "--dtype", true, ModelDescription::dtype),
      new Part("label", "--label", true, ModelDescription::label));

  /**
   * The classes and the columns come before the layers, whose last and first widths they set:
   * another CSV's class count was blamed on --hidden and --activation, an option, where the
   * data differ.
   */
  private static final Part CLASSES =
      new Part("classes", "the labels in --csv", false, ModelDescription::classes);
  private static final Part FEATURES_READ = new Part("features",
      "the header of --csv, no --features or --drop given", false, ModelDescription::features);

  /**
   * Who named a run's features, which decides how a checkpoint with other ones is refused: a
   * caller's or an option's choice is contradicted (a {@link ResumeContradiction}, the
   * launcher's exit 2), a header's features are another data set's (exit 1). With --drop the
   * features are the header's less the columns it names, so which it is depends on the file's
   * features ({@link #dropping}).
   */
  static final class FeatureSource {
    /**
     * A library caller, in the description it gave the trainer: a choice, and the refusal
     * names no launcher option the caller never used.
     */
    static final FeatureSource CALLER = new FeatureSource(new Part("features",
        "the description given to SparkTrainer.builder", true, ModelDescription::features),
        null);
    /** The launcher's --features: a choice, whatever the header holds. */
    static final FeatureSource FEATURES = new FeatureSource(
        new Part("features", "--features", true, ModelDescription::features), null);
    /** The launcher's CSV header, neither --features nor --drop given: the data. */
    static final FeatureSource HEADER = new FeatureSource(FEATURES_READ, null);

    private static final Part DROPPED = new Part("features", "--drop", true,
        ModelDescription::features);
    private static final Part HEADER_LESS_DROPPED = new Part("features",
        "the header of --csv, less the columns --drop names", false,
        ModelDescription::features);

    private final Part part;
    /** The names --drop may have found its columns by; null for the other sources. */
    private final Set<String> dropped;

    private FeatureSource(Part part, Set<String> dropped) {
      this.part = part;
      this.dropped = dropped;
    }

    /**
     * The header less the columns of {@code --drop}: another --drop is the option's only when
     * it removes one of the file's features and every one of them is still in the header
     * (each is a feature of the run or a dropped column), as then --drop alone keeps the file's
     * features out. When the run's features are the file's, in order, with others among them,
     * the file's run may have dropped those (a longer --drop) or the header gained them: the
     * checkpoint does not record what was dropped, so the refusal names both, as an option's
     * (exit 2), since --drop mends the first. Otherwise the header changed under it (a column
     * renamed, two names swapped), which no --drop mends: another data set, as without --drop.
     *
     * @param columns {@code --drop}'s names as typed
     */
    static FeatureSource dropping(List<String> columns) {
      // The reader finds a name as typed, else inside one pair of double quotes (optim's
      // CsvColumns.named): a dropped column is named one way or the other. Taking either
      // misjudges only a header that has the one spelling where the file had the other.
      Set<String> names = new HashSet<>();
      for (String column : columns) {
        names.add(column);
        names.add(CsvCommandLine.unquoted(column));
      }
      return new FeatureSource(null, Set.copyOf(names));
    }

    /** What the features of {@code run} come from, against those of {@code file}. */
    private Part part(ModelDescription file, ModelDescription run) {
      if (dropped == null) {
        return part;
      }
      List<String> read = run.features();
      boolean inHeader = file.features().stream()
          .allMatch(f -> read.contains(f) || dropped.contains(f));
      boolean removed = file.features().stream()
          .anyMatch(f -> dropped.contains(f) && !read.contains(f));
      if (inHeader && removed) {
        return DROPPED;
      }
      List<String> added = added(file.features(), read);
      if (added.isEmpty()) {
        return HEADER_LESS_DROPPED;
      }
      return new Part("features", "--drop, or from the header of --csv: " + added
          + ", left out by the file's run with --drop or added to the header", true,
          ModelDescription::features);
    }

    /**
     * The run's features that are not the file's, when the file's are among them in their
     * order (what a shorter --drop, or columns added to the header, leaves); else none.
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

  /** In the order a user would look: what they chose, then what the data made. */
  private static final List<Part> PARTS = Stream.concat(CHOSEN.stream(), Stream.of(
      CLASSES,
      // Reached only once requireSameChosen has found the features alike.
      FEATURES_READ,
      new Part("layers", "--hidden and --activation", true, DescriptionDifference::layers),
      new Part("split", "--seed and --test-fraction", true,
          DescriptionDifference::splitSettings),
      // A split of other rows (as many, or reordered) is other data, not another seed.
      new Part("rows", "the rows of --csv and their order", false,
          DescriptionDifference::splitRows),
      new Part("feature statistics", TRAINED_ROWS, false, ModelDescription::featureScaling),
      new Part("target statistics", TRAINED_ROWS, false, ModelDescription::targetScaling),
      new Part("name", "the program that wrote it", false, ModelDescription::name))).toList();

  /** The longest value shown; a layer list or a scaling can be long. */
  private static final int SHOWN = 120;

  static String between(ModelDescription file, ModelDescription run) {
    // Unreachable fallback while PARTS lists every component.
    return first(PARTS, file, run).orElse("the descriptions differ");
  }

  /**
   * Whether the first difference is in a part an option sets (the task, type, label, the
   * layers, the split's settings) rather than in what the data made: a usage error, not a
   * failure.
   */
  static boolean byOption(ModelDescription file, ModelDescription run) {
    for (Part part : PARTS) {
      if (!Objects.equals(part.value().apply(file), part.value().apply(run))) {
        return part.option();
      }
    }
    return false;
  }

  /**
   * Refuses a file whose task, type or label differs from what the options chose (a {@link
   * ResumeContradiction}), whose classes or columns differ as the data's (an {@link
   * IllegalArgumentException}: another data set is no usage error), or whose features differ
   * from those the caller, --features or --drop chose (a contradiction again; with --drop only
   * when it removes one of the file's features, {@link FeatureSource#dropping}).
   *
   * @param prefix the start of the message, naming the file
   * @param features who named the run's features
   */
  static void requireSameChosen(String prefix, ModelDescription file, ModelDescription run,
      FeatureSource features) {
    first(CHOSEN, file, run).ifPresent(why -> {
      throw new ResumeContradiction(prefix + why);
    });
    Part named = features.part(file, run);
    first(named.option() ? List.of(CLASSES) : List.of(CLASSES, named), file, run)
        .ifPresent(why -> {
          throw new IllegalArgumentException(prefix + why);
        });
    if (named.option()) {
      first(List.of(named), file, run).ifPresent(why -> {
        throw new ResumeContradiction(prefix + why);
      });
    }
  }

  private static Optional<String> first(List<Part> parts, ModelDescription file,
      ModelDescription run) {
    for (Part part : parts) {
      Object written = part.value().apply(file);
      Object now = part.value().apply(run);
      if (!Objects.equals(written, now)) {
        return Optional.of(String.format("its %s %s, this run's %s (%s %s)", part.what(),
            shown(written), shown(now), part.option() ? "set by" : "from", part.setBy()));
      }
    }
    return Optional.empty();
  }

  private static String splitSettings(ModelDescription description) {
    ModelDescription.DataSplit split = description.split();
    return split == null ? null
        : "seed " + split.seed() + ", test fraction " + split.testFraction();
  }

  private static String splitRows(ModelDescription description) {
    ModelDescription.DataSplit split = description.split();
    if (split == null) {
      return null;
    }
    String sha = split.rowsSha256();
    return split.rows() + " rows" + (sha == null ? "" : ", SHA-256 " + sha.substring(0, 12) + "…");
  }

  /** {@code [dense 4→16, relu, dense 16→3]}: the records' own text is three times as long. */
  private static String layers(ModelDescription description) {
    return description.layers().stream().map(DescriptionDifference::layer)
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static String layer(Layer layer) {
    if (layer instanceof Layer.DenseLayer dense) {
      return "dense " + dense.in() + "→" + dense.out();
    }
    Layer.ActivationLayer activation = (Layer.ActivationLayer) layer;  // the sealed other kind
    return activation.parameter() == null ? activation.name()
        : activation.name() + " " + activation.parameter();
  }

  private static String shown(Object value) {
    String text = String.valueOf(value);
    return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "…";
  }
}
