package dev.chainrule.optim.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.optim.data.Dataset;
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
