package dev.chainrule.optim.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.optim.model.Layer.DenseLayer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/**
 * The checks that a {@link ModelDescription}'s parts fit together, which its constructor makes
 * however a description is reached (its builder, {@link ModelDescription#fromJson}, a copy
 * {@link ModelDescription#withSplit withSplit} makes), and those of its split, which {@link
 * ModelDescription.DataSplit}'s makes. Apart from the record so that its file holds the
 * description's public face and its documentation.
 */
final class DescriptionChecks {
  private DescriptionChecks() {}

  /**
   * Refuses parts that do not fit together, as {@link ModelDescription} lists them; the lists are
   * the record's copies, none null.
   *
   * @throws IllegalArgumentException naming the first part that does not fit
   */
  static void requireFit(Task task, List<Layer> layers, List<String> features,
      Scaling featureScaling, String label, List<String> classes, Scaling targetScaling) {
    int outputs = LayerChain.check(layers);
    int inputs = ((DenseLayer) layers.get(0)).in();
    checkArgument(features.size() == inputs,
        "model description: %s feature names for a first layer of %s inputs", features.size(),
        inputs);
    checkDistinct("feature", features);
    checkDistinct("class", classes);
    checkText("the label", List.of(label));
    checkArgument(featureScaling == null || featureScaling.size() == inputs,
        "model description: feature scaling has %s columns for %s features",
        featureScaling == null ? 0 : featureScaling.size(), inputs);
    switch (task) {
      case CLASSIFICATION -> checkArgument(classes.size() >= 2 && classes.size() == outputs,
          "model description: a classifier needs one output per class (at least 2), got %s"
              + " classes and %s outputs", classes.size(), outputs);
      case BINARY -> checkArgument(classes.size() == 2 && outputs == 1,
          "model description: a binary classifier has 2 classes and 1 output, got %s and %s",
          classes.size(), outputs);
      case REGRESSION -> checkArgument(classes.isEmpty()
              && (targetScaling == null || targetScaling.size() == outputs),
          "model description: regression has no classes and one target scaling column per"
              + " output, got %s classes and %s columns for %s outputs", classes.size(),
          targetScaling == null ? 0 : targetScaling.size(), outputs);
    }
    checkArgument(task == Task.REGRESSION || targetScaling == null,
        "model description: target scaling applies to regression only");
  }

  /**
   * Refuses a repeated name, and a blank one: a blank feature name matches no column a CSV file
   * can have (the reader strips cells and refuses an unnamed column), so the model could never
   * predict, and a blank class name prints as nothing. (The label's name may be blank, as the
   * builder leaves it: a model described in code need not name a column.)
   */
  private static void checkDistinct(String kind, List<String> names) {
    HashSet<String> seen = new HashSet<>();
    for (int n = 0; n < names.size(); n++) {
      String name = names.get(n);
      checkNotNull(name, "model description: a %s name is null", kind);
      checkArgument(!name.isBlank(), "model description: the %s name %s is blank: names are a"
          + " CSV file's column names and cells, which have text", kind, n + 1);
      checkArgument(seen.add(name), "model description: %s name \"%s\" repeats", kind, name);
    }
    checkText("the " + kind, names);
  }

  /**
   * Refuses a name holding a control character (other than tab), as the CSV reader refuses one in
   * a header or a cell, which is where names come from: a checkpoint's class names are printed
   * by the program's predict, and an escape sequence among them was obeyed by the terminal (a
   * newline began a line of its own). The name is not echoed, for the same reason.
   */
  private static void checkText(String kind, List<String> names) {
    for (int n = 0; n < names.size(); n++) {
      String name = names.get(n);
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        checkArgument((c >= 0x20 || c == '\t') && c != 0x7f, "model description: %s name%s"
            + " holds the control character 0x%s at position %s: names are text, as a CSV"
            + " file's header and cells are", kind, names.size() == 1 ? "" : " " + (n + 1),
            String.format(Locale.ROOT, "%02x", (int) c), i + 1);
      }
    }
  }

  /**
   * Refuses a split's parts that cannot describe a split, as {@link ModelDescription.DataSplit}
   * lists them.
   *
   * @throws IllegalArgumentException naming the first that cannot
   */
  static void requireSplit(double testFraction, int rows, String rowsSha256) {
    checkArgument(testFraction > 0 && testFraction < 1,
        "model description: test fraction must lie in (0, 1), got %s", testFraction);
    checkArgument(rows >= 0, "model description: rows must not be negative, got %s", rows);
    checkArgument(rowsSha256 == null || rowsSha256.matches("[0-9a-f]{64}"),
        "model description: the rows' SHA-256 must be 64 lowercase hexadecimal digits, got"
            + " \"%s\"", rowsSha256);
    checkArgument(rowsSha256 == null || rows > 0,
        "model description: a fingerprint of the rows comes with their count");
  }
}
