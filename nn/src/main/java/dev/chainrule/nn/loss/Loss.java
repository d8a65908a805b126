package dev.chainrule.nn.loss;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Reduction;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import java.util.Locale;
import java.util.OptionalInt;

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
 * <p>{@link #reduction()} tells the loop how a batch's value relates to its samples (it weighs a
 * batch's mean by {@link #meanWeight}: its rows, or Σ w_y under class weights), and {@link
 * #outputs()} how to read a prediction from the outputs, for accuracy. The built-ins are {@link
 * BuiltIn} values with their formulas in {@link Losses}; the cross-entropies with class weights or
 * label smoothing are {@link CrossEntropyLoss} values. The built-ins convert the target to the
 * prediction's type (targets are data): a float32 prediction with a float64 target gives a float32
 * loss, where PyTorch's {@code mse_loss} would promote to float64.
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

  /** The built-in losses; their formulas are on the {@link Losses} functions. */
  enum Kind {
    /** Σ of squared errors per sample. */
    SUM_OF_SQUARES,
    /** The mean of squared errors per sample. */
    MEAN_SQUARED_ERROR,
    /** Half the sum of squared errors per sample. */
    HALF_MEAN_SQUARED_ERROR,
    /** Binary cross-entropy on probabilities. */
    BINARY_CROSS_ENTROPY,
    /** Binary cross-entropy on logits. */
    BINARY_CROSS_ENTROPY_WITH_LOGITS,
    /** Cross-entropy on probabilities. */
    CATEGORICAL_CROSS_ENTROPY,
    /** Cross-entropy of softmax(logits), fused. */
    SOFTMAX_CROSS_ENTROPY,
    /** Negative log-likelihood of log-probabilities. */
    NEGATIVE_LOG_LIKELIHOOD
  }

  /**
   * The loss of a prediction against a target, as a scalar graph variable; a loss whose {@link
   * #reduction()} is {@link Reduction#NONE} gives the per-sample losses instead (which a trainer
   * refuses to train on).
   *
   * @param prediction the model's outputs for a batch
   * @param target the batch's targets (data)
   * @return the loss, a scalar graph node (per sample for NONE)
   */
  Variable compute(Variable prediction, Tensor target);

  /**
   * How the per-sample losses combine: {@link Reduction#MEAN} unless the loss says otherwise.
   * {@link Reduction#NONE} says {@link #compute} gives them uncombined, one per sample: for
   * experiments on per-example losses, not for a trainer, which needs one number per batch.
   *
   * @return the reduction
   */
  default Reduction reduction() {
    return Reduction.MEAN;
  }

  /**
   * What the outputs mean: {@link Outputs#VALUES} unless the loss says otherwise.
   *
   * @return what the outputs mean
   */
  default Outputs outputs() {
    return Outputs.VALUES;
  }

  /**
   * Whether this loss may hold on to a tensor made while computing it once the step is over (in a
   * field, a list for logging), as {@link dev.chainrule.nn.Module#keepsForwardValues} asks of a
   * module: a trainer reuses the arrays of a step's values only when neither model nor loss
   * keeps any. True unless the loss says otherwise; the built-in losses keep nothing.
   *
   * @return whether a value computed by this loss may outlive the step in it
   */
  default boolean keepsForwardValues() {
    return true;
  }

  /**
   * How much a batch's MEAN value weighs when the means of batches are combined into one figure
   * (a trainer's epoch loss): the batch's samples unless the loss says otherwise. A loss whose
   * mean divides by something else answers with that divisor, so that the combined figure is
   * the mean one pass over all the batches' rows would give: class-weighted cross-entropy of
   * class indices answers Σᵢ w_{yᵢ}, the weights of the rows' classes.
   *
   * @param prediction the batch's outputs
   * @param target the batch's targets, which {@link #compute} took
   * @param samples the batch's samples
   * @return the batch's weight among batches, positive
   */
  default double meanWeight(Tensor prediction, Tensor target, int samples) {
    return samples;
  }

  /**
   * The class index of rows without a label (PyTorch's {@code ignore_index}): they add nothing to
   * the loss, and trainers' and evaluations' accuracies leave them out. None unless the loss says
   * otherwise; a {@link CrossEntropyLoss} answers its options'.
   *
   * @return the ignored class index, or empty when every row counts
   */
  default OptionalInt ignoreIndex() {
    return OptionalInt.empty();
  }

  /**
   * Whether targets are classes (indices [N] or one-hot rows) scored by the largest output.
   *
   * @return whether the outputs are class scores
   */
  default boolean isClassification() {
    return outputs() == Outputs.CLASS_SCORES;
  }

  /**
   * A loss of one's own, usually a lambda, with what a lambda cannot say: how its value combines
   * a batch's samples and what the model's outputs mean. A trainer weighs a batch's value by it
   * (a SUM's epoch figure is the sum over the epoch, not the mean of the batches' sums) and counts
   * accuracy for class scores or binary outputs: {@code Loss.of((p, y) -> ..., Reduction.SUM,
   * Outputs.CLASS_SCORES)}. The rest ({@link #meanWeight}, {@link #ignoreIndex}, {@link
   * #keepsForwardValues}) is {@code loss}'s own answer.
   *
   * @param loss the loss computed; it must combine the samples as {@code reduction} says
   * @param reduction how its value combines the batch's samples
   * @param outputs what the model's outputs mean to it
   * @return the loss with those declared
   * @throws NullPointerException naming Loss.of and the part that is null
   */
  static Loss of(Loss loss, Reduction reduction, Outputs outputs) {
    return new DeclaredLoss(loss, reduction, outputs);
  }

  /**
   * RSS, {@link Losses#sumOfSquares}; sums over samples by default (that is what "sum of squares"
   * means).
   *
   * @return the loss
   */
  static BuiltIn sumOfSquares() { return new BuiltIn(Kind.SUM_OF_SQUARES, Reduction.SUM); }

  /**
   * {@link Losses#meanSquaredError}, averaged over the samples.
   *
   * @return the loss
   */
  static BuiltIn meanSquaredError() { return averaged(Kind.MEAN_SQUARED_ERROR); }

  /**
   * 1/(2N)·Σ(y − ŷ)², the notes' convention ({@link Losses#halfMeanSquaredError}): the mean over
   * the N samples of half each sample's sum of squares over its K outputs, so K/2 times {@link
   * #meanSquaredError} (which also averages over the outputs), and not PyTorch's
   * {@code 0.5 * mse_loss} unless K is 1. Its gradient is (ŷ − y)/N, the delta rule's.
   *
   * @return the loss
   */
  static BuiltIn halfMeanSquaredError() { return averaged(Kind.HALF_MEAN_SQUARED_ERROR); }

  /**
   * {@link Losses#binaryCrossEntropy}, on probabilities, averaged over the samples.
   *
   * @return the loss
   */
  static BuiltIn binaryCrossEntropy() { return averaged(Kind.BINARY_CROSS_ENTROPY); }

  /**
   * {@link Losses#binaryCrossEntropyWithLogits}, averaged over the samples.
   *
   * @return the loss
   */
  static BuiltIn binaryCrossEntropyWithLogits() {
    return averaged(Kind.BINARY_CROSS_ENTROPY_WITH_LOGITS);
  }

  /**
   * {@link Losses#categoricalCrossEntropy}, on probabilities, averaged over the samples.
   *
   * @return the loss
   */
  static BuiltIn categoricalCrossEntropy() { return averaged(Kind.CATEGORICAL_CROSS_ENTROPY); }

  /**
   * {@link Losses#softmaxCrossEntropy}, from logits, averaged over the samples.
   *
   * @return the loss
   */
  static BuiltIn softmaxCrossEntropy() { return averaged(Kind.SOFTMAX_CROSS_ENTROPY); }

  /**
   * {@link CrossEntropies#softmaxCrossEntropy}, from logits, with class weights, label smoothing
   * and an ignore index (PyTorch's {@code CrossEntropyLoss(weight=, label_smoothing=,
   * ignore_index=)}), averaged: over the weights of the rows' classes for class indices (the
   * rows that are not ignored), over the rows for soft targets.
   *
   * @param options the class weights, ε and ignore index
   * @return the loss; {@link CrossEntropyLoss#withReduction} sums instead
   */
  static CrossEntropyLoss softmaxCrossEntropy(CrossEntropyOptions options) {
    return new CrossEntropyLoss(Kind.SOFTMAX_CROSS_ENTROPY, options, Reduction.MEAN);
  }

  /**
   * {@link CrossEntropies#negativeLogLikelihood}, of log-probabilities, with class weights
   * (PyTorch's {@code NLLLoss(weight=)}) and label smoothing, averaged as {@link
   * #softmaxCrossEntropy(CrossEntropyOptions)} is.
   *
   * @param options the class weights, ε and ignore index
   * @return the loss
   */
  static CrossEntropyLoss negativeLogLikelihood(CrossEntropyOptions options) {
    return new CrossEntropyLoss(Kind.NEGATIVE_LOG_LIKELIHOOD, options, Reduction.MEAN);
  }

  /**
   * {@link Losses#negativeLogLikelihood}, of log-probabilities, averaged over the samples.
   *
   * @return the loss
   */
  static BuiltIn negativeLogLikelihood() { return averaged(Kind.NEGATIVE_LOG_LIKELIHOOD); }

  private static BuiltIn averaged(Kind kind) { return new BuiltIn(kind, Reduction.MEAN); }

  /**
   * A built-in loss with its reduction.
   *
   * @param kind which loss
   * @param reduction how its per-sample losses combine
   */
  record BuiltIn(Kind kind, Reduction reduction) implements Loss {
    /**
     * Checks the parts.
     *
     * @param kind which loss
     * @param reduction how its per-sample losses combine
     */
    public BuiltIn {
      checkNotNull(kind, "loss kind is null");
      checkNotNull(reduction, "loss reduction is null");
    }

    @Override
    public boolean keepsForwardValues() {
      return false;
    }

    /**
     * The same loss with another reduction; {@link Reduction#NONE} for the per-sample losses
     * ({@code Loss.meanSquaredError().withReduction(Reduction.NONE)} gives [N]).
     *
     * @param newReduction the reduction
     * @return the loss with it
     */
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
