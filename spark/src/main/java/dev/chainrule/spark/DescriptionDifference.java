package dev.chainrule.spark;

import dev.chainrule.optim.model.Layer;
import dev.chainrule.optim.model.ModelDescription;
import java.util.List;
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

  /** A part of a description and what sets it. */
  private record Part(String what, String setBy, Function<ModelDescription, Object> value) {}

  /**
   * What the statistics come from: the rows trained on, so another --validation share (or a
   * checkpoint from before the statistics left its rows out) makes other statistics too.
   */
  private static final String TRAINED_ROWS =
      "the rows of --csv trained on, not the test or --validation rows";

  /**
   * What the user chose of the model's data, checked before the run's settings ({@link #chosen}):
   * another task or label splits other rows, whose count was blamed on --csv and
   * --test-fraction. The label and features come before the layers, whose first and last widths
   * they set: one feature dropped was blamed on --hidden and --activation.
   */
  private static final List<Part> CHOSEN = List.of(
      new Part("task", "--task", ModelDescription::task),
      new Part("element type", "--dtype", ModelDescription::dtype),
      new Part("label", "--label", ModelDescription::label),
      new Part("features", "--features or --drop", ModelDescription::features));

  /** In the order a user would look: what they chose, then what the data made. */
  private static final List<Part> PARTS = Stream.concat(CHOSEN.stream(), Stream.of(
      new Part("layers", "--hidden and --activation", DescriptionDifference::layers),
      new Part("split", "--seed and --test-fraction", DescriptionDifference::splitSettings),
      // A split of other rows (as many, or reordered) is other data, not another seed.
      new Part("rows", "the rows of --csv and their order", DescriptionDifference::splitRows),
      new Part("classes", "the labels in --csv", ModelDescription::classes),
      new Part("feature statistics", TRAINED_ROWS, ModelDescription::featureScaling),
      new Part("target statistics", TRAINED_ROWS, ModelDescription::targetScaling),
      new Part("name", "the program that wrote it", ModelDescription::name))).toList();

  /** The longest value shown; a layer list or a scaling can be long. */
  private static final int SHOWN = 120;

  static String between(ModelDescription file, ModelDescription run) {
    // Unreachable fallback while PARTS lists every component.
    return first(PARTS, file, run).orElse("the descriptions differ");
  }

  /**
   * Whether the first difference is in a part an option sets ({@link #CHOSEN}, the layers, the
   * split's settings) rather than in what the data made: a usage error, not a failure.
   */
  static boolean byOption(ModelDescription file, ModelDescription run) {
    for (Part part : PARTS) {
      if (!Objects.equals(part.value().apply(file), part.value().apply(run))) {
        return PARTS.indexOf(part) < CHOSEN.size() + 2;
      }
    }
    return false;
  }

  /** The first difference among the parts the user chose ({@link #CHOSEN}), if any. */
  static Optional<String> chosen(ModelDescription file, ModelDescription run) {
    return first(CHOSEN, file, run);
  }

  private static Optional<String> first(List<Part> parts, ModelDescription file,
      ModelDescription run) {
    for (Part part : parts) {
      Object written = part.value().apply(file);
      Object now = part.value().apply(run);
      if (!Objects.equals(written, now)) {
        return Optional.of(String.format("its %s %s, this run's %s (set by %s)", part.what(),
            shown(written), shown(now), part.setBy()));
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
