package dev.chainrule.nn.loss;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Reduction;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Softmax cross-entropy (or negative log-likelihood) with class weights, label smoothing and an
 * ignore index as a {@link Loss} the training loop takes: PyTorch's {@code
 * nn.CrossEntropyLoss(weight=, label_smoothing=, ignore_index=)}. Made by {@link
 * Loss#softmaxCrossEntropy(CrossEntropyOptions)} and {@link
 * Loss#negativeLogLikelihood(CrossEntropyOptions)}; its formulas are on {@link CrossEntropies}. Not
 * a {@link Loss.BuiltIn}: the hand-derived reference ({@code DeltaRule}) knows the plain losses
 * only, and refuses this one rather than give it their gradients, unless its options are {@link
 * CrossEntropyOptions#none()}, where it computes the plain loss.
 *
 * <p>What a training epoch's loss means under MEAN: a trainer weights each batch's value by its
 * {@link #meanWeight} (Σᵢ w_{yᵢ} over the batch, for class indices with weights), so the epoch's
 * figure is the weighted mean over the epoch's rows (Σᵢ w_{yᵢ}ℓᵢ / Σᵢ w_{yᵢ}), as an evaluation
 * over the whole data set in one pass ({@code Evaluation.score}, the validation loss) is, and
 * the two can be compared. Each batch's gradient is its own weighted mean's, as in a PyTorch
 * loop; a batch whose rows all weigh 0 has no weighted mean, and is refused (with weights of 0,
 * train on batches that always hold a weighted row, or sum). With an ignore index the mean,
 * and so {@link #meanWeight}, counts only the rows not ignored (Σ w_{yᵢ} over them, with
 * weights), and a batch whose rows are all ignored is refused likewise. With weights of N/(K·n_k)
 * for n_k rows of class k ("balanced") Σᵢ w_{yᵢ} over the data is N, so the weighted mean of the
 * data is its weighted sum over N.
 *
 * @param kind {@link Loss.Kind#SOFTMAX_CROSS_ENTROPY} or {@link
 *     Loss.Kind#NEGATIVE_LOG_LIKELIHOOD}
 * @param options the class weights, ε and ignore index
 * @param reduction how the per-row losses combine
 */
public record CrossEntropyLoss(Loss.Kind kind, CrossEntropyOptions options, Reduction reduction)
    implements Loss {
  /**
   * Checks the parts.
   *
   * @param kind softmax cross-entropy or negative log-likelihood
   * @param options the class weights, ε and ignore index
   * @param reduction how the per-row losses combine
   * @throws IllegalArgumentException for another kind of loss, which takes no such options
   */
  public CrossEntropyLoss {
    checkNotNull(kind, "loss kind is null");
    checkNotNull(options, "%s: options are null", kind);
    checkNotNull(reduction, "loss reduction is null");
    checkArgument(kind == Loss.Kind.SOFTMAX_CROSS_ENTROPY
            || kind == Loss.Kind.NEGATIVE_LOG_LIKELIHOOD, "class weights and label smoothing"
            + " are options of softmax cross-entropy and negative log-likelihood, not of %s",
        kind.name().toLowerCase(Locale.ROOT).replace('_', '-'));
  }

  /**
   * The same loss with another reduction; {@link Reduction#NONE} for the per-row losses,
   * PyTorch's {@code CrossEntropyLoss(weight=, label_smoothing=, reduction='none')}.
   *
   * @param newReduction the reduction
   * @return the loss with it
   */
  public CrossEntropyLoss withReduction(Reduction newReduction) {
    return new CrossEntropyLoss(kind, options, newReduction);
  }

  @Override
  public Variable compute(Variable prediction, Tensor target) {
    return kind == Loss.Kind.SOFTMAX_CROSS_ENTROPY
        ? CrossEntropies.softmaxCrossEntropy(prediction, target, options, reduction)
        : CrossEntropies.negativeLogLikelihood(prediction, target, options, reduction);
  }

  /**
   * Σᵢ w_{yᵢ} for class indices with weights, what the batch's weighted mean divides by (with
   * the largest weight at 1, as the loss computes it, the same scale in every batch), over the
   * rows an ignore index leaves (their count, without weights), so that a trainer's epoch loss is
   * the (weighted) mean over the epoch's rows that count; the samples otherwise, whose mean is
   * over the rows. The target is one {@link #compute} took, which checked it.
   */
  @Override
  public double meanWeight(Tensor prediction, Tensor target, int samples) {
    Tensor weights = options.classWeights();
    boolean plain = weights == null && options.ignoreIndex().isEmpty();
    return plain || target.shape().equals(prediction.shape()) ? samples
        : CrossEntropies.meanDivisor(target, weights, options, prediction);
  }

  /** The options' ignore index: accuracy leaves its rows out, as the loss does. */
  @Override
  public OptionalInt ignoreIndex() {
    return options.ignoreIndex();
  }

  @Override
  public Outputs outputs() {
    return Outputs.CLASS_SCORES;
  }

  @Override
  public boolean keepsForwardValues() {
    return false;
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(Locale.ROOT).replace('_', '-') + " ("
        + reduction.name().toLowerCase(Locale.ROOT)
        + (options.isNone() ? "" : ", " + options) + ")";
  }
}
