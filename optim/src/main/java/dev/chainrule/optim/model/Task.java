package dev.chainrule.optim.model;

import java.util.Locale;

/** What a described model's outputs mean, which decides how they are read as predictions. */
public enum Task {
  /** K ≥ 2 outputs are logits of K classes; the largest wins (softmax gives probabilities). */
  CLASSIFICATION,
  /** One output is the probability of the second of two classes (the layers end in sigmoid). */
  BINARY,
  /** Outputs are real-valued targets, standardised when the description has target scaling. */
  REGRESSION;

  /**
   * The name in a description's JSON: {@code classification}, {@code binary}, ...
   *
   * @return the name in JSON
   */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
