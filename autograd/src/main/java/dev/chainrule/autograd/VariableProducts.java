package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkNotNull;
import static dev.chainrule.autograd.ConvolutionOps.CONV2D_WEIGHT_GRAD;
import static dev.chainrule.autograd.ConvolutionOps.CONV_TRANSPOSE_2D;
import static dev.chainrule.autograd.ConvolutionOps.MAX_POOL_2D;

import dev.chainrule.autograd.ConvolutionOps.Kernel;
import dev.chainrule.autograd.ConvolutionOps.Transposed;
import dev.chainrule.core.Conv2dOptions;
import dev.chainrule.core.Moments;
import dev.chainrule.core.Pool2dOptions;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Transpose;
import java.util.function.Consumer;

/**
 * Matrix products, dense layers, the fused losses, convolutions, pooling and normalization of
 * graph variables, part of {@link Variable}'s API in a file of its own. Each records its ops in the
 * graph. {@link Variable} is the only implementation.
 */
public sealed interface VariableProducts permits Variable {
  // ---- linear algebra and the fused loss ----

  /**
   * C = op(A)·op(B), op transposing the last two axes as the mode says; A·B: ∂A = G·Bᵀ,
   * ∂B = Aᵀ·G; Aᵀ·B: ∂A = B·Gᵀ, ∂B = A·G; A·Bᵀ: ∂A = G·B, ∂B = Gᵀ·A; Aᵀ·Bᵀ: ∂A = Bᵀ·Gᵀ,
   * ∂B = Gᵀ·Aᵀ. NumPy's matmul: batch axes broadcast, a 1-D left operand is a row and a 1-D right
   * operand a column, whose axis is dropped again.
   *
   * @param other the other operand; the two broadcast
   * @param mode which operands are transposed
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable matmul(Variable other, Transpose mode) {
    return LinearOps.matmul(self(), other, mode);
  }

  /**
   * A·B; see {@link Variable#matmul(Variable, Transpose)}.
   *
   * @param other the other operand; the two broadcast
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable matmul(Variable other) { return matmul(other, Transpose.NONE); }

  /**
   * Softmax cross-entropy, fused and stable: ℓᵢ = Σₖ yᵢₖ · log Σₖ e^zᵢₖ − Σₖ yᵢₖ·zᵢₖ per row i,
   * summed or averaged over the n rows; ∂z = g·(softmax(z)·Σₖ yₖ − y), divided by n for the mean
   * (softmax(z) − y for one-hot rows). That is −Σₖ yᵢₖ log softmax(z)ᵢₖ for any targets. The
   * classes are the last axis; targets are class indices (the logits' shape without the last
   * axis) or rows like the logits (one-hot or probabilities). The targets are kept for the
   * backward pass as they are, not copied (as PyTorch keeps them): changing them in place before
   * backward runs makes backward refuse, naming the op. A class a target row gives 0 adds 0,
   * even at a logit of −∞ (a masked class; 0·(−∞) would make the loss NaN), as with indices.
   *
   * @param target class indices (the logits' shape without the last axis) or rows like the logits
   *     (finite and non-negative)
   * @param reduction mean or sum over the rows; not {@link Reduction#NONE}, which the fused op
   *     does not give (nn's {@code Losses.softmaxCrossEntropy} does, composed)
   * @return the result, recorded in the graph when gradients are wanted
   * @throws IllegalArgumentException naming softmaxCrossEntropy when the shapes do not match, the
   *     logits have no classes (an empty last axis), the reduction is NONE, there are no values
   *     to average, or a target
   *     row holds a negative, infinite or NaN value, or one past the range of the logits' type
   *     (named)
   */
  default Variable softmaxCrossEntropy(Tensor target, Reduction reduction) {
    return SoftmaxOps.softmaxCrossEntropy(self(), target, reduction);
  }

  /**
   * Squared error, one fused node (PyTorch's mse_loss): y = Σ (x − t)² / d over every element,
   * for data t like x and a divisor d > 0; ∂x = g · 2(x − t) / d. The mean squared error of n
   * samples of k outputs each is the divisor n·k.
   *
   * @param target the data, this variable's shape, taken in its type
   * @param divisor what the sum is divided by: positive and finite
   * @return the result, a scalar, recorded in the graph when gradients are wanted
   * @throws IllegalArgumentException naming squaredError and the shapes or the divisor
   */
  default Variable squaredError(Tensor target, double divisor) {
    return ErrorOps.squaredError(self(), target, divisor);
  }

  /**
   * The mean softmax cross-entropy; see {@link Variable#softmaxCrossEntropy(Tensor, Reduction)}.
   *
   * @param target class indices (the logits' shape without the last axis) or rows like the logits
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable softmaxCrossEntropy(Tensor target) {
    return softmaxCrossEntropy(target, Reduction.MEAN);
  }

  // ---- convolution, pooling and normalization (NCHW) ----

  /**
   * PyTorch's conv2d, one fused node: y = Σ over the input channels of the group and the taps of
   * x·W, plus b per output channel (NCHW; x [N, C, H, W], W [O, C / groups, kh, kw], b [O]);
   * ∂x = convTranspose2d(g, W), ∂W = conv2dWeightGrad(x, g), ∂b = Σ of g over batch, height and
   * width. Cross-correlation, as in every deep learning library; lowered to the GEMM seam one
   * image at a time.
   *
   * @param weight [O, C / groups, kh, kw]
   * @param bias [O], or {@code null}
   * @param options stride, padding, dilation and groups
   * @return [N, O, Ho, Wo], recorded in the graph when gradients are wanted
   */
  default Variable conv2d(Variable weight, Variable bias, Conv2dOptions options) {
    return ConvolutionOps.conv2d(self(), weight, bias, options);
  }

  /**
   * The adjoint of conv2d in its input, PyTorch's conv_transpose2d without bias: y = g spread
   * back through W onto the height × width image, adding where windows overlap: the adjoint of
   * conv2d in its input; ∂g = conv2d(h, W), ∂W = conv2dWeightGrad(h, g) for the incoming
   * gradient h. This variable is g [N, O, Ho, Wo]; the size is given because with a stride above
   * 1 several image sizes convolve to the same output.
   *
   * @param weight [O, C / groups, kh, kw], as conv2d takes it
   * @param options the convolution's stride, padding, dilation and groups
   * @param height the result's rows
   * @param width the result's columns
   * @return [N, C, height, width], recorded in the graph when gradients are wanted
   */
  default Variable convTranspose2d(Variable weight, Conv2dOptions options, int height,
      int width) {
    checkNotNull(weight, "convTranspose2d: weight is null");
    return CONV_TRANSPOSE_2D.apply(new Transposed(options, height, width), self(), weight);
  }

  /**
   * The gradient of conv2d with respect to its weight, as an op of its own so that it can be
   * differentiated again: y = Σ over images and positions of g times x under each tap: the
   * adjoint of conv2d in its weight; ∂x = convTranspose2d(g, k), ∂g = conv2d(x, k) for the
   * incoming gradient k. This variable is x [N, C, H, W].
   *
   * @param gradOutput g [N, O, Ho, Wo]
   * @param options the convolution's stride, padding, dilation and groups
   * @param kernelHeight the kernel's rows
   * @param kernelWidth the kernel's columns
   * @return [O, C / groups, kernelHeight, kernelWidth], recorded when gradients are wanted
   */
  default Variable conv2dWeightGrad(Variable gradOutput, Conv2dOptions options, int kernelHeight,
      int kernelWidth) {
    checkNotNull(gradOutput, "conv2dWeightGrad: gradient is null");
    return CONV2D_WEIGHT_GRAD.apply(new Kernel(options, kernelHeight, kernelWidth), self(),
        gradOutput);
  }

  /**
   * Max pooling: y = the maximum of each window of each channel (NCHW), padding never winning
   * (in ceil mode a window past the input's edge takes the elements it covers); ∂x = g added at
   * the index of each window's maximum (the first among ties, as PyTorch). Ceil mode is {@link
   * Pool2dOptions#ceilMode}, PyTorch's {@code ceil_mode}.
   *
   * @param options kernel, stride, padding, dilation and ceil mode
   * @return [N, C, Ho, Wo], recorded in the graph when gradients are wanted
   */
  default Variable maxPool2d(Pool2dOptions options) {
    checkNotNull(options, "maxPool2d: options are null");
    return MAX_POOL_2D.apply(options, self());
  }

  /**
   * Average pooling: y = the mean of each window of each channel, padding counted as zeros
   * (PyTorch's count_include_pad), computed as conv2d of each channel with a constant kernel
   * 1 / (kh·kw), or past 256 taps as a 1×kw sum then a kh×1 convolution with 1 / (kh·kw);
   * ∂x = g / (kh·kw) spread back over each window. Where windows count different taps (ceil
   * mode's last windows count those before the padding's end; without count_include_pad, those
   * on the input), the convolutions sum, over planes extended with zeros to the last window, and
   * the sums are divided by each window's count: ∂x = g / count spread back. The two passes of a
   * large window (a box sum is separable) make no kh·kw kernel; a window whose passes would need
   * an array longer than Java's is refused under this op's name.
   *
   * <p>The counts are PyTorch 1.13's: in ceil mode ({@link Pool2dOptions#ceilMode}) a last
   * window past the padded input divides by its taps before the end of the bottom or right
   * padding, and without {@link Pool2dOptions#countIncludePad} every window divides by its taps
   * on the input (a dilated window with none, which PyTorch's average pooling cannot make, is
   * refused).
   *
   * @param options kernel, stride, padding, dilation, ceil mode and count_include_pad
   * @return [N, C, Ho, Wo], recorded in the graph when gradients are wanted
   */
  default Variable avgPool2d(Pool2dOptions options) {
    return ConvolutionOps.avgPool2d(self(), options);
  }

  /**
   * Standardizes over a set of axes, the core of batch and layer normalization: y = (x −
   * mean(x)) / √(var(x) + ε) over the axes, var the population variance; ∂x = (g − mean(g) −
   * y·mean(g·y)) / √(var(x) + ε), the means over the axes, y and the scale recomputed from x
   * where the rule is recorded (as PyTorch's, from the input); a group whose var + ε overflows or
   * is subnormal is first divided by its largest |x − mean(x)|. That does not cover a float64
   * group whose sum passes float64's range (1e308 twice, or 1.5e308 and 1.6e308): its mean is ±∞
   * ({@link dev.chainrule.core.Tensor#mean()}), every |x − mean(x)| ∞, and the values and
   * gradients NaN, as PyTorch 1.13's layer_norm. One fused node. As the recorded
   * rule reads x, not y, a hook on y does not run again in a higher-order pass through this op.
   *
   * @param axes the axes each group spans (batch and spatial axes for batch normalization, the
   *     trailing ones for layer normalization); negative ones count from the end, and a rank-0
   *     variable's axis 0 or −1 is its one element (0 after standardizing), as in the reductions
   * @param eps added to the variance, at least 0
   * @return the standardized values, recorded in the graph when gradients are wanted
   * @throws IllegalArgumentException if no axes are given, an axis is out of range or repeated,
   *     eps is negative or not finite, or an axis standardized over is empty while there are
   *     groups (each would have no values; with another axis empty there are none, and the
   *     result is empty)
   * @throws NullPointerException if the axes are null
   */
  default Variable standardize(int[] axes, double eps) {
    return NormalizationOps.standardize(self(), axes, eps, null);
  }

  /**
   * {@link #standardize(int[], double)}, handing the forward's statistics to {@code observer}:
   * y = (x − mean(x)) / √(var(x) + ε) over the axes, var the population variance; ∂x = (g −
   * mean(g) − y·mean(g·y)) / √(var(x) + ε), the means over the axes. A batch normalization takes
   * its running mean and variance from them rather than reading the batch again for each.
   *
   * @param axes the axes each group spans, as for {@link #standardize(int[], double)}
   * @param eps added to the variance, at least 0
   * @param observer given x's moments over the axes once, by the forward (not by a recomputation
   *     in a higher-order pass)
   * @return the standardized values, recorded in the graph when gradients are wanted
   * @throws IllegalArgumentException as {@link #standardize(int[], double)}
   * @throws NullPointerException if the axes or the observer are null
   */
  default Variable standardize(int[] axes, double eps, Consumer<Moments> observer) {
    checkNotNull(observer, "standardize: the observer is null");
    return NormalizationOps.standardize(self(), axes, eps, observer);
  }

  /** The variable itself, this interface's only implementation. */
  private Variable self() {
    return (Variable) this;
  }
}
