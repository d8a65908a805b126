package dev.chainrule.nn.loss;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;

/**
 * A loss function with its reduction, as a value that training loops and tools can hold and
 * recognise ({@link #kind()}). The formulas are in {@link Losses}.
 */
public record Loss(Kind kind, Reduction reduction) {
  /** Which loss. */
  public enum Kind {
    /** Σ(y − ŷ)². */
    SUM_OF_SQUARES,
    /** (1/N)·Σ(y − ŷ)². */
    MEAN_SQUARED_ERROR,
    /** 1/(2N)·Σ(y − ŷ)². */
    HALF_MEAN_SQUARED_ERROR,
    /** −[y·log p + (1 − y)·log(1 − p)] on probabilities p. */
    BINARY_CROSS_ENTROPY,
    /** Binary cross-entropy on logits, computed stably. */
    BINARY_CROSS_ENTROPY_WITH_LOGITS,
    /** −Σ y·log p on probabilities p and one-hot or soft targets y. */
    CATEGORICAL_CROSS_ENTROPY,
    /** Softmax and categorical cross-entropy fused, on logits. */
    SOFTMAX_CROSS_ENTROPY,
    /** −log p of the true class, on log-probabilities. */
    NEGATIVE_LOG_LIKELIHOOD
  }

  /**
   * Checks that both are given.
   *
   * @param kind which loss
   * @param reduction how per-sample losses are combined
   */
  public Loss {
    checkNotNull(kind, "loss kind is null");
    checkNotNull(reduction, "loss reduction is null");
  }

  /**
   * RSS; sums over samples by default (that is what "sum of squares" means).
   *
   * @return the loss
   */
  public static Loss sumOfSquares() { return new Loss(Kind.SUM_OF_SQUARES, Reduction.SUM); }
  /**
   * Mean squared error, averaged over samples.
   *
   * @return the loss
   */
  public static Loss meanSquaredError() {
    return new Loss(Kind.MEAN_SQUARED_ERROR, Reduction.MEAN);
  }
  /**
   * 1/(2N)·Σ(y − ŷ)², the notes' convention.
   *
   * @return the loss
   */
  public static Loss halfMeanSquaredError() {
    return new Loss(Kind.HALF_MEAN_SQUARED_ERROR, Reduction.MEAN);
  }
  /**
   * Binary cross-entropy on probabilities, averaged over samples.
   *
   * @return the loss
   */
  public static Loss binaryCrossEntropy() {
    return new Loss(Kind.BINARY_CROSS_ENTROPY, Reduction.MEAN);
  }
  /**
   * Binary cross-entropy on logits (sigmoid fused in), averaged over samples.
   *
   * @return the loss
   */
  public static Loss binaryCrossEntropyWithLogits() {
    return new Loss(Kind.BINARY_CROSS_ENTROPY_WITH_LOGITS, Reduction.MEAN);
  }
  /**
   * Categorical cross-entropy on probabilities, averaged over samples.
   *
   * @return the loss
   */
  public static Loss categoricalCrossEntropy() {
    return new Loss(Kind.CATEGORICAL_CROSS_ENTROPY, Reduction.MEAN);
  }
  /**
   * Softmax cross-entropy on logits with class indices or one-hot targets, averaged over samples.
   *
   * @return the loss
   */
  public static Loss softmaxCrossEntropy() {
    return new Loss(Kind.SOFTMAX_CROSS_ENTROPY, Reduction.MEAN);
  }
  /**
   * Negative log-likelihood on log-probabilities, averaged over samples.
   *
   * @return the loss
   */
  public static Loss negativeLogLikelihood() {
    return new Loss(Kind.NEGATIVE_LOG_LIKELIHOOD, Reduction.MEAN);
  }

  /**
   * The same loss with another reduction.
   *
   * @param newReduction how per-sample losses combine
   * @return the loss
   */
  public Loss withReduction(Reduction newReduction) {
    return new Loss(kind, newReduction);
  }

  /**
   * Whether targets are classes (indices or one-hot rows).
   *
   * @return true for the cross-entropies over classes and the negative log-likelihood
   */
  public boolean isClassification() {
    return kind == Kind.CATEGORICAL_CROSS_ENTROPY || kind == Kind.SOFTMAX_CROSS_ENTROPY
        || kind == Kind.NEGATIVE_LOG_LIKELIHOOD;
  }

  /**
   * The loss of a prediction against a target, as a scalar graph variable.
   *
   * @param prediction the model's outputs
   * @param target the targets (see {@link Losses} for each loss's shapes)
   * @return the loss
   */
  public Variable compute(Variable prediction, Tensor target) {
    return switch (kind) {
      case SUM_OF_SQUARES -> Losses.sumOfSquares(prediction, target, reduction);
      case MEAN_SQUARED_ERROR -> Losses.meanSquaredError(prediction, target, reduction);
      case HALF_MEAN_SQUARED_ERROR -> Losses.halfMeanSquaredError(prediction, target, reduction);
      case BINARY_CROSS_ENTROPY -> Losses.binaryCrossEntropy(prediction, target, reduction);
      case BINARY_CROSS_ENTROPY_WITH_LOGITS ->
          Losses.binaryCrossEntropyWithLogits(prediction, target, reduction);
      case CATEGORICAL_CROSS_ENTROPY ->
          Losses.categoricalCrossEntropy(prediction, target, reduction);
      case SOFTMAX_CROSS_ENTROPY -> Losses.softmaxCrossEntropy(prediction, target, reduction);
      case NEGATIVE_LOG_LIKELIHOOD -> Losses.negativeLogLikelihood(prediction, target, reduction);
    };
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase().replace('_', '-') + " (" + reduction.name().toLowerCase()
        + ")";
  }
}
