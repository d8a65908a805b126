package dev.chainrule.spark;

import dev.chainrule.optim.data.CsvCommandLine;
import dev.chainrule.optim.data.DroppedColumns;
import dev.chainrule.optim.model.Layer;
import dev.chainrule.optim.model.ModelDescription;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
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
  record Part(String what, String setBy, boolean option,
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
  static final Part FEATURES_READ = new Part("features",
      "the header of --csv, no --features or --drop given", false, ModelDescription::features);

  /** The split's settings, which options set. */
  private static final Part SPLIT = new Part("split", "--seed and --test-fraction", true,
      DescriptionDifference::splitSettings);

  /** In the order a user would look: what they chose, then what the data made. */
  private static final List<Part> PARTS = Stream.concat(CHOSEN.stream(), Stream.of(
      CLASSES,
      // Reached only once requireSameChosen has found the features alike.
      FEATURES_READ,
      new Part("layers", "--hidden and --activation", true, DescriptionDifference::layers),
      SPLIT,
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
   * from those the caller, --features or --drop chose (a contradiction again; with --drop, or a
   * header read whole, only when another --drop would give the file's features, {@link
   * FeatureSource#part}).
   *
   * @param prefix the start of the message, naming the file
   * @param features who named the run's features
   * @param dropped the columns the file's run left out, as it records them, or empty
   */
  static void requireSameChosen(String prefix, ModelDescription file, ModelDescription run,
      FeatureSource features, Optional<DroppedColumns> dropped) {
    first(CHOSEN, file, run).ifPresent(why -> {
      throw new ResumeContradiction(prefix + why);
    });
    Part named = features.part(file, run, dropped);
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

  /**
   * Refuses a file whose split had another test fraction than the run's (a {@link
   * ResumeContradiction}, naming --test-fraction), checked before the rows trained on: the
   * fraction changes their count, and a count that differed was reported as other data (exit 1)
   * where a fraction whose count did not was named as the option (exit 2). The description
   * records the fraction exactly.
   *
   * @param prefix the start of the message, naming the file
   */
  static void requireSameTestFraction(String prefix, ModelDescription file,
      ModelDescription run) {
    if (file.split() != null && run.split() != null
        && Double.compare(file.split().testFraction(), run.split().testFraction()) != 0) {
      first(List.of(SPLIT), file, run).ifPresent(why -> {
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
        return Optional.of(String.format(Locale.ROOT,
            "its %s %s, this run's %s (%s %s)", part.what(),
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
    return layers(description.layers());
  }

  /**
   * {@code [dense 4→16, relu, dense 16→3]}, the layers as a refusal shows them: with "without
   * bias" and the layer a tied one shares where they have them.
   */
  static String layers(List<Layer> layers) {
    return layers.stream().map(DescriptionDifference::layer)
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static String layer(Layer layer) {
    if (layer instanceof Layer.DenseLayer dense) {
      // The launcher's layers all have a bias and their own weights; a library caller's model
      // may differ from its description in either alone, which the message must then show.
      return "dense " + dense.in() + "→" + dense.out() + (dense.bias() ? "" : " without bias")
          + (dense.sameAs() == null ? "" : " (layer " + dense.sameAs() + "'s, shared)");
    }
    Layer.ActivationLayer activation = (Layer.ActivationLayer) layer;  // the sealed other kind
    return activation.parameter() == null ? activation.name()
        : activation.name() + " " + activation.parameter();
  }

  /**
   * A value for the message; a list of names (features, classes) with each name as a list option
   * holds it: {@code ["a,b", c]} is two features, where {@code [a,b, c]} read as three.
   */
  private static String shown(Object value) {
    String text = value instanceof List<?> names
        ? names.stream().map(name -> CsvCommandLine.listed(String.valueOf(name)))
            .collect(Collectors.joining(", ", "[", "]"))
        : String.valueOf(value);
    return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "…";
  }
}
