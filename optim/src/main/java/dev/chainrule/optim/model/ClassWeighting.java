package dev.chainrule.optim.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.optim.data.Dataset;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Class weights and label smoothing of a classification run's softmax cross-entropy as a saved
 * file records them, and balanced weights: one definition for the program's {@code train} and
 * the Spark launcher, so that the same options weigh the same rows alike and either reads the
 * other's files. A file without these entries was trained on the plain softmax cross-entropy.
 */
public final class ClassWeighting {
  /** The checkpoint metadata of the weights used, comma-separated in the classes' order. */
  public static final String WEIGHTS_KEY = "chainrule.class_weights";
  /** The rule that made them: {@link #BALANCED} or {@link #GIVEN}. */
  public static final String RULE_KEY = "chainrule.class_weights_rule";
  /** The label smoothing ε, when not 0. */
  public static final String SMOOTHING_KEY = "chainrule.label_smoothing";
  /** The rule of weights N/(K·n_k) for n_k training rows of class k, scikit-learn's. */
  public static final String BALANCED = "balanced";
  /** The rule of weights given by the user, one per class. */
  public static final String GIVEN = "given";
  /** {@code --class-weights none}: every class 1. */
  public static final String NONE = "none";

  private ClassWeighting() {}

  /**
   * Balanced weights N/(K·n_k) computed on the rows a run trains on, as scikit-learn's {@code
   * compute_class_weight("balanced")}: every class then weighs as much in the loss as the others
   * together would if all were equally common.
   *
   * @param trained the rows trained on (validation rows left out), labelled by class index
   * @param classNames the K classes, in order, for the message
   * @return one weight per class
   * @throws IllegalArgumentException naming the classes without a training row, whose weight
   *     would be N/0 ("class d has no training row, so its weight N/(K·n_k) would divide by 0")
   */
  public static double[] balanced(Dataset trained, List<String> classNames) {
    checkNotNull(trained, "balanced class weights: rows are null");
    int classes = classNames.size();
    Tensor counts = Tensors.oneHot(trained.classIndices(), classes).sum(0, false);
    List<String> empty = new ArrayList<>();
    for (int k = 0; k < classes; k++) {
      if (counts.flatGet(k) == 0) {
        empty.add(classNames.get(k));
      }
    }
    if (!empty.isEmpty()) {
      throw new IllegalArgumentException("class" + (empty.size() == 1 ? " " : "es ")
          + String.join(", ", empty) + " ha" + (empty.size() == 1 ? "s" : "ve") + " no"
          + " training row, so its weight N/(K·n_k) would divide by 0");
    }
    // N/(K·n_k) in one division, as scikit-learn's n_samples / (n_classes * bincount(y)).
    return Tensor.scalar(trained.size()).div(counts.mul(classes)).toArray();
  }

  /**
   * The saved file's entries: none for the plain loss.
   *
   * @param weights one weight per class, or null for none
   * @param rule {@link #BALANCED} or {@link #GIVEN}, recorded with weights
   * @param labelSmoothing ε, recorded when not 0
   * @return metadata keys and values
   */
  public static Map<String, String> metadata(double[] weights, String rule,
      double labelSmoothing) {
    checkArgument(weights == null || BALANCED.equals(rule) || GIVEN.equals(rule),
        "class weights: no rule %s (balanced or given)", rule);
    Map<String, String> entries = new LinkedHashMap<>();
    if (weights != null) {
      entries.put(WEIGHTS_KEY, text(weights));
      entries.put(RULE_KEY, rule);
    }
    if (labelSmoothing > 0) {
      entries.put(SMOOTHING_KEY, Double.toString(labelSmoothing));
    }
    return entries;
  }

  /**
   * Given weights as the command lines' {@code --class-weights} takes them: one positive, finite
   * number per class, comma-separated (spaces around the commas allowed). Train and the Spark
   * launcher share it, so that the same text weighs alike and is refused in the same words.
   *
   * @param text e.g. {@code 1, 4.5,2}
   * @return the weights, in the classes' order
   * @throws IllegalArgumentException naming the part that is not a number ("'x' is not a
   *     number; give balanced or one weight per class, e.g. 1,4.5 (or none)") or not positive
   *     ("weight 0 is not a positive number; each class's weight scales its share of the
   *     loss"), for the command line to prefix with its option
   */
  public static double[] parseWeights(String text) {
    String[] parts = text.strip().split("\\s*,\\s*", -1);
    double[] weights = new double[parts.length];
    for (int k = 0; k < parts.length; k++) {
      try {
        weights[k] = Double.parseDouble(parts[k]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + parts[k] + "' is not a number; give balanced"
            + " or one weight per class, e.g. 1,4.5 (or none)", e);
      }
      // A class of weight 0 is not learned, and a batch of its rows alone would be a weighted
      // mean of 0/0: leave its rows out of the data instead.
      if (!(weights[k] > 0 && Double.isFinite(weights[k]))) {
        throw new IllegalArgumentException("weight " + parts[k] + " is not a positive number;"
            + " each class's weight scales its share of the loss");
      }
    }
    return weights;
  }

  /**
   * The weights a file records under {@link #WEIGHTS_KEY}, as {@link #text} wrote them: numbers
   * only (a run may have weighed a class 0 through the API); the reader decides what else to
   * refuse, in its own words.
   *
   * @param text the metadata's value
   * @return the weights, in the classes' order
   * @throws NumberFormatException when a part is not a number
   */
  public static double[] recorded(String text) {
    return Arrays.stream(text.split(",", -1)).mapToDouble(Double::parseDouble).toArray();
  }

  /**
   * Checks a label smoothing ε as the command lines' {@code --label-smoothing} does.
   *
   * @param epsilon ε
   * @param typed ε as typed, for the message: "got 1", not the double's "got 1.0"
   * @throws IllegalArgumentException outside [0, 1) ("must lie in [0, 1), got 1 (ε mixes ...)"),
   *     for the command line to prefix with its option
   */
  public static void checkSmoothing(double epsilon, String typed) {
    if (!(epsilon >= 0 && epsilon < 1)) {
      throw new IllegalArgumentException("must lie in [0, 1), got " + typed + " (ε mixes (1 −"
          + " ε)·one-hot with ε/K; at 1 the labels would count for nothing)");
    }
  }

  /**
   * The JSON line's fields of a classification run, in train's order: {@code class_weights}
   * (every digit, comma-separated, as {@link #text}; null for none), {@code
   * class_weights_rule} (null for none) and {@code label_smoothing}.
   *
   * @param weights one weight per class, or null for none
   * @param rule {@link #BALANCED}, {@link #GIVEN}, or null
   * @param labelSmoothing ε
   * @return the fields, in order
   */
  public static Map<String, Object> reportFields(double[] weights, String rule,
      double labelSmoothing) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("class_weights", weights == null ? null : text(weights));
    fields.put("class_weights_rule", rule);
    fields.put("label_smoothing", labelSmoothing);
    return fields;
  }

  /**
   * The run's line saying what the loss weighs and smooths, as train and the Spark launcher
   * print it: each class's weight to 4 significant digits, ε as given, both as people write
   * numbers ({@code 0.00001} and {@code 1e-7}, not {@code 1.0E-5} and {@code 1.0E-7}).
   *
   * @param weights one weight per class, or null for none
   * @param rule {@link #BALANCED} or {@link #GIVEN}, named beside the weights
   * @param labelSmoothing ε
   * @param classNames the classes, in the weights' order
   * @return e.g. {@code loss: softmax cross-entropy with class weights (balanced): a 0.5, b 1.5},
   *     or null for the plain loss
   * @throws IllegalArgumentException naming describe when the weights are not one per class
   *     name, a weight is NaN or infinite, or ε is outside [0, 1)
   */
  public static String describe(double[] weights, String rule, double labelSmoothing,
      List<String> classNames) {
    // Refused here in words: a name short was an IndexOutOfBoundsException, and NaN or an
    // infinity a NumberFormatException of BigDecimal's.
    checkArgument(labelSmoothing >= 0 && labelSmoothing < 1,
        "describe: label smoothing must lie in [0, 1), got %s", labelSmoothing);
    List<String> parts = new ArrayList<>();
    if (weights != null) {
      checkNotNull(classNames, "describe: class names are null");
      checkArgument(weights.length == classNames.size(),
          "describe: %s class weights for %s class names %s", weights.length, classNames.size(),
          classNames);
      List<String> each = new ArrayList<>();
      for (int k = 0; k < weights.length; k++) {
        checkArgument(Double.isFinite(weights[k]),
            "describe: the weight of class %s is %s, not a finite number", classNames.get(k),
            weights[k]);
        each.add(classNames.get(k) + " " + written(new BigDecimal(weights[k])
            .round(new MathContext(4))));
      }
      parts.add("class weights (" + rule + "): " + String.join(", ", each));
    }
    if (labelSmoothing > 0) {
      parts.add("label smoothing " + written(BigDecimal.valueOf(labelSmoothing)));
    }
    return parts.isEmpty() ? null
        : "loss: softmax cross-entropy with " + String.join("; ", parts);
  }

  private static String written(BigDecimal value) {
    return value.stripTrailingZeros().toString().replace("E+", "e").replace('E', 'e');
  }

  /**
   * Weights as a file records them: every digit, comma-separated, so that the file's run and
   * one that continues it weigh the same.
   *
   * @param weights one weight per class
   * @return e.g. {@code 0.5,1.5,3.0}
   */
  public static String text(double[] weights) {
    return Arrays.stream(weights).mapToObj(Double::toString).collect(Collectors.joining(","));
  }
}
