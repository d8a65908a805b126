package dev.chainrule.examples.cli;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.optim.model.ClassWeighting;
import java.util.List;

/**
 * What a classification run's softmax cross-entropy weighs ({@code --class-weights}) and
 * smooths ({@code --label-smoothing}). Balanced weights are known only once the training rows
 * are: until then {@code weights} is null; a run continuing a file takes the file's numbers, so
 * that it trains on the loss the file's run trained on, whatever the rule that made them.
 *
 * @param rule {@link #BALANCED}, {@link #GIVEN}, or null for no weights
 * @param weights one weight per class, in the order of the classes; null for none, or for
 *     balanced weights not computed yet
 * @param labelSmoothing ε in [0, 1), 0 for none
 */
public record ClassLoss(String rule, List<Double> weights, double labelSmoothing) {
  /** The rule of weights N/(K·n_k) for n_k training rows of class k, scikit-learn's. */
  public static final String BALANCED = ClassWeighting.BALANCED;
  /** The rule of weights given on the command line, one per class. */
  public static final String GIVEN = ClassWeighting.GIVEN;
  /** Neither weights nor smoothing: the plain softmax cross-entropy. */
  public static final ClassLoss NONE = new ClassLoss(null, null, 0);

  /**
   * Checks the parts and copies the weights.
   *
   * @param rule balanced, given, or null
   * @param weights the weights, or null
   * @param labelSmoothing ε
   */
  public ClassLoss {
    checkArgument(rule == null || rule.equals(BALANCED) || rule.equals(GIVEN),
        "class loss: no rule %s", rule);
    checkArgument(rule != null || weights == null, "class loss: weights without a rule");
    checkArgument(!GIVEN.equals(rule) || weights != null, "class loss: given weights missing");
    weights = weights == null ? null : List.copyOf(weights);
  }

  /**
   * Whether the run's loss weighs or smooths anything.
   *
   * @return false for the plain softmax cross-entropy
   */
  public boolean isNone() {
    return rule == null && labelSmoothing == 0;
  }

  /**
   * These options with the weights computed or recorded.
   *
   * @param computed one weight per class
   * @return the options with them
   */
  public ClassLoss withWeights(List<Double> computed) {
    return new ClassLoss(rule, computed, labelSmoothing);
  }
}
