package dev.chainrule.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;

/**
 * The softmax cross-entropy of rows of logits (the last axis) against one class index per row,
 * without one-hot rows: what a classifier's loss computes every training step. The forward makes
 * the softmax and the summed loss Σᵢ (log Σₖ e^zᵢₖ − zᵢ,cᵢ) from one exponential pass; the
 * gradient is scale·(softmax − one-hot), written into one new array. Both are PyTorch's
 * {@code cross_entropy} with class indices, summed.
 */
public final class ClassCrossEntropy {
  private static final String OP = "softmaxCrossEntropy";

  private ClassCrossEntropy() {}

  /**
   * The forward's two results.
   *
   * @param probabilities the softmax of every row of the logits, in their type: the gradient is
   *     made from it
   * @param total the loss summed over the rows, computed in float64 for both types
   */
  public record Forward(Tensor probabilities, double total) {}

  /**
   * The softmax of the logits' rows and their summed cross-entropy against the classes.
   *
   * @param logits scores of any rank from 1, classes along the last axis
   * @param classes one class per row: the logits' shape without the last axis, whole numbers in
   *     [0, classes)
   * @return the softmax and the summed loss
   * @throws IllegalArgumentException naming softmaxCrossEntropy when the shapes do not match, the
   *     class axis is empty, or a class is out of range
   */
  public static Forward forward(Tensor logits, Tensor classes) {
    int[] offsets = offsets(logits, classes);
    int length = logits.shape().dimsView()[logits.rank() - 1];
    return logits.dtype() == DType.FLOAT64
        ? SoftmaxRowsF64.crossEntropyRows(logits, length, offsets)
        : SoftmaxRowsF32.crossEntropyRows(logits, length, offsets);
  }

  /**
   * The gradient of the loss with respect to the logits: scale·(p − y), y the one-hot rows of the
   * classes, as a new tensor in p's type.
   *
   * @param probabilities the forward's softmax
   * @param classes the classes the forward was given
   * @param scale the loss's incoming gradient, divided by the rows n when the loss is their mean
   * @return the gradient, shaped like the logits
   * @throws IllegalArgumentException as {@link #forward}
   */
  public static Tensor gradient(Tensor probabilities, Tensor classes, double scale) {
    int[] offsets = offsets(probabilities, classes);
    return probabilities.dtype() == DType.FLOAT64
        ? SoftmaxRowsF64.crossEntropyGradientRows(probabilities, offsets, scale)
        : SoftmaxRowsF32.crossEntropyGradientRows(probabilities, offsets, scale);
  }

  /** Each row's class as an offset into the rows, checked. */
  private static int[] offsets(Tensor rows, Tensor classes) {
    checkNotNull(rows, "%s: logits are null", OP);
    checkNotNull(classes, "%s: classes are null", OP);
    Shape shape = rows.shape();
    checkArgument(shape.rank() >= 1, "%s: logits %s need a class axis", OP, shape);
    int[] dims = shape.dimsView();
    Shape rowShape = Shape.of(Arrays.copyOf(dims, dims.length - 1));
    checkArgument(classes.shape().equals(rowShape),
        "%s: classes %s do not match logits %s (one class per row: the logits' shape without"
            + " the last axis)", OP, classes.shape(), shape);
    int count = dims[dims.length - 1];
    checkArgument(count > 0, "%s: logits %s have no classes", OP, shape);
    return Indexing.classOffsets(OP, classes, count);
  }
}
