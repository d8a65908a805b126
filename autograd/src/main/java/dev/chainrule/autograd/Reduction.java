package dev.chainrule.autograd;

/**
 * How per-sample losses combine into one number, or that they do not. Samples are the rows of the
 * prediction (or its elements, for a rank-1 prediction); a categorical loss's are the rows of its
 * class axis, every position but the last axis ([N, T, K] has N·T).
 *
 * <p>PyTorch's {@code reduction=} is 'mean', 'sum' or 'none', and so is this, with one difference
 * in what a sample's loss is. For a categorical loss ({@code cross_entropy}, {@code nll_loss},
 * with {@code weight=} and {@code label_smoothing=} too) the ℓᵢ are PyTorch's: its 'none' gives
 * exactly {@link #NONE}'s values (with class weights w_{yᵢ}·ℓᵢ, unnormalised). For {@code
 * mse_loss} and {@code binary_cross_entropy(_with_logits)} PyTorch's 'none' keeps every element
 * [N, K]; here a sample's loss is the mean over its K outputs (sum of squares and half MSE: their
 * sum and half-sum), so {@link #NONE} is PyTorch's 'none' averaged over all but the first axis.
 */
public enum Reduction {
  /** (1/N)·Σᵢ ℓᵢ over the N samples. */
  MEAN,
  /** Σᵢ ℓᵢ. */
  SUM,
  /**
   * The per-sample losses ℓᵢ themselves, a differentiable tensor of one loss per sample: [N] for
   * a prediction [N, K] (or [N]); the prediction's shape without the class axis for a categorical
   * loss on [..., K]; a scalar for a scalar prediction (one sample). For weighting samples, mining
   * hard examples or per-example gradients; a trainer, which needs one number per batch, refuses
   * such a loss, and so do the fused ops of autograd that reduce ({@link
   * Variable#softmaxCrossEntropy(dev.chainrule.core.Tensor, Reduction)}: the losses of {@code
   * nn} compose their per-sample forms). Their sum is SUM and their mean MEAN, to rounding, except
   * where MEAN is a weighted mean (class weights against class indices divide by the rows' class
   * weights, as PyTorch's do).
   */
  NONE
}
