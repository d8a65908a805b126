package dev.chainrule.nn.loss;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;

/**
 * The rows an ignore index ({@link CrossEntropyOptions#withIgnoreIndex}) leaves out of a
 * cross-entropy of class indices. The loss is still the fused op's over every row: an ignored
 * row's target is replaced by class 0, so that it passes the class check and becomes a one-hot
 * row, and its coefficients are then multiplied by 0, which gives it no loss and no gradient
 * (the op's gradient of a row is (Σₖ cₖ)·softmax − c); its logits are selected out too
 * ({@link #keptColumn}), as 0·log p is NaN for a row of −∞. No op of its own, so no catalogue
 * spec.
 *
 * @param classes the targets with each ignored one replaced by class 0
 * @param kept 1 for a row that counts, 0 for an ignored one, in float64, the targets' shape
 */
record IgnoredRows(Tensor classes, Tensor kept) {
  /**
   * Splits class-index targets into the rows that count and those equal to the index.
   *
   * @throws IllegalArgumentException naming the loss when the targets are rows of probabilities
   */
  static IgnoredRows of(String loss, Shape prediction, Tensor target, int index) {
    checkArgument(!target.shape().equals(prediction), "%s: an ignore index (%s) is for"
        + " class-index targets, and targets %s are rows of probabilities like the prediction:"
        + " leave the index out of the options for soft targets (PyTorch refuses a non-negative"
        + " ignore_index with them)", loss, index, target.shape());
    Tensor ignored = target.eq(index);
    return new IgnoredRows(
        Tensor.where(ignored, Tensors.zeros(Shape.scalar(), target.dtype()), target),
        Tensor.where(ignored, Tensor.scalar(0), Tensor.scalar(1)));
  }

  /** {@link #kept} with an axis of 1 appended, to multiply or select rows [..., K] by. */
  Tensor keptColumn() {
    return kept.unsqueeze(kept.rank());
  }

  /** The rows that count. */
  double keptCount() {
    return kept.sum().item();
  }
}
