package dev.chainrule.nn.loss;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Reduction;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import java.util.Locale;

/**
 * A loss: a scalar graph variable from a batch's predictions and its targets. Any
 * implementation trains with the library's loop and is scored by its evaluation; a lambda is
 * enough for a regression loss:
 *
 * <pre>{@code
 * Loss huber = (prediction, target) -> {
 *   Variable error = prediction.sub(Variable.constant(target)).abs();
 *   return Variable.where(error.value().le(1), error.square().mul(0.5), error.sub(0.5)).mean();
 * };
 * }</pre>
 *
 * <p>{@link #reduction()} tells the loop how a batch's value relates to its samples (it weights
 * batch losses by their size for a mean), and {@link #outputs()} how to read a prediction from the
 * outputs, for accuracy. The built-ins are {@link BuiltIn} values with their formulas in
 * {@link Losses}.
 */
@FunctionalInterface
public interface Loss {
  /** What a model's outputs mean to a loss, and so how a prediction is read from them. */
  enum Outputs {
    /** One score per class (logits, probabilities or log-probabilities): the largest wins. */
    CLASS_SCORES,
    /** Probabilities of independent 0/1 targets: 1 where at least ½. */
    BINARY_PROBABILITIES,
    /** Logits of independent 0/1 targets: 1 where at least 0. */
    BINARY_LOGITS,
    /** Values to match (regression): no classes, no accuracy. */
    VALUES
  }

  /** The built-in losses. */
  enum Kind {
    SUM_OF_SQUARES, MEAN_SQUARED_ERROR, HALF_MEAN_SQUARED_ERROR, BINARY_CROSS_ENTROPY,
    BINARY_CROSS_ENTROPY_WITH_LOGITS, CATEGORICAL_CROSS_ENTROPY, SOFTMAX_CROSS_ENTROPY,
    NEGATIVE_LOG_LIKELIHOOD
  }

  /** The loss of a prediction against a target, as a scalar graph variable. */
  Variable compute(Variable prediction, Tensor target);

  /** How the per-sample losses combine: {@link Reduction#MEAN} unless the loss says otherwise. */
  default Reduction reduction() {
    return Reduction.MEAN;
  }

  /** What the outputs mean: {@link Outputs#VALUES} unless the loss says otherwise. */
  default Outputs outputs() {
    return Outputs.VALUES;
  }

  /** Whether targets are classes (indices [N] or one-hot rows) scored by the largest output. */
  default boolean isClassification() {
    return outputs() == Outputs.CLASS_SCORES;
  }

  /** RSS; sums over samples by default (that is what "sum of squares" means). */
  static BuiltIn sumOfSquares() { return new BuiltIn(Kind.SUM_OF_SQUARES, Reduction.SUM); }
  static BuiltIn meanSquaredError() { return new BuiltIn(Kind.MEAN_SQUARED_ERROR, Reduction.MEAN); }
  /** 1/(2N)·Σ(y − ŷ)², the notes' convention. */
  static BuiltIn halfMeanSquaredError() {
    return new BuiltIn(Kind.HALF_MEAN_SQUARED_ERROR, Reduction.MEAN);
  }
  static BuiltIn binaryCrossEntropy() {
    return new BuiltIn(Kind.BINARY_CROSS_ENTROPY, Reduction.MEAN);
  }
  static BuiltIn binaryCrossEntropyWithLogits() {
    return new BuiltIn(Kind.BINARY_CROSS_ENTROPY_WITH_LOGITS, Reduction.MEAN);
  }
  static BuiltIn categoricalCrossEntropy() {
    return new BuiltIn(Kind.CATEGORICAL_CROSS_ENTROPY, Reduction.MEAN);
  }
  static BuiltIn softmaxCrossEntropy() {
    return new BuiltIn(Kind.SOFTMAX_CROSS_ENTROPY, Reduction.MEAN);
  }
  static BuiltIn negativeLogLikelihood() {
    return new BuiltIn(Kind.NEGATIVE_LOG_LIKELIHOOD, Reduction.MEAN);
  }

  /** A built-in loss with its reduction. */
  record BuiltIn(Kind kind, Reduction reduction) implements Loss {
    public BuiltIn {
      checkNotNull(kind, "loss kind is null");
      checkNotNull(reduction, "loss reduction is null");
    }

    /** The same loss with another reduction. */
    public BuiltIn withReduction(Reduction newReduction) {
      return new BuiltIn(kind, newReduction);
    }

    @Override
    public Outputs outputs() {
      return switch (kind) {
        case CATEGORICAL_CROSS_ENTROPY, SOFTMAX_CROSS_ENTROPY, NEGATIVE_LOG_LIKELIHOOD ->
            Outputs.CLASS_SCORES;
        case BINARY_CROSS_ENTROPY -> Outputs.BINARY_PROBABILITIES;
        case BINARY_CROSS_ENTROPY_WITH_LOGITS -> Outputs.BINARY_LOGITS;
        default -> Outputs.VALUES;
      };
    }

    @Override
    public Variable compute(Variable prediction, Tensor target) {
      return switch (kind) {
        case SUM_OF_SQUARES -> Losses.sumOfSquares(prediction, target, reduction);
        case MEAN_SQUARED_ERROR -> Losses.meanSquaredError(prediction, target, reduction);
        case HALF_MEAN_SQUARED_ERROR ->
            Losses.halfMeanSquaredError(prediction, target, reduction);
        case BINARY_CROSS_ENTROPY -> Losses.binaryCrossEntropy(prediction, target, reduction);
        case BINARY_CROSS_ENTROPY_WITH_LOGITS ->
            Losses.binaryCrossEntropyWithLogits(prediction, target, reduction);
        case CATEGORICAL_CROSS_ENTROPY ->
            Losses.categoricalCrossEntropy(prediction, target, reduction);
        case SOFTMAX_CROSS_ENTROPY -> Losses.softmaxCrossEntropy(prediction, target, reduction);
        case NEGATIVE_LOG_LIKELIHOOD ->
            Losses.negativeLogLikelihood(prediction, target, reduction);
      };
    }

    @Override
    public String toString() {
      return kind.name().toLowerCase(Locale.ROOT).replace('_', '-') + " ("
          + reduction.name().toLowerCase(Locale.ROOT) + ")";
    }
  }
}
